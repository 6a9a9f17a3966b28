import Foundation
import TestSupport
import Testing

@testable import DelimitedText

@Suite struct EncodingOverrideTests {
    @Test(arguments: [
        ("utf-8", EncodingOverride.utf8), ("UTF8", .utf8), ("Utf-8", .utf8), ("utf-16le", .utf16LittleEndian),
        ("UTF-16BE", .utf16BigEndian), ("utf-16", .utf16), ("GB18030", .gb18030), ("gbk", .gb18030),
        ("GB2312", .gb18030), ("cp936", .gb18030), ("CP936", .gb18030),
    ])
    func acceptedNamesInAnyCase(name: String, expected: EncodingOverride) throws {
        #expect(try EncodingOverride(name: name) == expected)
    }

    @Test(arguments: ["latin1", "utf-32", "big5", "", " utf-8", "gb-18030"])
    func unknownNameIsAnErrorListingTheAcceptedNames(name: String) throws {
        #expect(throws: InputError.unknownEncodingName(name)) { try EncodingOverride(name: name) }
        let message = try #require(InputError.unknownEncodingName(name).errorDescription)
        for accepted in EncodingOverride.acceptedNames {
            #expect(message.contains(accepted))
        }
    }

    @Test func everyAcceptedNameParses() throws {
        for name in EncodingOverride.acceptedNames {
            #expect(try EncodingOverride(name: name).name == EncodingOverride(name: name.uppercased()).name)
        }
    }

    @Test func utf16NeedsAByteOrderMark() throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile(
            utf16UnitBytes(Array("a\n".utf16), bigEndian: false, byteOrderMark: false), to: "nomark.csv", in: directory)
        #expect(throws: InputError.missingByteOrderMark(path: path)) {
            try EncodingSniffer.sniff(path: path, override: .utf16)
        }
        let plain = try writeIngestFile("a\n", to: "plain.csv", in: directory)
        #expect(throws: InputError.missingByteOrderMark(path: plain)) {
            try EncodingSniffer.sniff(path: plain, override: .utf16)
        }
        #expect(try EncodingSniffer.sniff(path: path, override: .utf16LittleEndian) == .utf16LittleEndian)
        #expect(
            try readIngestFile(path, encoding: .utf16LittleEndian).records == [IngestRecord(line: 1, fields: ["a"])])
    }

    @Test(arguments: [
        ("table-utf8-bom.csv", TextEncoding.utf8, EncodingOverride.gb18030),
        ("table-utf8-bom.csv", .utf8, .utf16),
        ("table-utf8-bom.csv", .utf8, .utf16LittleEndian),
        ("table-utf16le-bom.tsv", .utf16LittleEndian, .utf8),
        ("table-utf16le-bom.tsv", .utf16LittleEndian, .utf16BigEndian),
        ("table-utf16be-bom.csv", .utf16BigEndian, .gb18030),
    ])
    func overrideContradictingTheByteOrderMarkIsAnError(
        file: String, mark: TextEncoding, override: EncodingOverride
    ) throws {
        let path = try ingestFixture(file)
        let expected = InputError.byteOrderMarkConflict(path: path, byteOrderMark: mark, requested: override)
        #expect(throws: expected) { try EncodingSniffer.sniff(path: path, override: override) }
        #expect(throws: expected) { _ = try DelimitedReader(path: path, encodingOverride: override) }
    }

    @Test(arguments: [
        ("table-utf8-bom.csv", EncodingOverride.utf8, TextEncoding.utf8),
        ("table-utf8.csv", .utf8, .utf8),
        ("table-utf16le-bom.tsv", .utf16, .utf16LittleEndian),
        ("table-utf16le-bom.tsv", .utf16LittleEndian, .utf16LittleEndian),
        ("table-utf16be-bom.csv", .utf16, .utf16BigEndian),
        ("table-gb18030.csv", .gb18030, .gb18030),
    ])
    func overrideAgreeingWithTheFileReadsTheTable(file: String, override: EncodingOverride, encoding: TextEncoding)
        throws
    {
        let path = try ingestFixture(file)
        #expect(try EncodingSniffer.sniff(path: path, override: override) == encoding)
        #expect(
            try readIngestFile(path, encoding: encoding).records == (try expectedIngestRecords("table.records.json")))
    }

    /// Error messages go to logs and e-mails: they name the file and the place, never a value of the row.
    @Test func messagesNeverCarryTheRowsText() throws {
        let directory = try TemporaryDirectory("ingest")
        let id = "110101199003071234"
        let long = String(repeating: "9", count: DelimitedReader.maximumFieldLength + 1)
        let files: [(String, [UInt8], TextEncoding)] = [
            ("quote.csv", Array("name,id\n张三,\"\(id)\n".utf8), .utf8),
            ("long.csv", Array("name,id\n\(id),\(long)\n".utf8), .utf8),
            ("bad.csv", Array("name,id\n\(id),".utf8) + [0xFF] + Array(id.utf8), .gb18030),
            ("nul.csv", Array("name,id\n\(id),".utf8) + [0x00] + Array(id.utf8), .utf8),
        ]
        for (name, bytes, encoding) in files {
            let path = try writeIngestFile(bytes, to: name, in: directory)
            let message = try #require(ingestError(path, encoding: encoding)?.errorDescription, "\(name)")
            #expect(message.contains(path))
            #expect(!message.contains(id) && !message.contains("张三"), "\(name): \(message)")
        }
    }
}
