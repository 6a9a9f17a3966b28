import Foundation
import TestSupport
import Testing

@testable import DelimitedText

/// The strict side of the reader: what would lose data silently is an error naming the file and the line.
@Suite struct DelimitedReaderLimitsTests {
    static let limit = DelimitedReader.maximumFieldLength

    @Test func unterminatedQuoteNamesTheLineWhereItsRecordStarts() throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile("a,b\n1,2\n3,\"open\n4,5\n6,7\n", to: "open.csv", in: directory)
        for chunkSize in [1, 4096] {
            let error = ingestError(path, encoding: .utf8, chunkSize: chunkSize)
            #expect(error == .unterminatedQuote(path: path, line: 3))
            #expect(error?.errorDescription?.contains("line 3") == true)
        }
    }

    @Test func unterminatedQuoteInTheHeader() throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile("\n\"a,b\n1,2\n", to: "open-header.csv", in: directory)
        #expect(ingestError(path, encoding: .utf8) == .unterminatedQuote(path: path, line: 2))
    }

    /// Fields of exactly 32,767 characters pass, whatever their width in bytes (1, 3 or 4 UTF-8 bytes each).
    @Test(arguments: ["9", "张", "\u{20087}"])
    func fieldOfExactlyTheLimitPasses(character: String) throws {
        let directory = try TemporaryDirectory("ingest")
        let field = String(repeating: character, count: DelimitedReaderLimitsTests.limit)
        let path = try writeIngestFile("a,b\n1,\(field)\n\"\(field)\",2\n", to: "limit.csv", in: directory)
        let records = try readIngestFile(path, encoding: .utf8, chunkSize: 1000).records
        #expect(records.map(\.line) == [1, 2, 3])
        #expect(
            records.map { $0.fields.map(\.unicodeScalars.count) } == [
                [1, 1], [1, DelimitedReaderLimitsTests.limit], [DelimitedReaderLimitsTests.limit, 1],
            ])
    }

    @Test(arguments: ["9", "张", "\u{20087}"])
    func fieldOfOneCharacterMoreIsAnError(character: String) throws {
        let directory = try TemporaryDirectory("ingest")
        let field = String(repeating: character, count: DelimitedReaderLimitsTests.limit + 1)
        let unquoted = try writeIngestFile("a,b\n1,2\n3,\(field)\n", to: "long.csv", in: directory)
        #expect(
            ingestError(unquoted, encoding: .utf8, chunkSize: 1000) == .fieldTooLong(path: unquoted, line: 3, field: 2)
        )
        // In quotes, after a line break inside the field: the record's first line is named.
        let quoted = try writeIngestFile("a,b\n1,2\n\"x\ny\",\"\(field)\"\n", to: "long-quoted.csv", in: directory)
        let error = ingestError(quoted, encoding: .utf8, chunkSize: 1000)
        #expect(error == .fieldTooLong(path: quoted, line: 3, field: 2))
        #expect(error?.errorDescription?.contains("32767") == true)
    }

    @Test func fieldTooLongInTheHeader() throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile(
            String(repeating: "h", count: DelimitedReaderLimitsTests.limit + 1) + ",b\n", to: "h.csv", in: directory)
        #expect(ingestError(path, encoding: .utf8) == .fieldTooLong(path: path, line: 1, field: 1))
    }

    /// A quote that never closes in a big file: the error comes as soon as the field is certainly too long
    /// (4 × 32,767 bytes), without holding the rest of the file. Were the field only measured when it ends, this
    /// file would report an unterminated quote at its end instead.
    @Test func runawayFieldIsStoppedEarly() throws {
        let directory = try TemporaryDirectory("ingest")
        let row = "110101199003071234,张三,13800138000\n"
        let text = "a,b,c\n\"" + String(repeating: row, count: 20_000)
        let path = try writeIngestFile(text, to: "runaway.csv", in: directory)
        var reader = try DelimitedReader(path: path, encoding: .utf8, chunkSize: 4096)
        #expect(throws: InputError.fieldTooLong(path: path, line: 2, field: 1)) {
            try reader.forEachRecord { _ in }
        }
        #expect(Array(text.utf8).count > 700_000)
    }

    @Test func recordOfTheMostFieldsPassesAndOneMoreIsAnError() throws {
        let directory = try TemporaryDirectory("ingest")
        let most = String(repeating: ",", count: DelimitedReader.maximumFieldCount - 1)
        let ok = try writeIngestFile("a\n\(most)\n", to: "wide.csv", in: directory)
        var reader = try DelimitedReader(path: ok, encoding: .utf8)
        var counts: [Int] = []
        try reader.forEachRecord { counts.append($0.count) }
        #expect(counts == [DelimitedReader.maximumFieldCount])
        let tooMany = try writeIngestFile("a\n1\n\(most),\n", to: "too-wide.csv", in: directory)
        #expect(ingestError(tooMany, encoding: .utf8) == .tooManyFields(path: tooMany, line: 3))
    }
}
