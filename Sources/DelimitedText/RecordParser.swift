/// Splits valid UTF-8 into records, chunk by chunk, into one reusable record buffer.
///
/// A byte-level state machine over unsafe buffers, because the obvious route is far too slow: yaslab/CSV.swift
/// 2.5.2 read about 10 MB/s here (STYLE.md), and SPEC §9 needs a national night (several GB) read in minutes.
/// The unquoted hot loop tests each byte once against 13 (LF, CR and tab are all ≤ 13) and once against the
/// delimiter, and copies it into the record buffer in the same pass (a `memcpy` call per field cost more than the
/// copy for fields this short); in the steady state nothing is allocated. Throughput: see ``DelimitedReader``.
///
/// RFC 4180 with these leniencies, each chosen because real exports are sloppy there and no reading is ambiguous:
/// - a quote inside an unquoted field is data (`ab"c` reads `ab"c`): a quote opens a quoted field only as the
///   field's first character;
/// - text after a closing quote, before the delimiter or line end, is appended to the field as unquoted data
///   (`"ab"cd` reads `abcd`, `"ab" ` reads `ab `);
/// - a line end is LF or CRLF; a CR not followed by LF is data (RFC 4180 wants CRLF; Unix tools write LF);
/// - blank lines (nothing but a line end, outside quotes) hold no record and are skipped, so a trailing blank line
///   is harmless; their lines still count;
/// - records may have any number of fields (the caller treats missing ones as empty, extra ones as ignored).
/// And strict where data would be lost silently: a quoted field still open at the end of the file, a field of more
/// than 32,767 characters and a record of more than 16,384 fields are errors.
struct RecordParser: ~Copyable {
    private enum State {
        /// Before the first byte of a record.
        case recordStart
        /// After a CR at the start of a record: a blank CRLF line, or a field starting with CR.
        case blankCarriageReturn
        /// After a delimiter.
        case fieldStart
        case unquoted
        case quoted
        /// After a quote inside a quoted field: the closing quote, or the first of two.
        case quoteInQuoted
        /// After a CR inside a record: the record ends if LF follows, else the CR is data.
        case carriageReturn
    }

    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D
    private static let quote: UInt8 = 0x22

    /// The delimiter; set before the first record is parsed.
    var delimiter = Delimiter.comma
    /// The physical line of the next byte to parse (1-based).
    private(set) var line = 1
    /// How many bytes of the file have been read, passed on to each record for progress reports.
    var bytesRead = 0
    private var recordLine = 1
    private var state = State.recordStart
    private let path: String

    /// The fields of the record being parsed, back to back, and the end offset of each.
    private var storage = ByteBuffer(capacity: 4096)
    private var byteCount = 0
    private var fieldEnds: UnsafeMutablePointer<Int>
    private var fieldCapacity = 64
    private var fieldCount = 0
    private var fieldStart = 0

    /// A parser for the file at `path` (named in errors).
    init(path: String) {
        self.path = path
        fieldEnds = .allocate(capacity: fieldCapacity)
    }

    deinit { fieldEnds.deallocate() }

    /// Parses `input`, calling `emit` with each record it completes, until `emit` returns false or the input ends.
    /// Returns how many bytes were parsed; a record cut by the end of the input is completed by the next call.
    mutating func parse(
        _ input: UnsafeRawBufferPointer, _ emit: (borrowing DelimitedRecord) throws -> Bool
    ) throws -> Int {
        guard let base = input.baseAddress else { return 0 }
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        let end = input.count
        let delimiter = self.delimiter.rawValue
        let lineFeed = RecordParser.lineFeed
        let carriageReturn = RecordParser.carriageReturn
        let quote = RecordParser.quote
        var index = 0
        var state = self.state
        var line = self.line
        defer {
            self.state = state
            self.line = line
        }
        while index < end {
            switch state {
            case .recordStart:
                let byte = bytes[index]
                if byte == lineFeed {
                    index += 1
                    line += 1
                } else if byte == carriageReturn {
                    index += 1
                    state = .blankCarriageReturn
                } else {
                    recordLine = line
                    state = .fieldStart
                }
            case .blankCarriageReturn:
                if bytes[index] == lineFeed {
                    index += 1
                    line += 1
                    state = .recordStart
                } else {
                    recordLine = line
                    try append(carriageReturn)
                    state = .unquoted
                }
            case .fieldStart:
                if bytes[index] == quote {
                    index += 1
                    state = .quoted
                } else {
                    state = .unquoted
                }
            case .unquoted:
                // The hot loop: copy data bytes until a delimiter or line end, testing each byte once against 13
                // (LF, CR and tab are all ≤ 13) and once against the delimiter.
                let copied = reserveRun(end - index)
                var count = byteCount
                while index < end {
                    let byte = bytes[index]
                    if byte <= carriageReturn || byte == delimiter,
                        byte == delimiter || byte == lineFeed || byte == carriageReturn
                    {
                        break
                    }
                    copied[count] = byte
                    count += 1
                    index += 1
                }
                try endRun(count)
                guard index < end else { break }
                let byte = bytes[index]
                index += 1
                if byte == delimiter {
                    try endField()
                    state = .fieldStart
                } else if byte == lineFeed {
                    line += 1
                    state = .recordStart
                    guard try endRecord(emit) else { return index }
                } else {
                    state = .carriageReturn
                }
            case .carriageReturn:
                if bytes[index] == lineFeed {
                    index += 1
                    line += 1
                    state = .recordStart
                    guard try endRecord(emit) else { return index }
                } else {
                    try append(carriageReturn)
                    state = .unquoted
                }
            case .quoted:
                let copied = reserveRun(end - index)
                var count = byteCount
                while index < end {
                    let byte = bytes[index]
                    if byte == quote { break }
                    if byte == lineFeed { line += 1 }
                    copied[count] = byte
                    count += 1
                    index += 1
                }
                try endRun(count)
                guard index < end else { break }
                index += 1
                state = .quoteInQuoted
            case .quoteInQuoted:
                let byte = bytes[index]
                if byte == quote {
                    try append(quote)
                    index += 1
                    state = .quoted
                } else if byte == delimiter {
                    index += 1
                    try endField()
                    state = .fieldStart
                } else if byte == lineFeed {
                    index += 1
                    line += 1
                    state = .recordStart
                    guard try endRecord(emit) else { return index }
                } else if byte == carriageReturn {
                    index += 1
                    state = .carriageReturn
                } else {
                    state = .unquoted  // Leniency: text after the closing quote is appended.
                }
            }
        }
        return end
    }

