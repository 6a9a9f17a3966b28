import DelimitedText
/// A delimited input opened for the night reader: the streaming reader of `DelimitedText`, with the header read and the
/// encoding decided.
struct DelimitedInput: ~Copyable {
    private var reader: DelimitedReader
    let header: [String]
    let encodingName: String
    let delimiterName: String

    /// Opens `path`; `encoding` (the `--encoding` option) overrides detection; `sniffer`, when the caller already
    /// fed it the whole file, decides without another read.
    init(path: String, encoding: String?, sniffer: EncodingSniffer? = nil) throws {
        let override = try encoding.map { name throws(InputError) in try EncodingOverride(name: name) }
        var opened: DelimitedReader
        if let sniffer {
            opened = try DelimitedReader(path: path, encoding: try sniffer.resolve(override: override, path: path))
        } else {
            opened = try DelimitedReader(path: path, encodingOverride: override)
        }
        let h = try opened.header()
        header = h.fields
        encodingName = opened.encoding.name.lowercased()
        delimiterName = h.delimiter.name
        reader = opened
    }

    /// Each record after the header, in file order; a record whose every field is empty is skipped (SPEC §2).
    mutating func forEachRecord(_ body: (borrowing DelimitedRecord) throws -> Void) throws {
        try reader.forEachRecord { record in
            if !record.isBlank { try body(record) }
        }
    }
}

extension DelimitedRecord {
    /// The field normalised (SPEC §3); empty when the column is absent or the record is short.
    func text(_ column: Int?) -> String {
        guard let c = column else { return "" }
        return withField(c) { TextNormalization.field(utf8: $0) }
    }

    /// Calls `body` with the normalised field's bytes (the file's own bytes when already normal).
    func withText<R>(_ column: Int?, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard let c = column else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try withField(c) { try TextNormalization.withField(utf8: $0, body) }
    }

    /// Calls `body` with the display form's bytes (format characters removed; the file's own bytes when it has none).
    func withDisplay<R>(_ column: Int?, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard let c = column else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try withField(c) { b in
            // U+200B–U+200D, U+2060 start with E2 80/81, U+FEFF with EF BB: without those bytes nothing changes.
            if !b.contains(0xE2) && !b.contains(0xEF) { return try body(b) }
            var s = TextNormalization.displayText(utf8: b)
            return try s.withUTF8(body)
        }
    }

    /// The field as the file has it.
    func raw(_ column: Int?) -> String {
        guard let c = column else { return "" }
        return string(c)
    }

    /// The field for display: format characters removed, nothing else.
    func display(_ column: Int?) -> String {
        guard let c = column else { return "" }
        return withField(c) { TextNormalization.displayText(utf8: $0) }
    }

    /// Reads an ID field straight from its bytes.
    func id(_ column: Int?, asOf: CalendarDate) -> Result<IDReading, IDProblem> {
        guard let c = column else { return .failure(.missing) }
        return withField(c) { ResidentID.read(utf8: $0, asOf: asOf) }
    }
}
