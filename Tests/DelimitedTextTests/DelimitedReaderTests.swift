import Files
import Foundation
import TestSupport
import Testing

@testable import DelimitedText

// MARK: - Helpers shared by the Decoder*, DelimitedReader* and Encoding* tests

/// A record as the tests compare it: its start line and its fields.
struct IngestRecord: Equatable, Decodable, CustomStringConvertible {
    let line: Int
    let fields: [String]

    var description: String { "\(line): \(fields)" }
}

/// The path of a file in `Fixtures/encodings/`.
func ingestFixture(_ name: String) throws -> String {
    let folder = try #require(Bundle.module.path(forResource: "Fixtures", ofType: nil))
    return folder + "/encodings/" + name
}

/// The records a `*.records.json` fixture lists (written by Python's csv module when the fixtures were made).
func expectedIngestRecords(_ name: String) throws -> [IngestRecord] {
    let data = try Data(contentsOf: URL(fileURLWithPath: try ingestFixture(name)))
    return try JSONDecoder().decode([IngestRecord].self, from: data)
}

/// Writes `bytes` to a file named `name` in `directory`; returns its path.
func writeIngestFile(_ bytes: [UInt8], to name: String, in directory: TemporaryDirectory) throws -> String {
    let path = directory.file(name)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

/// Writes `text` as UTF-8 to a file named `name` in `directory`; returns its path.
func writeIngestFile(_ text: String, to name: String, in directory: TemporaryDirectory) throws -> String {
    try writeIngestFile(Array(text.utf8), to: name, in: directory)
}

/// Reads a whole file: the header first, then every record.
func readIngestFile(
    _ path: String, encoding: TextEncoding? = nil, chunkSize: Int = DelimitedReader.defaultChunkSize
) throws -> (delimiter: Delimiter, records: [IngestRecord]) {
    let resolved = try encoding ?? EncodingSniffer.sniff(path: path)
    var reader = try DelimitedReader(path: path, encoding: resolved, chunkSize: chunkSize)
    let header = try reader.header()
    var records = [IngestRecord(line: header.line, fields: header.fields)]
    try reader.forEachRecord { record in
        records.append(IngestRecord(line: record.line, fields: record.strings()))
    }
    return (header.delimiter, records)
}

/// The error reading a whole file throws, or nil.
func ingestError(
    _ path: String, encoding: TextEncoding? = nil, chunkSize: Int = DelimitedReader.defaultChunkSize
) -> InputError? {
    do {
        _ = try readIngestFile(path, encoding: encoding, chunkSize: chunkSize)
        return nil
    } catch let error as InputError {
        return error
    } catch {
        Issue.record("reading threw \(error), not an InputError")
        return nil
    }
}

// MARK: - The same table in five encodings

@Suite struct DelimitedReaderFixtureTests {
    static let tables: [(file: String, encoding: TextEncoding, delimiter: Delimiter)] = [
        ("table-utf8.csv", .utf8, .comma),
        ("table-utf8-bom.csv", .utf8, .comma),
        ("table-utf16le-bom.tsv", .utf16LittleEndian, .tab),
        ("table-utf16be-bom.csv", .utf16BigEndian, .comma),
        ("table-gb18030.csv", .gb18030, .comma),
    ]

    @Test(arguments: tables)
    func eachEncodingReadsToTheSameRecordsAndLines(file: String, encoding: TextEncoding, delimiter: Delimiter) throws {
        let path = try ingestFixture(file)
        #expect(try EncodingSniffer.sniff(path: path) == encoding)
        let read = try readIngestFile(path)
        #expect(read.delimiter == delimiter)
        #expect(read.records == (try expectedIngestRecords("table.records.json")))
    }

    @Test(arguments: tables)
    func tinyChunksCutCharactersAndRecordsWithoutChangingThem(
        file: String, encoding: TextEncoding, delimiter: Delimiter
    ) throws {
        let path = try ingestFixture(file)
        let whole = try readIngestFile(path, encoding: encoding, chunkSize: 1 << 20).records
        for chunkSize in 1...64 {
            let read = try readIngestFile(path, encoding: encoding, chunkSize: chunkSize)
            #expect(read.records == whole, "chunk size \(chunkSize)")
            #expect(read.delimiter == delimiter, "chunk size \(chunkSize)")
        }
    }

    /// The reference night's exports against what Python's csv module reads from them: GB18030 with CRLF and
    /// GB18030-2005 codes, UTF-8 with BOM and quoted line breaks (so record and line numbers differ), UTF-16 with
    /// tabs.
    @Test(arguments: [
        ("night-failures-a.csv", TextEncoding.gb18030, Delimiter.comma),
        ("night-failures-b.csv", .utf8, .comma),
        ("night-registry.tsv", .utf16LittleEndian, .tab),
    ])
    func realExportsReadLikePythonsCSVModule(file: String, encoding: TextEncoding, delimiter: Delimiter) throws {
        let path = try ingestFixture(file)
        #expect(try EncodingSniffer.sniff(path: path) == encoding)
        let expected = try expectedIngestRecords(file + ".records.json")
        let read = try readIngestFile(path)
        #expect(read.delimiter == delimiter)
        #expect(read.records.count == expected.count)
        for (got, want) in zip(read.records, expected) where got != want {
            Issue.record("\(file): read \(got), expected \(want)")
        }
        for chunkSize in [1, 2, 3, 5, 7, 64, 4093] {
            #expect(try readIngestFile(path, encoding: encoding, chunkSize: chunkSize).records == read.records)
        }
    }

    @Test func quotedLineBreaksMakePhysicalLinesDifferFromRecordNumbers() throws {
        let records = try readIngestFile(try ingestFixture("night-failures-b.csv")).records
        // Python's reading says which records hold a line break; those push the next record's line down.
        let spanning = records.filter { $0.fields.contains { $0.contains("\n") } }
        #expect(!spanning.isEmpty)
        for (record, next) in zip(records, records.dropFirst()) {
            let breaks = record.fields.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
            #expect(next.line == record.line + 1 + breaks, "record at line \(record.line)")
        }
    }
}

// MARK: - Delimiters

@Suite struct DelimitedReaderDelimiterTests {
    @Test func commaSeparatedHeader() throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile("a,b,c\n1,2,3\n", to: "comma.csv", in: directory)
        let read = try readIngestFile(path)
        #expect(read.delimiter == .comma)
        #expect(read.records.last == IngestRecord(line: 2, fields: ["1", "2", "3"]))
    }

    @Test func tabSeparatedHeader() throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile("a\tb\tc\n1,5\t2\t3\n", to: "tab.tsv", in: directory)
        let read = try readIngestFile(path)
        #expect(read.delimiter == .tab)
        #expect(read.records.last == IngestRecord(line: 2, fields: ["1,5", "2", "3"]))
    }

    @Test func commasInsideQuotedTabSeparatedHeaderFieldsDoNotCount() throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile(
            "\"name, full\"\t\"id, number\"\tnote\nA\t1\tx,y,z\n", to: "quoted.tsv", in: directory)
        let read = try readIngestFile(path)
        #expect(read.delimiter == .tab)
        #expect(
            read.records == [
                IngestRecord(line: 1, fields: ["name, full", "id, number", "note"]),
                IngestRecord(line: 2, fields: ["A", "1", "x,y,z"]),
            ])
    }

    @Test func moreCommasThanTabsMeansComma() throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile("a\tb,c,d\n", to: "mixed.csv", in: directory)
        let read = try readIngestFile(path)
        #expect(read.delimiter == .comma)
        #expect(read.records == [IngestRecord(line: 1, fields: ["a\tb", "c", "d"])])
    }

    @Test func asManyTabsAsCommasMeansTab() throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile("a,b\tc\n", to: "tie.csv", in: directory)
        #expect(try readIngestFile(path).delimiter == .tab)
    }

    @Test func singleColumnHeaderIsComma() throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile("姓名\n张三\n", to: "single.csv", in: directory)
        let read = try readIngestFile(path)
        #expect(read.delimiter == .comma)
        #expect(read.records == [IngestRecord(line: 1, fields: ["姓名"]), IngestRecord(line: 2, fields: ["张三"])])
    }

    @Test func delimiterIsFoundInAHeaderLongerThanManyChunks() throws {
        let directory = try TemporaryDirectory("ingest")
        let header = (1...400).map { "column \($0)" }.joined(separator: "\t")
        let path = try writeIngestFile(header + "\n1\t2\n", to: "wide.tsv", in: directory)
        let read = try readIngestFile(path, chunkSize: 7)
        #expect(read.delimiter == .tab)
        #expect(read.records.first?.fields.count == 400)
        #expect(read.records.last == IngestRecord(line: 2, fields: ["1", "2"]))
    }
}

