import Foundation
import TestSupport
import Testing

@testable import DelimitedText

/// `text` in UTF-16 of the given byte order, with its byte-order mark.
func utf16Bytes(_ text: String, bigEndian: Bool) -> [UInt8] {
    utf16UnitBytes(Array(text.utf16), bigEndian: bigEndian, byteOrderMark: true)
}

/// Code units in UTF-16 bytes of the given byte order (lone surrogates allowed).
func utf16UnitBytes(_ units: [UInt16], bigEndian: Bool, byteOrderMark: Bool) -> [UInt8] {
    let all = (byteOrderMark ? [0xFEFF] : []) + units
    return all.flatMap { unit -> [UInt8] in
        let high = UInt8(unit >> 8)
        let low = UInt8(unit & 0xFF)
        return bigEndian ? [high, low] : [low, high]
    }
}

@Suite struct DecoderUTF16Tests {
    @Test(arguments: [false, true])
    func surrogatePairsAndBothByteOrders(bigEndian: Bool) throws {
        let directory = try TemporaryDirectory("ingest")
        let text = "姓名\t备注\r\n𠂇明\té\u{7FF}\u{800}\u{FFFF}x\r\n"
        let path = try writeIngestFile(utf16Bytes(text, bigEndian: bigEndian), to: "u16.tsv", in: directory)
        let encoding: TextEncoding = bigEndian ? .utf16BigEndian : .utf16LittleEndian
        #expect(try EncodingSniffer.sniff(path: path) == encoding)
        for chunkSize in [1, 2, 3, 5, 4096] {
            let read = try readIngestFile(path, encoding: encoding, chunkSize: chunkSize)
            #expect(read.delimiter == .tab)
            #expect(
                read.records == [
                    IngestRecord(line: 1, fields: ["姓名", "备注"]),
                    IngestRecord(line: 2, fields: ["𠂇明", "é\u{7FF}\u{800}\u{FFFF}x"]),
                ])
        }
    }

    @Test(arguments: [
        // A high surrogate followed by a letter, at byte offset 2 + 2 × 4 = 10 (after the mark, "n", LF, "a", ",").
        ("high then letter", [0x6E, 0x0A, 0x61, 0x2C, 0xD840, 0x0062] as [UInt16], 10),
        // A low surrogate with nothing before it.
        ("lone low", [0x6E, 0x0A, 0x61, 0x2C, 0xDC87], 10),
        // Two high surrogates.
        ("high high", [0x6E, 0x0A, 0x61, 0x2C, 0xD840, 0xD840, 0xDC87], 10),
        // A high surrogate at the very end of the file.
        ("high at end", [0x6E, 0x0A, 0x61, 0x2C, 0xD840], 10),
    ])
    func unpairedSurrogateIsAnError(label: String, units: [UInt16], offset: Int) throws {
        let directory = try TemporaryDirectory("ingest")
        for bigEndian in [false, true] {
            let path = try writeIngestFile(
                utf16UnitBytes(units, bigEndian: bigEndian, byteOrderMark: true), to: "bad.csv", in: directory)
            let encoding: TextEncoding = bigEndian ? .utf16BigEndian : .utf16LittleEndian
            for chunkSize in [1, 3, 4096] {
                #expect(
                    ingestError(path, encoding: encoding, chunkSize: chunkSize)
                        == .unpairedSurrogate(path: path, encoding: encoding, line: 2, byteOffset: offset), "\(label)")
            }
        }
    }

    @Test func oddByteAtTheEndIsAnError() throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile(utf16Bytes("n\na", bigEndian: false) + [0x62], to: "odd.csv", in: directory)
        #expect(
            ingestError(path, encoding: .utf16LittleEndian)
                == .incompleteCharacterAtEnd(path: path, encoding: .utf16LittleEndian, line: 2, byteOffset: 8))
    }

    @Test func nulCodeUnitIsNotText() throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile(
            utf16UnitBytes([0x6E, 0x0A, 0x61, 0x00, 0x62], bigEndian: false, byteOrderMark: true), to: "nul.csv",
            in: directory)
        #expect(
            ingestError(path, encoding: .utf16LittleEndian)
                == .notText(path: path, reason: .nulCharacter, line: 2, byteOffset: 8))
    }
}

