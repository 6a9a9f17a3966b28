import Files
/// Reads a delimited-text export (CSV or tab-separated, SPEC §2) record by record, streaming, in bounded memory.
///
/// Bytes are read in chunks, decoded to UTF-8 (``StreamDecoder``: UTF-8 passes through after validation,
/// UTF-16 is decoded by hand, GB18030 through iconv) and split into records (``RecordParser``) in one pass. The
/// reader knows nothing of columns: header matching, normalisation and ID validation are the caller's.
///
/// ```swift
/// var reader = try DelimitedReader(path: path, encoding: encoding)
/// let header = try reader.header()
/// try reader.forEachRecord { record in
///     record.withField(idColumn) { bytes in … }   // no allocation
///     let name = record.string(nameColumn)          // a String only for the fields kept
/// }
/// ```
///
/// Speed, measured on this 2-core machine in a release build (whole-module optimisation, page cache warm,
/// generated failure exports of about 100 MB: Chinese names and messages, 18-digit IDs, CRLF, a quoted line break
/// every 50 rows; the caller's closure sums every field's length and scans the ID field's bytes), as CPU time of
/// the reading thread, best of five: UTF-8 about 450 MB/s, GB18030 about 215 MB/s (iconv takes nearly 60 % of
/// that), UTF-16 LE about 440 MB/s of input; sniffing UTF-8 about 1.1 GB/s. While other builds shared the machine
/// the same runs gave as little as half that in wall-clock time. In the UTF-8 read, validation takes about a
/// quarter of the time and the parser about 40 %. yaslab/CSV.swift 2.5.2 read about 10 MB/s here (STYLE.md),
/// hence the byte-level parser; the target is 150 MB/s on one core.
public struct DelimitedReader: ~Copyable {
    /// The most characters (Unicode scalar values) one field may have: Excel's limit for one cell (SPEC §2).
    public static let maximumFieldLength = 32_767
    /// The most fields one record may have: Excel's column limit. Keeps a file without line ends (or a wrong
    /// delimiter guess on binary data) from growing the record buffer without bound.
    public static let maximumFieldCount = 16_384
    /// The number of bytes read at a time.
    public static let defaultChunkSize = 256 * 1024

    /// How far the delimiter detection looks for the end of the header line before deciding from what it saw.
    private static let headerLookahead = 1 << 20

    /// The path as the caller gave it, named in every error.
    public let path: String
    /// The encoding the file is decoded with.
    public let encoding: TextEncoding

    private let file: ReadableFile
    private var decoder: StreamDecoder
    private var parser: RecordParser
    private let chunkSize: Int

    /// Raw bytes: the undecoded tail of the last chunk, then the chunk just read.
    private var raw: ByteBuffer
    private var rawCount = 0
    /// How many bytes at the front of `raw` the last step decoded (dropped before the next read).
    private var rawConsumed = 0
    /// The offset in the file of `raw`'s first byte.
    private var rawFileOffset = 0
    private var isAtEnd = false
    /// A decoding problem found after text that has not been parsed yet: thrown once that text is parsed, so the
    /// records before it are delivered and its line is known.
    private var deferredFailure: DecodeFailure?

    /// Decoded text held while the header is found: the delimiter detection reads ahead of the parser.
    private var pending = ByteBuffer(capacity: 0)
    private var pendingCount = 0
    private var pendingParsed = 0
    private var cachedHeader: DelimitedHeader?

    /// Opens `path` to be read as `encoding` (from ``EncodingSniffer/resolve(override:path:)``).
    /// - Parameter chunkSize: bytes read at a time; tests use tiny chunks to cut characters and records.
    /// - Throws: ``InputError`` if the file cannot be opened or the GB18030 converter is missing.
    public init(path: String, encoding: TextEncoding, chunkSize: Int = defaultChunkSize) throws(InputError) {
        precondition(chunkSize > 0, "chunk size must be positive")
        // A step decodes the carried-over tail (at most 3 bytes) and one chunk.
        let decoder = try StreamDecoder(encoding: encoding, chunkCapacity: chunkSize + 8)
        let file: ReadableFile
        do { file = try ReadableFile(path: path) } catch { throw .file(error) }
        self.path = path
        self.encoding = encoding
        self.chunkSize = chunkSize
        self.file = file
        self.decoder = decoder
        raw = ByteBuffer(capacity: chunkSize + 8)
        parser = RecordParser(path: path)
    }

    /// Opens `path`, detecting its encoding first (a whole extra read of the file unless `encodingOverride` is
    /// given or a byte-order mark decides). Callers that read the file anyway should feed an ``EncodingSniffer``
    /// during that read and use ``init(path:encoding:chunkSize:)``.
    public init(path: String, encodingOverride: EncodingOverride? = nil) throws(InputError) {
        let encoding = try EncodingSniffer.sniff(path: path, override: encodingOverride)
        try self.init(path: path, encoding: encoding)
    }

