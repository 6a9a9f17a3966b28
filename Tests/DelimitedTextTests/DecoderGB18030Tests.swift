import Foundation
import Glibc
import TestSupport
import Testing

@testable import DelimitedText

/// The 18 GB18030-2005 four-byte codes of SPEC §2, built by GB18030's four-byte arithmetic (last byte 0x30–0x39,
/// third byte 0x81–0xFE) from the first code of each run, independently of the converter's table.
private let edition2005Codes: [(bytes: [UInt8], scalar: Unicode.Scalar)] = {
    func run(from start: [UInt8], first: UInt32, count: Int) -> [([UInt8], Unicode.Scalar)] {
        var bytes = start
        var result: [([UInt8], Unicode.Scalar)] = []
        for offset in 0..<UInt32(count) {
            result.append((bytes, Unicode.Scalar(first + offset)!))
            if bytes[3] == 0x39 {
                bytes[3] = 0x30
                bytes[2] += 1
            } else {
                bytes[3] += 1
            }
        }
        return result
    }
    return run(from: [0x82, 0x35, 0x90, 0x37], first: 0x9FB4, count: 8)
        + run(from: [0x84, 0x31, 0x82, 0x36], first: 0xFE10, count: 10)
}()

/// Converts `bytes` with a fresh glibc iconv GB18030 → UTF-8 descriptor; returns the output or the errno.
private func plainIconv(_ bytes: [UInt8]) -> Result<[UInt8], SystemCallError> {
    let descriptor = iconv_open("UTF-8", "GB18030")
    defer {
        let closed = iconv_close(descriptor)
        #expect(closed == 0)
    }
    var input = bytes.map { CChar(bitPattern: $0) }
    var output = [CChar](repeating: 0, count: 64)
    return input.withUnsafeMutableBufferPointer { inBuffer in
        output.withUnsafeMutableBufferPointer { outBuffer in
            var inPointer = inBuffer.baseAddress
            var inLeft = inBuffer.count
            var outPointer = outBuffer.baseAddress
            var outLeft = outBuffer.count
            switch check(iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)) {
            case .failure(let error): return .failure(error)
            case .success: return .success(outBuffer.prefix(64 - outLeft).map { UInt8(bitPattern: $0) })
            }
        }
    }
}

@Suite struct DecoderGB18030Tests {
    @Test func theEighteenCodesAreTheOnesOfTheSpecification() {
        #expect(edition2005Codes.count == 18)
        #expect(edition2005Codes[7].bytes == [0x82, 0x35, 0x91, 0x34])
        #expect(edition2005Codes[17].bytes == [0x84, 0x31, 0x83, 0x35])
        let table = GB18030Converter.edition2005Codes
        #expect(table.map(\.scalar) == edition2005Codes.map(\.scalar))
        #expect(table.map(\.bytes) == edition2005Codes.map { $0.bytes.reduce(0) { $0 << 8 | UInt32($1) } })
    }

    /// Proves the workaround is needed: glibc's iconv on this machine rejects each code with EILSEQ.
    @Test(arguments: edition2005Codes.map(\.bytes))
    func plainIconvRejectsTheCode(bytes: [UInt8]) {
        #expect(plainIconv(bytes) == .failure(SystemCallError(code: EILSEQ)))
        // Not the whole converter: a common character next to it converts.
        #expect(plainIconv([0xD5, 0xC5]) == .success(Array("张".utf8)))
    }

