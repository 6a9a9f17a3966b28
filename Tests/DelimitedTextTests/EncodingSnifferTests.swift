import Foundation
import TestSupport
import Testing

@testable import DelimitedText

@Suite struct EncodingSnifferTests {
    /// Feeds `bytes` in chunks of `chunkSize`; returns the detected encoding.
    func sniff(_ bytes: [UInt8], chunkSize: Int) -> TextEncoding {
        var sniffer = EncodingSniffer()
        var start = 0
        while start < bytes.count {
            let end = min(start + chunkSize, bytes.count)
            bytes[start..<end].withUnsafeBytes { sniffer.feed($0) }
            start = end
        }
        return sniffer.detectedEncoding
    }

    @Test(arguments: [
        ("UTF-8 mark", [0xEF, 0xBB, 0xBF, 0x61] as [UInt8], TextEncoding.utf8),
        // The mark decides even when the rest is not UTF-8: the decoder then reports the bad bytes.
        ("UTF-8 mark, GB18030 after", [0xEF, 0xBB, 0xBF, 0xD5, 0xC5], .utf8),
        ("UTF-16LE mark", [0xFF, 0xFE, 0x61, 0x00], .utf16LittleEndian),
        ("UTF-16BE mark", [0xFE, 0xFF, 0x00, 0x61], .utf16BigEndian),
        ("UTF-16LE mark only", [0xFF, 0xFE], .utf16LittleEndian),
        ("ASCII", Array("a,b\n1,2\n".utf8), .utf8),
        ("Chinese UTF-8", Array("姓名,𠂇明\n".utf8), .utf8),
        ("GB18030", [0xD0, 0xD5, 0xC3, 0xFB, 0x0A], .gb18030),
        ("empty", [], .utf8),
        ("UTF-8 cut at the end", Array("a\n张".utf8.dropLast()), .gb18030),
    ])
    func detectsFromByteOrderMarkOrValidity(label: String, bytes: [UInt8], expected: TextEncoding) {
        for chunkSize in [1, 2, 3, 4, 1000] {
            #expect(sniff(bytes, chunkSize: chunkSize) == expected, "\(label), chunk \(chunkSize)")
        }
    }

    /// The decision is taken on the whole file: megabytes of ASCII, then one GB18030 name on the last line.
    @Test func oneChineseNameAfterMegabytesOfASCIIMakesTheFileGB18030() throws {
        var bytes = Array(String(repeating: "110101199003071234,ZHANG SAN,13800138000\n", count: 50_000).utf8)
        #expect(bytes.count > 2_000_000)
        bytes += [0xD5, 0xC5, 0xC8, 0xFD] + Array(",110101199003071234\n".utf8)
        #expect(sniff(bytes, chunkSize: 65_536) == .gb18030)
        let directory = try TemporaryDirectory("ingest")
        let path = try writeIngestFile(bytes, to: "late.csv", in: directory)
        #expect(try EncodingSniffer.sniff(path: path) == .gb18030)
        #expect(
            try readIngestFile(path).records.last == IngestRecord(line: 50_001, fields: ["张三", "110101199003071234"]))
    }

    @Test func utf8CharactersCutAtEveryChunkBoundaryStayUTF8() {
        let bytes = Array("姓名,备注\n𠂇明,é😀龴\n".utf8)
        for chunkSize in 1...9 {
            #expect(sniff(bytes, chunkSize: chunkSize) == .utf8, "chunk \(chunkSize)")
        }
    }

    @Test func feedingDataAndArraysIsTheSameAsFeedingBuffers() {
        var sniffer = EncodingSniffer()
        sniffer.feed(Data("name\n".utf8))
        sniffer.feed([UInt8]([0xD5, 0xC5]))
        #expect(sniffer.detectedEncoding == .gb18030)
        #expect(sniffer.byteOrderMark == nil)
    }

    @Test func sniffingAPathWithAnOverrideTakesTheOverride() throws {
        let directory = try TemporaryDirectory("ingest")
        // Detection says GB18030 (the bytes are not UTF-8); the user's word wins, and the decoder then reports the
        // bytes that do not fit.
        let path = try writeIngestFile(Array("name\n".utf8) + [0xD5, 0xC5], to: "gb.csv", in: directory)
        #expect(try EncodingSniffer.sniff(path: path) == .gb18030)
        #expect(try EncodingSniffer.sniff(path: path, override: .utf8) == .utf8)
        let marked = try writeIngestFile(utf16Bytes("姓名\n张三\n", bigEndian: true), to: "be.csv", in: directory)
        #expect(try EncodingSniffer.sniff(path: marked, override: .utf16) == .utf16BigEndian)
        #expect(try EncodingSniffer.sniff(path: marked) == .utf16BigEndian)
    }
}