    /// The header record (the first record that is not a blank line) and the delimiter detected from it.
    /// - Throws: ``InputError/emptyFile(path:)`` if the file holds no record at all, or any reading error.
    public mutating func header() throws -> DelimitedHeader {
        if let cachedHeader { return cachedHeader }
        var detector = DelimiterDetector()
        while !detector.isComplete && pendingCount < DelimitedReader.headerLookahead {
            guard let text = try nextText() else { break }
            appendPending(text)
            detector.scan(text)
        }
        parser.delimiter = detector.delimiter
        var fields: [String]?
        var line = 0
        func keep(_ record: borrowing DelimitedRecord) -> Bool {
            fields = record.strings()
            line = record.line
            return false
        }
        while fields == nil {
            let text = pendingText
            pendingParsed += try parser.parse(text, keep)
            if fields != nil { break }
            // The header is longer than the look-ahead (or its quotes fooled the detection): keep parsing.
            pendingCount = 0
            pendingParsed = 0
            guard let text = try nextText() else {
                try parser.finish(keep)
                break
            }
            appendPending(text)
        }
        guard let fields else { throw InputError.emptyFile(path: path) }
        let header = DelimitedHeader(fields: fields, line: line, delimiter: detector.delimiter)
        cachedHeader = header
        return header
    }

    /// Calls `body` with each record after the header, in file order; reads the header first if ``header()`` has
    /// not been called. A header-only file calls `body` never.
    /// - Throws: the first ``InputError`` of the file (after delivering the records before it), or what `body`
    ///   throws. After an error the reader is spent: open the file again to read it again.
    public mutating func forEachRecord(_ body: (borrowing DelimitedRecord) throws -> Void) throws {
        if cachedHeader == nil { _ = try header() }
        func deliver(_ record: borrowing DelimitedRecord) throws -> Bool {
            try body(record)
            return true
        }
        if pendingParsed < pendingCount {
            let text = pendingText
            pendingParsed += try parser.parse(text, deliver)
        }
        pendingCount = 0
        pendingParsed = 0
        while let text = try nextText() {
            let parsed = try parser.parse(text, deliver)
            precondition(parsed == text.count, "the parser stops early only when told to")
        }
        try parser.finish(deliver)
    }

    /// The decoded text held for the header and not parsed yet.
    private var pendingText: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: pending.base + pendingParsed, count: pendingCount - pendingParsed)
    }

    private mutating func appendPending(_ text: UnsafeRawBufferPointer) {
        guard let source = text.baseAddress else { return }
        pending.reserve(pendingCount + text.count, keeping: pendingCount)
        (pending.base + pendingCount).copyMemory(from: source, byteCount: text.count)
        pendingCount += text.count
    }

    /// The next decoded text, valid until the next call; nil at the end of the file. Throws a decoding problem
    /// once the text before it has been handed out.
    private mutating func nextText() throws(InputError) -> UnsafeRawBufferPointer? {
        while true {
            if let deferredFailure { throw error(for: deferredFailure) }
            if isAtEnd { return nil }
            // Move the undecoded tail (at most a few bytes) to the front; the text handed out last has been parsed.
            let carried = rawCount - rawConsumed
            for index in 0..<carried {
                raw.bytes[index] = raw.bytes[rawConsumed + index]
            }
            rawFileOffset += rawConsumed
            rawCount = carried
            let read: Int
            do { read = try file.read(into: raw.base + rawCount, count: chunkSize) } catch { throw .file(error) }
            rawCount += read
            parser.bytesRead = rawFileOffset + rawCount
            isAtEnd = read == 0
            let chunk = decoder.decode(UnsafeRawBufferPointer(start: raw.base, count: rawCount), isFinal: isAtEnd)
            rawConsumed = chunk.consumed
            deferredFailure = chunk.failure?.shifted(by: rawFileOffset)
            if !chunk.text.isEmpty { return chunk.text }
        }
    }

    /// The error for a decoding problem. Every decoded byte before it has been parsed, or is held in `pending`.
    private func error(for failure: DecodeFailure) -> InputError {
        var line = parser.line
        for byte in pendingText where byte == 0x0A {
            line += 1
        }
        switch failure {
        case .invalidBytes(let offset):
            return .invalidBytes(path: path, encoding: encoding, line: line, byteOffset: offset)
        case .incompleteCharacterAtEnd(let offset):
            return .incompleteCharacterAtEnd(path: path, encoding: encoding, line: line, byteOffset: offset)
        case .unpairedSurrogate(let offset):
            return .unpairedSurrogate(path: path, encoding: encoding, line: line, byteOffset: offset)
        case .nulCharacter(let offset):
            return .notText(path: path, reason: .nulCharacter, line: line, byteOffset: offset)
        case .zipArchive:
            return .notText(path: path, reason: .zipArchive, line: 1, byteOffset: 0)
        }
    }
}
