/// The character that separates the fields of a delimited-text file.
public enum Delimiter: UInt8, Sendable, Hashable {
    /// `,` — CSV.
    case comma = 0x2C
    /// Tab — Excel's "Unicode text" and most `.tsv` exports.
    case tab = 0x09

    /// The name to print in reports.
    public var name: String {
        switch self {
        case .comma: "comma"
        case .tab: "tab"
        }
    }
}

/// The header record of a delimited-text file, and what the reader learned from it.
public struct DelimitedHeader: Sendable, Equatable {
    /// The header fields as written (not trimmed or normalised: header matching is the caller's).
    public let fields: [String]
    /// The physical line the header starts on: 1, unless blank lines come before it.
    public let line: Int
    /// The delimiter detected from the header line, used for every record of the file.
    public let delimiter: Delimiter
}

/// One record of a delimited-text file, borrowed from the reader for the duration of one call of the closure
/// given to ``DelimitedReader/forEachRecord(_:)``.
///
/// The fields are slices of the reader's reusable record buffer, so reading a record allocates nothing; the type is
/// non-copyable so the view cannot outlive the call. Fields at or beyond ``count`` read as empty, which is what a
/// short row means (SPEC §2: missing fields are empty).
public struct DelimitedRecord: ~Copyable {
    /// The physical line the record starts on (the header is line 1; line breaks inside quoted fields count).
    public let line: Int
    /// How many fields the record has.
    public let count: Int
    /// How many bytes of the file the reader had read when it delivered this record: for a progress report
    /// against the file's size (SPEC §8), not a position (the reader reads ahead by up to one chunk).
    public let bytesRead: Int
    private let bytes: UnsafePointer<UInt8>
    private let ends: UnsafePointer<Int>

    init(line: Int, count: Int, bytesRead: Int, bytes: UnsafePointer<UInt8>, ends: UnsafePointer<Int>) {
        self.line = line
        self.count = count
        self.bytesRead = bytesRead
        self.bytes = bytes
        self.ends = ends
    }

    /// The bytes of field `index` (0-based): valid UTF-8, quotes removed. Empty at or beyond ``count``.
    /// The buffer is valid only inside `body`.
    public func withField<Result>(
        _ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows -> Result {
        precondition(index >= 0, "field index \(index) is negative")
        guard index < count else { return try body(UnsafeBufferPointer(start: bytes, count: 0)) }
        let start = index == 0 ? 0 : ends[index - 1]
        return try body(UnsafeBufferPointer(start: bytes + start, count: ends[index] - start))
    }

    /// Field `index` (0-based) as a string; empty at or beyond ``count``. Allocates: call it only for the fields kept.
    public func string(_ index: Int) -> String {
        withField(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// The length of field `index` in UTF-8 bytes; 0 at or beyond ``count``.
    public func byteCount(_ index: Int) -> Int {
        withField(index) { $0.count }
    }

    /// Whether every field is empty, which SPEC §2 says to skip. Looks at the record's length only.
    public var isBlank: Bool {
        count == 0 || ends[count - 1] == 0
    }

    /// All fields as strings. Allocates for every field: for headers, tests and small files.
    public func strings() -> [String] {
        var strings: [String] = []
        strings.reserveCapacity(count)
        for index in 0..<count {
            strings.append(string(index))
        }
        return strings
    }
}