// MARK: - Quoting, line ends and leniencies

@Suite struct DelimitedReaderQuotingTests {
    func records(_ text: String, chunkSizes: [Int] = [1, 2, 3, 1 << 16]) throws -> [IngestRecord] {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile(text, to: "input.csv", in: directory)
        let whole = try readIngestFile(path, encoding: .utf8).records
        for chunkSize in chunkSizes {
            #expect(
                try readIngestFile(path, encoding: .utf8, chunkSize: chunkSize).records == whole, "chunk \(chunkSize)")
        }
        return whole
    }

    @Test func rfc4180QuotedFieldsHoldDelimitersDoubledQuotesAndLineBreaks() throws {
        #expect(
            try records("h1,h2,h3\n\"a,b\",\"say \"\"hi\"\"\",\"line 1\nline 2\r\nline 3\"\nnext,2,3\n") == [
                IngestRecord(line: 1, fields: ["h1", "h2", "h3"]),
                IngestRecord(line: 2, fields: ["a,b", "say \"hi\"", "line 1\nline 2\r\nline 3"]),
                IngestRecord(line: 5, fields: ["next", "2", "3"]),
            ])
    }

    @Test func crlfAndLFLineEndsMix() throws {
        #expect(
            try records("a,b\r\n1,2\n3,4\r\n") == [
                IngestRecord(line: 1, fields: ["a", "b"]), IngestRecord(line: 2, fields: ["1", "2"]),
                IngestRecord(line: 3, fields: ["3", "4"]),
            ])
    }

    @Test func carriageReturnNotBeforeLineFeedIsData() throws {
        #expect(
            try records("a,b\r\n1\r2,\r\n\r3,\"q\"\r4\n") == [
                IngestRecord(line: 1, fields: ["a", "b"]), IngestRecord(line: 2, fields: ["1\r2", ""]),
                IngestRecord(line: 3, fields: ["\r3", "q\r4"]),
            ])
    }

    @Test func fileWithoutFinalNewlineKeepsItsLastRecord() throws {
        #expect(
            try records("a,b\n1,2") == [
                IngestRecord(line: 1, fields: ["a", "b"]), IngestRecord(line: 2, fields: ["1", "2"]),
            ])
        #expect(
            try records("a,b\n1,\"2\"") == [
                IngestRecord(line: 1, fields: ["a", "b"]), IngestRecord(line: 2, fields: ["1", "2"]),
            ])
        #expect(
            try records("a,b\n1,") == [
                IngestRecord(line: 1, fields: ["a", "b"]), IngestRecord(line: 2, fields: ["1", ""]),
            ])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        #expect(
            try records("\r\n\na,b\n\n1,2\r\n\r\n\n3,4\n\n") == [
                IngestRecord(line: 3, fields: ["a", "b"]), IngestRecord(line: 5, fields: ["1", "2"]),
                IngestRecord(line: 8, fields: ["3", "4"]),
            ])
    }

    @Test func lineOfOnlyDelimitersOrEmptyQuotesIsARecord() throws {
        // Not blank lines: they hold empty fields, and SPEC §2's "a row with every field empty is skipped" is the
        // caller's rule, told by `isBlank`.
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile("a,b\n,\n\"\"\nx,y\n", to: "empty-fields.csv", in: directory)
        var reader = try DelimitedReader(path: path, encoding: .utf8)
        var seen: [(Int, Int, Bool)] = []
        try reader.forEachRecord { record in seen.append((record.line, record.count, record.isBlank)) }
        #expect(seen.map(\.0) == [2, 3, 4])
        #expect(seen.map(\.1) == [2, 1, 2])
        #expect(seen.map(\.2) == [true, true, false])
    }

    @Test func quoteInsideAnUnquotedFieldIsData() throws {
        #expect(
            try records("a,b\n5\"4,x\"y\"\n 'q' \"z\",w\n") == [
                IngestRecord(line: 1, fields: ["a", "b"]), IngestRecord(line: 2, fields: ["5\"4", "x\"y\""]),
                IngestRecord(line: 3, fields: [" 'q' \"z\"", "w"]),
            ])
    }

    @Test func textAfterAClosingQuoteIsAppended() throws {
        #expect(
            try records("a,b\n\"ab\"cd,\"x\" \n\"p\"\"q\"r\"s\",\"\"t\n") == [
                IngestRecord(line: 1, fields: ["a", "b"]), IngestRecord(line: 2, fields: ["abcd", "x "]),
                IngestRecord(line: 3, fields: ["p\"qr\"s\"", "t"]),
            ])
    }

    @Test func shortAndLongRecordsKeepTheirOwnFieldCounts() throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile("a,b,c\n1\n1,2,3,4,5\n", to: "ragged.csv", in: directory)
        var reader = try DelimitedReader(path: path, encoding: .utf8)
        var counts: [Int] = []
        var beyond: [String] = []
        try reader.forEachRecord { record in
            counts.append(record.count)
            beyond.append(record.string(2) + "|" + record.string(99))
            record.withField(7) { #expect($0.isEmpty) }
            #expect(record.byteCount(0) == 1)
        }
        #expect(counts == [1, 5])
        #expect(beyond == ["|", "3|"])
    }

    @Test func fieldBytesAreTheUTF8OfTheField() throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile("id,name\n\"11010519491231002X\",张龴\n", to: "bytes.csv", in: directory)
        var reader = try DelimitedReader(path: path, encoding: .utf8)
        var ids: [[UInt8]] = []
        var names: [[UInt8]] = []
        try reader.forEachRecord { record in
            ids.append(record.withField(0) { Array($0) })
            names.append(record.withField(1) { Array($0) })
        }
        #expect(ids == [Array("11010519491231002X".utf8)])
        #expect(names == [Array("张龴".utf8)])
    }

    @Test func bytesReadGrowsToTheFileSizeForProgressReports() throws {
        let directory = try TemporaryDirectory("ingest")
        let text = "a,b\n1,2\n3,4\n5,6"
        let path = try writeIngestFile(text, to: "progress.csv", in: directory)
        for chunkSize in [4, 1 << 16] {
            var reader = try DelimitedReader(path: path, encoding: .utf8, chunkSize: chunkSize)
            var progress: [Int] = []
            try reader.forEachRecord { progress.append($0.bytesRead) }
            #expect(progress.count == 3)
            #expect(progress == progress.sorted(), "chunk \(chunkSize)")
            #expect(progress.last == text.utf8.count, "chunk \(chunkSize)")
            if chunkSize == 4 { #expect(try #require(progress.first) < text.utf8.count) }
        }
    }

    @Test func headerIsReadOnceAndNotDeliveredAsARecord() throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile("a\tb\n1\t2\n", to: "twice.tsv", in: directory)
        var reader = try DelimitedReader(path: path, encoding: .utf8)
        let first = try reader.header()
        #expect(try reader.header() == first)
        #expect(first == DelimitedHeader(fields: ["a", "b"], line: 1, delimiter: .tab))
        var lines: [Int] = []
        try reader.forEachRecord { lines.append($0.line) }
        #expect(lines == [2])
        try reader.forEachRecord { lines.append($0.line) }
        #expect(lines == [2], "a second pass has nothing left")
    }

    @Test func errorsOfTheCallerPassThrough() throws {
        struct Stop: Error {}
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile("a\n1\n2\n", to: "stop.csv", in: directory)
        var reader = try DelimitedReader(path: path, encoding: .utf8)
        var seen = 0
        #expect(throws: Stop.self) {
            try reader.forEachRecord { _ in
                seen += 1
                throw Stop()
            }
        }
        #expect(seen == 1)
    }

    @Test func openingWithoutAnEncodingDetectsIt() throws {
        var reader = try DelimitedReader(path: try ingestFixture("table-gb18030.csv"))
        #expect(reader.encoding == .gb18030)
        #expect(try reader.header().fields == ["姓名", "身份证号", "手机号", "备注", "证件类型"])
        var reader16 = try DelimitedReader(
            path: try ingestFixture("table-utf16le-bom.tsv"), encodingOverride: .utf16)
        #expect(reader16.encoding == .utf16LittleEndian)
        #expect(try reader16.header().delimiter == .tab)
    }
}

