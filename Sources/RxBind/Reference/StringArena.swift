/// The text fields of many rows kept in one growing byte buffer, each field prefixed by its length.
///
/// A national night indexes about 3M reference rows with five or six text fields each; a Swift `String` per field
/// would cost a heap allocation and 16 bytes of header each (SPEC §9 asks for bounded memory), so rows keep one
/// 32-bit offset to their first field here instead.
struct StringArena: Sendable {
    private(set) var bytes: [UInt8] = []

    /// The offset the next appended field will start at, or nil past 4 GiB of text, which 32-bit offsets cannot
    /// reach (a reference file of some ten gigabytes; the reader refuses it rather than mix up rows).
    var end: UInt32? { bytes.count <= Int(UInt32.max) ? UInt32(bytes.count) : nil }

    /// Gives back unused capacity.
    mutating func shrinkToFit() { bytes.shrinkToFit() }

    /// Appends one field.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(utf8: $0) }
    }

    /// Appends one field from UTF-8 bytes.
    mutating func append(utf8: UnsafeBufferPointer<UInt8>) {
        var n = utf8.count
        while n >= 0x80 { bytes.append(UInt8(n & 0x7F) | 0x80); n >>= 7 }
        bytes.append(UInt8(n))
        bytes.append(contentsOf: utf8)
    }

    /// The first `count` fields of the row whose fields start at `offset`.
    func strings(at offset: UInt32, count: Int) -> [String] {
        bytes.withUnsafeBufferPointer { b in
            var out: [String] = []
            out.reserveCapacity(count)
            var p = Int(offset)
            for _ in 0..<count {
                let n = StringArena.length(b, at: &p)
                out.append(String(decoding: UnsafeBufferPointer(rebasing: b[p..<(p + n)]), as: UTF8.self))
                p += n
            }
            return out
        }
    }

    /// The `index`-th field of the row whose fields start at `offset`.
    func string(at offset: UInt32, field index: Int) -> String {
        bytes.withUnsafeBufferPointer { b in
            var p = Int(offset)
            for _ in 0..<index { p += StringArena.length(b, at: &p) }
            let n = StringArena.length(b, at: &p)
            return String(decoding: UnsafeBufferPointer(rebasing: b[p..<(p + n)]), as: UTF8.self)
        }
    }

    /// Reads a field's length prefix (7 bits a byte, low bits first) and moves `p` past it.
    @inline(__always)
    static func length(_ b: UnsafeBufferPointer<UInt8>, at p: inout Int) -> Int {
        var n = 0, shift = 0
        while true {
            let byte = b[p]
            p += 1
            n |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return n }
            shift += 7
        }
    }
}

extension Array {
    /// Copies into an allocation of exactly `count` elements when at least a tenth of the capacity is unused.
    mutating func shrinkToFit() {
        guard capacity > count + count / 10 else { return }
        var exact: [Element] = []
        exact.reserveCapacity(count)
        exact.append(contentsOf: self)
        self = exact
    }
}