@Suite struct DecoderUTF8Tests {
    @Test func byteOrderMarkIsRemovedOnlyAtTheStart() throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile(
            [0xEF, 0xBB, 0xBF] + Array("a,b\n\u{FEFF}1,2\n".utf8), to: "bom.csv", in: directory)
        for chunkSize in [1, 2, 4096] {
            #expect(
                try readIngestFile(path, encoding: .utf8, chunkSize: chunkSize).records
                    == [IngestRecord(line: 1, fields: ["a", "b"]), IngestRecord(line: 2, fields: ["\u{FEFF}1", "2"])])
        }
    }

    /// `--encoding utf-8` on a GB18030 file: the first Chinese byte is reported, with its line and offset.
    @Test(arguments: [1, 2, 3, 4096])
    func forcedUTF8OnAGB18030FileIsAnError(chunkSize: Int) throws {
        let directory = try TemporaryDirectory("ingest")
        // "name,id\n1,", then 张 in GB18030 (D5 C5) at offset 10 on line 2.
        let path = try writeIngestFile(
            Array("name,id\n1,".utf8) + [0xD5, 0xC5] + Array("\n".utf8), to: "gb.csv", in: directory)
        let error = ingestError(path, encoding: .utf8, chunkSize: chunkSize)
        #expect(error == .invalidBytes(path: path, encoding: .utf8, line: 2, byteOffset: 10))
        #expect(error?.errorDescription?.contains("--encoding") == true)
        // The committed GB18030 table fails on its first byte.
        let table = try ingestFixture("table-gb18030.csv")
        #expect(
            ingestError(table, encoding: .utf8, chunkSize: chunkSize)
                == .invalidBytes(path: table, encoding: .utf8, line: 1, byteOffset: 0))
    }

    @Test func characterCutByTheEndOfTheFileIsAnError() throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile(Array("n\n张".utf8.dropLast()), to: "cut.csv", in: directory)
        for chunkSize in [1, 4096] {
            #expect(
                ingestError(path, encoding: .utf8, chunkSize: chunkSize)
                    == .incompleteCharacterAtEnd(path: path, encoding: .utf8, line: 2, byteOffset: 2))
        }
    }

    @Test(arguments: [
        ("surrogate", [0xED, 0xA0, 0x80] as [UInt8]), ("overlong", [0xC0, 0xAF]),
        ("beyond U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
        ("lone continuation", [0x80]),
    ])
    func malformedUTF8IsAnError(label: String, bytes: [UInt8]) throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile(
            Array("a\n\"x\ny\",".utf8) + bytes + Array("z\n".utf8), to: "bad.csv", in: directory)
        for chunkSize in [1, 2, 4096] {
            #expect(
                ingestError(path, encoding: .utf8, chunkSize: chunkSize)
                    == .invalidBytes(path: path, encoding: .utf8, line: 3, byteOffset: 8), "\(label)")
        }
    }
}

@Suite struct DecoderNotTextTests {
    @Test(arguments: [TextEncoding.utf8, .gb18030])
    func nulByteIsNotText(encoding: TextEncoding) throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile(
            Array("a,b\n1,2\n3,".utf8) + [0x00] + Array("4\n".utf8), to: "nul.csv", in: directory)
        for chunkSize in [1, 4096] {
            let error = ingestError(path, encoding: encoding, chunkSize: chunkSize)
            #expect(error == .notText(path: path, reason: .nulCharacter, line: 3, byteOffset: 10))
            #expect(error?.errorDescription?.contains("is not a text file") == true)
        }
    }

    @Test func utf16WithoutByteOrderMarkIsDetectedAsUTF8AndStopsAtTheFirstNul() throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile(
            utf16UnitBytes(Array("a,b\n".utf16), bigEndian: false, byteOrderMark: false), to: "u16.csv", in: directory)
        #expect(try EncodingSniffer.sniff(path: path) == .utf8)
        let error = ingestError(path)
        #expect(error == .notText(path: path, reason: .nulCharacter, line: 1, byteOffset: 1))
        #expect(error?.errorDescription?.contains("--encoding utf-16le") == true)
    }

    @Test(arguments: TextEncoding.allCases)
    func workbookGivenAsCSVIsNotText(encoding: TextEncoding) throws {
        let path = try ingestFixture("workbook.xlsx")
        let error = ingestError(path, encoding: encoding)
        #expect(error == .notText(path: path, reason: .zipArchive, line: 1, byteOffset: 0))
        #expect(error?.errorDescription?.contains("save it as CSV") == true)
        // Detection alone does not stop on it: the bytes are not UTF-8, so GB18030 is tried and refused.
        #expect(try EncodingSniffer.sniff(path: path) == .gb18030)
    }

    /// Random bytes (from a fixed seed) never crash the reader: every file is refused with an input error,
    /// whatever encoding is tried and however the bytes are cut into chunks.
    @Test(arguments: 0..<16)
    func randomBinaryBytesAreRefused(seed: Int) throws {
        var generator = IngestTestRandom(seed: UInt64(seed))
        let bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile(bytes, to: "random.csv", in: directory)
        #expect(try EncodingSniffer.sniff(path: path) == .gb18030)
        for encoding in TextEncoding.allCases {
            for chunkSize in [1, 7, 4096] {
                let error = ingestError(path, encoding: encoding, chunkSize: chunkSize)
                switch error {
                case .notText?, .invalidBytes?, .unpairedSurrogate?: break
                default: Issue.record("\(encoding), chunk \(chunkSize): \(String(describing: error))")
                }
            }
        }
    }
}

/// A small deterministic generator (IngestTestRandom), so the random-bytes test reads the same bytes on every run.
struct IngestTestRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