// MARK: - Files that are empty or hold only a header

@Suite struct DelimitedReaderEmptyTests {
    @Test(arguments: [
        ("empty", [UInt8]()), ("UTF-8 byte-order mark only", [0xEF, 0xBB, 0xBF]),
        ("UTF-16 byte-order mark only", [0xFF, 0xFE]), ("blank lines only", Array("\n\r\n\n".utf8)),
    ])
    func fileWithoutAHeaderIsReportedAsEmpty(label: String, bytes: [UInt8]) throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile(bytes, to: "empty.csv", in: directory)
        let encoding = try EncodingSniffer.sniff(path: path)
        var reader = try DelimitedReader(path: path, encoding: encoding)
        #expect(throws: InputError.emptyFile(path: path)) { try reader.header() }
        var other = try DelimitedReader(path: path, encoding: encoding)
        #expect(throws: InputError.emptyFile(path: path)) { try other.forEachRecord { _ in } }
    }

    @Test(arguments: ["姓名,身份证号", "姓名,身份证号\r\n", "姓名,身份证号\n\n\n"])
    func headerOnlyFileHasZeroRecords(text: String) throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile(text, to: "header-only.csv", in: directory)
        var reader = try DelimitedReader(path: path, encoding: .utf8)
        #expect(try reader.header().fields == ["姓名", "身份证号"])
        var count = 0
        try reader.forEachRecord { _ in count += 1 }
        #expect(count == 0)
    }

    @Test func missingFileCannotBeOpened() throws {
        let directory = try TemporaryDirectory("ingest")
        let path = directory.file("absent.csv")
        #expect(throws: InputError.file(FileError(path: path, operation: .opening, code: ENOENT))) {
            _ = try DelimitedReader(path: path, encoding: .utf8)
        }
        #expect(throws: InputError.file(FileError(path: path, operation: .opening, code: ENOENT))) {
            _ = try EncodingSniffer.sniff(path: path)
        }
    }

    @Test func directoryCannotBeRead() throws {
        let directory = try TemporaryDirectory("ingest")
        #expect(throws: InputError.file(FileError(path: directory.path, operation: .reading, code: EISDIR))) {
            _ = try readIngestFile(directory.path, encoding: .utf8)
        }
    }
}
