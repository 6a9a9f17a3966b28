import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file written through a large buffer, so that a national night (hundreds of megabytes) streams out without
/// the generator ever holding a whole file.
final class ByteSink {
    let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private static let flushAt = 1 << 20

    /// Creates (or truncates) the file.
    init(path: String) throws {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw GeneratorError.cannotWrite(path: path, reason: "the file cannot be created")
        }
        self.handle = handle
        buffer.reserveCapacity(Self.flushAt + 4096)
    }

    func append(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushAt { try flush() }
    }

    func append(utf8 text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.flushAt { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw GeneratorError.cannotWrite(path: path, reason: error.localizedDescription)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and closes the file; the file is complete only when this returns.
    func close() throws {
        try flush()
        do {
            try handle.close()
        } catch {
            throw GeneratorError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }
}

/// How a file's text becomes bytes.
enum TextEncoding {
    case utf8(bom: Bool)
    /// Excel's "Unicode text": UTF-16 little-endian with a byte-order mark.
    case utf16LE
    case gb18030

    /// The bytes a file starts with.
    var preamble: [UInt8] {
        switch self {
        case .utf8(let bom): return bom ? [0xEF, 0xBB, 0xBF] : []
        case .utf16LE: return [0xFF, 0xFE]
        case .gb18030: return []
        }
    }

    var label: String {
        switch self {
        case .utf8(let bom): return bom ? "UTF-8 with BOM" : "UTF-8 without BOM"
        case .utf16LE: return "UTF-16 LE with BOM"
        case .gb18030: return "GB18030"
        }
    }
}

/// Writes text to a sink in one encoding.
final class TextWriter {
    let sink: ByteSink
    let encoding: TextEncoding
    private let gb: GB18030Encoder?
    private var scratch: [UInt8] = []

    init(path: String, encoding: TextEncoding) throws {
        sink = try ByteSink(path: path)
        self.encoding = encoding
        if case .gb18030 = encoding { gb = try GB18030Encoder() } else { gb = nil }
        try sink.append(encoding.preamble)
    }

    func write(_ text: String) throws {
        switch encoding {
        case .utf8:
            try sink.append(utf8: text)
        case .utf16LE:
            scratch.removeAll(keepingCapacity: true)
            for unit in text.utf16 {
                scratch.append(UInt8(truncatingIfNeeded: unit))
                scratch.append(UInt8(truncatingIfNeeded: unit >> 8))
            }
            try sink.append(scratch)
        case .gb18030:
            scratch.removeAll(keepingCapacity: true)
            try gb!.encode(text, into: &scratch)
            try sink.append(scratch)
        }
    }

    func close() throws {
        try gb?.close()
        try sink.close()
    }
}

/// GB18030 the way exports written by GB18030-2005 software (Java before 21, Python, older Windows) have it.
///
/// glibc's iconv encodes to GB18030-2022, which differs from 2005 in 18 characters, and refuses the private-use
/// code points of SPEC §3 table 3.1. So those are written by hand: U+9FB4–U+9FBB and U+FE10–U+FE19 as their 2005
/// four-byte codes (`82 35 90 37`… and `84 31 82 36`…, which glibc's iconv cannot decode — the trap rxbind must
/// handle), the 24 private-use code points as the two-byte codes 2005 gave them (A6D9…, FE51…). Everything else
/// goes through iconv.
final class GB18030Encoder {
    private var descriptor: iconv_t?
    private var input: [CChar] = []
    private var output: [CChar] = []

    static let handWritten: [UInt32: [UInt8]] = {
        var table: [UInt32: [UInt8]] = [:]
        for i in 0..<8 {   // U+9FB4… = 82 35 90 37, 82 35 90 38, 82 35 90 39, 82 35 91 30 …
            let linear = 0x37 - 0x30 + i
            table[0x9FB4 + UInt32(i)] = [0x82, 0x35, UInt8(0x90 + linear / 10), UInt8(0x30 + linear % 10)]
        }
        for i in 0..<10 {   // U+FE10… = 84 31 82 36 … 84 31 83 35
            let linear = 0x36 - 0x30 + i
            table[0xFE10 + UInt32(i)] = [0x84, 0x31, UInt8(0x82 + linear / 10), UInt8(0x30 + linear % 10)]
        }
        let privateUse: [(UInt32, UInt16)] = [
            (0xE78D, 0xA6D9), (0xE78E, 0xA6DA), (0xE78F, 0xA6DB), (0xE790, 0xA6DC), (0xE791, 0xA6DD),
            (0xE792, 0xA6DE), (0xE793, 0xA6DF), (0xE794, 0xA6EC), (0xE795, 0xA6ED), (0xE796, 0xA6F3),
            (0xE816, 0xFE51), (0xE817, 0xFE52), (0xE818, 0xFE53), (0xE81E, 0xFE59), (0xE826, 0xFE61),
            (0xE82B, 0xFE66), (0xE82C, 0xFE67), (0xE831, 0xFE6C), (0xE832, 0xFE6D), (0xE83B, 0xFE76),
            (0xE843, 0xFE7E), (0xE854, 0xFE90), (0xE855, 0xFE91), (0xE864, 0xFEA0),
        ]
        for (scalar, code) in privateUse { table[scalar] = [UInt8(code >> 8), UInt8(code & 0xFF)] }
        return table
    }()

    init() throws {
        // > iconv_open() returns a freshly allocated conversion descriptor. In case of error, it sets errno and
        // > returns (iconv_t) -1.
        let d = iconv_open("GB18030", "UTF-8")
        try check(Int(bitPattern: d), "open an iconv conversion from UTF-8 to GB18030")
        descriptor = d
    }

    func encode(_ text: String, into out: inout [UInt8]) throws {
        input.removeAll(keepingCapacity: true)
        for scalar in text.unicodeScalars {
            let v = scalar.value
            // Only three small ranges are written by hand; look the table up for them alone.
            if (0x9FB4...0x9FBB).contains(v) || (0xFE10...0xFE19).contains(v) || (0xE78D...0xE864).contains(v),
               let bytes = Self.handWritten[v] {
                try convertPending(into: &out)
                out.append(contentsOf: bytes)
            } else {
                for b in UTF8.encode(scalar)! { input.append(CChar(bitPattern: b)) }
            }
        }
        try convertPending(into: &out)
    }

    private func convertPending(into out: inout [UInt8]) throws {
        guard !input.isEmpty, let descriptor else { return }
        // A UTF-8 sequence of n bytes becomes at most 4 GB18030 bytes, never more than twice n.
        let capacity = input.count * 2 + 8
        if output.count < capacity { output = [CChar](repeating: 0, count: capacity) }
        var inLeft = input.count
        var outLeft = capacity
        let written: Int = try input.withUnsafeMutableBufferPointer { inBuffer in
            try output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                // > The iconv() function returns the number of characters converted in a nonreversible way during
                // > this call; reversible conversions are not counted. In case of error, it sets errno and returns
                // > (size_t) -1.
                try check(iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft), "convert a field to GB18030")
                return capacity - outLeft
            }
        }
        for i in 0..<written { out.append(UInt8(bitPattern: output[i])) }
        input.removeAll(keepingCapacity: true)
    }

    /// Releases the conversion descriptor.
    func close() throws {
        guard let d = descriptor else { return }
        descriptor = nil
        // > Upon successful completion, iconv_close() returns 0. In case of error, it sets errno and returns -1.
        try check(Int(iconv_close(d)), "close the iconv conversion")
    }

    deinit {
        // Only reached without close() when an error is already on its way out: that error is the one to report.
        guard let d = descriptor else { return }
        do { try check(Int(iconv_close(d)), "close the iconv conversion") } catch { return }
    }
}

/// RFC 4180 quoting for one field: quoted when it holds the delimiter, a quote or a line break (or when asked).
func delimitedField(_ value: String, delimiter: UInt8, forceQuotes: Bool = false) -> String {
    var needs = forceQuotes
    var quotes = false
    if !needs {
        for c in value.utf8 where c == 0x22 || c == 0x0A || c == 0x0D || c == delimiter {
            needs = true
            if c == 0x22 { quotes = true }
        }
    } else {
        quotes = value.utf8.contains(0x22)
    }
    guard needs else { return value }
    guard quotes else { return "\"" + value + "\"" }
    var bytes: [UInt8] = [0x22]
    bytes.reserveCapacity(value.utf8.count + 8)
    for c in value.utf8 {
        bytes.append(c)
        if c == 0x22 { bytes.append(0x22) }
    }
    bytes.append(0x22)
    return String(decoding: bytes, as: UTF8.self)
}

/// How many line breaks a record's text holds (each `\n`; the generator never embeds a lone `\r`).
func lineBreaks(in text: String) -> Int {
    var n = 0
    for c in text.utf8 where c == 0x0A { n += 1 }
    return n
}
