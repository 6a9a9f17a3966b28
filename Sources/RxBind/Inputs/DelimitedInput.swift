import Foundation

// TEMPORARY: a minimal whole-file reader so the pipeline can be exercised before the streaming reader of
// RxBind/Ingest lands; it is replaced by an adapter over that reader.

/// One record of a delimited file, as the night reader sees it.
struct DelimitedRecord {
    let line: Int
    let fields: [String]

    /// The field's bytes (empty when the column is absent or the record is short).
    func field(_ column: Int?) -> UnsafeBufferPointer<UInt8> {
        guard let c = column, c < fields.count else { return UnsafeBufferPointer(start: nil, count: 0) }
        var s = fields[c]
        return s.withUTF8 { b in
            let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: b.count)
            _ = copy.initialize(from: b)
            return UnsafeBufferPointer(copy)
        }
    }

    /// The field normalised (SPEC §3).
    func text(_ column: Int?) -> String { TextNormalization.field(raw(column)) }
    /// The field as the file has it.
    func raw(_ column: Int?) -> String { column.flatMap { $0 < fields.count ? fields[$0] : nil } ?? "" }
    /// The field for display (format characters removed).
    func display(_ column: Int?) -> String { TextNormalization.displayText(raw(column)) }
}

/// A delimited file opened for reading.
struct DelimitedInput {
    let header: [String]
    let encodingName: String
    let delimiterName: String
    private let records: [DelimitedRecord]

    init(path: String, displayName: String, encoding: String?) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputProblem.unreadable(file: displayName, detail: "cannot be read")
        }
        var text: String
        var enc = "utf-8"
        if data.starts(with: [0xFF, 0xFE]) {
            text = String(data: data, encoding: .utf16LittleEndian) ?? ""
            enc = "utf-16le"
        } else if let t = String(data: data, encoding: .utf8) {
            text = t
        } else {
            throw InputProblem.unreadable(file: displayName, detail: "is not UTF-8 text")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let delimiter: Character = firstLine.contains("\t") ? "\t" : ","
        var rows: [DelimitedRecord] = []
        var field = "", fields: [String] = [], quoted = false, line = 1, start = 1
        var it = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? { if let p = pending { pending = nil; return p }; return it.next() }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let n = next() { if n == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = n } } else { quoted = false }
                } else { if c == "\n" { line += 1 }; field.unicodeScalars.append(c) }
            } else if c == "\"" && field.isEmpty { quoted = true
            } else if Character(c) == delimiter { fields.append(field); field = ""
            } else if c == "\r" { continue
            } else if c == "\n" {
                fields.append(field); field = ""
                rows.append(DelimitedRecord(line: start, fields: fields)); fields = []
                line += 1; start = line
            } else { field.unicodeScalars.append(c) }
        }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); rows.append(DelimitedRecord(line: start, fields: fields)) }
        guard let h = rows.first else { throw InputProblem.noHeader(file: displayName) }
        header = h.fields
        records = Array(rows.dropFirst()).filter { !$0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        encodingName = enc
        delimiterName = delimiter == "\t" ? "tab" : "comma"
    }

    func forEachRecord(_ body: (DelimitedRecord) throws -> Void) throws {
        for r in records { try body(r) }
    }
}