    /// Ends the input: completes the last record if the file does not end with a line end.
    /// - Throws: ``InputError/unterminatedQuote(path:line:)`` if a quoted field is still open.
    mutating func finish(_ emit: (borrowing DelimitedRecord) throws -> Bool) throws {
        switch state {
        case .recordStart:
            return
        case .quoted:
            throw InputError.unterminatedQuote(path: path, line: recordLine)
        case .blankCarriageReturn:
            recordLine = line
            try append(RecordParser.carriageReturn)
        case .carriageReturn:
            try append(RecordParser.carriageReturn)
        case .fieldStart, .unquoted, .quoteInQuoted:
            break
        }
        state = .recordStart
        try endRecord(emit)
    }

    /// Makes room to copy up to `count` more bytes into the current field; returns the record buffer.
    @inline(__always)
    private mutating func reserveRun(_ count: Int) -> UnsafeMutablePointer<UInt8> {
        storage.reserve(byteCount + count, keeping: byteCount)
        return storage.bytes
    }

    /// Takes the bytes copied after `reserveRun` into the field (the buffer now holds `count` bytes); throws as
    /// soon as the field is certainly too long, so a runaway field stops within one chunk of 4 × 32,767 bytes.
    @inline(__always)
    private mutating func endRun(_ count: Int) throws {
        byteCount = count
        // 32,767 characters take at most 4 × 32,767 UTF-8 bytes; more bytes are certainly more characters.
        if count - fieldStart > 4 * DelimitedReader.maximumFieldLength {
            throw InputError.fieldTooLong(path: path, line: recordLine, field: fieldCount + 1)
        }
    }

    private mutating func append(_ byte: UInt8) throws {
        let copied = reserveRun(1)
        copied[byteCount] = byte
        try endRun(byteCount + 1)
    }

    @inline(__always)
    private mutating func endField() throws {
        let length = byteCount - fieldStart
        // Characters are counted only when the bytes could be too many: a field of at most 32,767 bytes has at
        // most 32,767 characters (Unicode scalars; a scalar starts at every byte that is not 10xxxxxx).
        if length > DelimitedReader.maximumFieldLength {
            var characters = 0
            for byte in UnsafeBufferPointer(start: storage.bytes + fieldStart, count: length)
            where byte & 0xC0 != 0x80 {
                characters += 1
            }
            if characters > DelimitedReader.maximumFieldLength {
                throw InputError.fieldTooLong(path: path, line: recordLine, field: fieldCount + 1)
            }
        }
        guard fieldCount < DelimitedReader.maximumFieldCount else {
            throw InputError.tooManyFields(path: path, line: recordLine)
        }
        if fieldCount == fieldCapacity {
            let grown = UnsafeMutablePointer<Int>.allocate(capacity: fieldCapacity * 2)
            grown.moveInitialize(from: fieldEnds, count: fieldCount)
            fieldEnds.deallocate()
            fieldEnds = grown
            fieldCapacity *= 2
        }
        fieldEnds[fieldCount] = byteCount
        fieldCount += 1
        fieldStart = byteCount
    }

    @discardableResult
    private mutating func endRecord(_ emit: (borrowing DelimitedRecord) throws -> Bool) throws -> Bool {
        try endField()
        let record = DelimitedRecord(
            line: recordLine, count: fieldCount, bytesRead: bytesRead, bytes: storage.bytes, ends: fieldEnds)
        byteCount = 0
        fieldCount = 0
        fieldStart = 0
        return try emit(record)
    }
}

/// Finds the delimiter from the header line (SPEC §2): tab if the line has a tab outside quotes and at least as
/// many tabs as commas, else comma.
///
/// It looks ahead of the parser, which needs the delimiter before it can parse the header. Any quote toggles
/// "inside quotes" here (the parser's rule — a quote opens a field only as its first character — depends on the
/// delimiter being found); for a header the two agree. Blank lines before the header are skipped.
struct DelimiterDetector {
    private var insideQuotes = false
    private var lineHasText = false
    private var tabs = 0
    private var commas = 0
    /// Whether the end of the header line has been seen.
    private(set) var isComplete = false

    /// The delimiter, from what has been scanned so far.
    var delimiter: Delimiter { tabs > 0 && tabs >= commas ? .tab : .comma }

    /// Scans the next bytes of the file, up to the end of the header line.
    mutating func scan(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            if isComplete { return }
            switch byte {
            case 0x22:
                insideQuotes.toggle()
                lineHasText = true
            case 0x0A where !insideQuotes:
                isComplete = lineHasText
            case 0x0D where !insideQuotes:
                break
            case 0x09 where !insideQuotes:
                tabs += 1
                lineHasText = true
            case 0x2C where !insideQuotes:
                commas += 1
                lineHasText = true
            default:
                lineHasText = true
            }
        }
    }
}