    @Test(arguments: edition2005Codes)
    func eachCodeDecodesToItsCharacter(bytes: [UInt8], scalar: Unicode.Scalar) throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile(
            Array("name\n".utf8) + [0xD5, 0xC5] + bytes + Array("\n".utf8), to: "one.csv", in: directory)
        let records = try readIngestFile(path, encoding: .gb18030).records
        #expect(
            records == [IngestRecord(line: 1, fields: ["name"]), IngestRecord(line: 2, fields: ["张" + String(scalar)])])
    }

    @Test func allEighteenDecodeAcrossChunkBoundaries() throws {
        let directory = try TemporaryDirectory("ingest")
        var bytes = Array("name,note\r\n".utf8)
        var expected: [IngestRecord] = [IngestRecord(line: 1, fields: ["name", "note"])]
        for (index, code) in edition2005Codes.enumerated() {
            // Surrounding bytes shift each code to every position relative to the chunk boundaries.
            bytes +=
                Array(String(repeating: "x", count: index % 5).utf8) + code.bytes + [0x2C] + [0xB1, 0xB8] + [
                    0x0D, 0x0A,
                ]
            expected.append(
                IngestRecord(
                    line: index + 2, fields: [String(repeating: "x", count: index % 5) + String(code.scalar), "备"]))
        }
        let path = try writeIngestFile(bytes, to: "all.csv", in: directory)
        for chunkSize in 1...16 {
            #expect(
                try readIngestFile(path, encoding: .gb18030, chunkSize: chunkSize).records == expected,
                "chunk \(chunkSize)")
        }
        #expect(try EncodingSniffer.sniff(path: path) == .gb18030)
    }

    @Test func otherFourByteCodesStillGoThroughIconv() throws {
        let directory = try TemporaryDirectory("ingest")
        // U+20087 (a supplementary ideograph, 95 32 90 31) and U+9FBC (82 35 91 35, right after the eighteen).
        let path = try writeIngestFile(
            Array("n\n".utf8) + [0x95, 0x32, 0x90, 0x31, 0x82, 0x35, 0x91, 0x35], to: "four.csv", in: directory)
        #expect(
            try readIngestFile(path, encoding: .gb18030).records.last
                == IngestRecord(line: 2, fields: ["\u{20087}\u{9FBC}"]))
    }

    @Test(arguments: [1, 2, 3, 4096])
    func invalidBytesNameTheLineAndByteOffset(chunkSize: Int) throws {
        let directory = try TemporaryDirectory("ingest")
        // Line 3 starts at offset 12; 0xFF is never a GB18030 lead byte. The row's ID must not reach the message.
        let bytes: [UInt8] =
            [0xD0, 0xD5, 0xC3, 0xFB] + Array(",id\na,1\nb,".utf8) + [0xFF]
            + Array("110101199003071234\n".utf8)
        let path = try writeIngestFile(bytes, to: "bad.csv", in: directory)
        let error = ingestError(path, encoding: .gb18030, chunkSize: chunkSize)
        #expect(error == .invalidBytes(path: path, encoding: .gb18030, line: 3, byteOffset: 14))
        let message = try #require(error?.errorDescription)
        #expect(message.contains(path) && message.contains("line 3") && message.contains("byte offset 14"))
        #expect(!message.contains("110101199003071234"))
    }

    @Test func anUnknownFourByteCodeIsAnError() throws {
        let directory = try TemporaryDirectory("ingest")
        // 84 31 A5 30 lies past U+FFFF's code and before the supplementary planes' range: no character.
        let path = try writeIngestFile(
            Array("n\n\"a\nb\",".utf8) + [0x84, 0x31, 0xA5, 0x30], to: "bad4.csv", in: directory)
        for chunkSize in [1, 3, 4096] {
            #expect(
                ingestError(path, encoding: .gb18030, chunkSize: chunkSize)
                    == .invalidBytes(path: path, encoding: .gb18030, line: 3, byteOffset: 8))
        }
    }

    @Test func aCharacterCutByTheEndOfTheFileIsAnError() throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile(
            Array("n\n".utf8) + [0xD5, 0xC5, 0x82, 0x35, 0x90], to: "cut.csv", in: directory)
        for chunkSize in [1, 2, 4096] {
            #expect(
                ingestError(path, encoding: .gb18030, chunkSize: chunkSize)
                    == .incompleteCharacterAtEnd(path: path, encoding: .gb18030, line: 2, byteOffset: 4))
        }
    }

    /// What a machine without glibc's converter modules would see (an unknown source encoding fails the same way).
    @Test func missingConverterIsReported() throws {
        #expect(throws: InputError.converterUnavailable(reason: "Invalid argument")) {
            _ = try GB18030Converter(source: "NO-SUCH-ENCODING")
        }
        let message = try #require(InputError.converterUnavailable(reason: "Invalid argument").errorDescription)
        #expect(message.contains("iconv") && message.contains("UTF-8"))
    }

    @Test func recordsBeforeADecodingErrorAreDelivered() throws {
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile(
            Array("n\n1\n2\n".utf8) + [0x80] + Array("\n".utf8), to: "late.csv", in: directory)
        var reader = try DelimitedReader(path: path, encoding: .gb18030)
        var lines: [Int] = []
        #expect(throws: InputError.invalidBytes(path: path, encoding: .gb18030, line: 4, byteOffset: 6)) {
            try reader.forEachRecord { lines.append($0.line) }
        }
        #expect(lines == [2, 3])
    }
}
