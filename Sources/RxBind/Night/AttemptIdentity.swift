/// What makes two failure rows the same attempt (SPEC §11): the case's 18-digit ID, the attempt time as read, the
/// normalised message and account level, and the normalised name — and, for a row without a readable time, its
/// file's SHA-256 and its line. A row that repeats an attempt already recorded adds nothing, so overlapping exports
/// ("the last 7 days" every night) and a night run twice never inflate a case's history.
///
/// The identity is kept as a 64-bit FNV-1a digest per attempt, stored with its case. FNV-1a rather than SHA-256: a
/// national night computes 1.15 million of them on the reading path, and the digest only has to tell apart the few
/// attempts of one case (a collision needs two of one person's attempts to share 64 bits). Swift's `Hasher` is no
/// use here: it is seeded per process, and these digests are persisted and compared across nights and machines.
public struct AttemptKey: Hashable, Comparable, Sendable {
    public let value: UInt64

    public init(value: UInt64) { self.value = value }

    public static func < (a: AttemptKey, b: AttemptKey) -> Bool { a.value < b.value }

    /// The key as 16 lowercase hex digits (how the case store and the case-state dump write it).
    public var hex: String {
        String(unsafeUninitializedCapacity: 16) { out in
            var v = value
            for i in stride(from: 15, through: 0, by: -1) {
                let d = UInt8(v & 15)
                out[i] = d < 10 ? 0x30 + d : 0x61 - 10 + d
                v >>= 4
            }
            return 16
        }
    }

    /// Reads 16 hex digits.
    public init?(hex: Substring) {
        guard hex.utf8.count == 16, let v = UInt64(hex, radix: 16) else { return nil }
        value = v
    }

    /// The identity of one attempt. `message` is the digest of the normalised message (see ``messageDigest(_:)``:
    /// a night's messages are a handful of texts, each digested once); `origin` is the file's SHA-256 and the line,
    /// given only when the time could not be read.
    public init(id: ResidentID, time: AttemptTime, message: UInt64, accountLevel: String, name: String,
                origin: (sha256: String, line: Int)?) {
        var h = FNV1a()
        h.add(id.packed)
        h.add(UInt64(bitPattern: time.value))
        h.add(message)
        h.add(accountLevel)
        h.add(name)
        if let origin {
            h.add(origin.sha256)
            h.add(UInt64(origin.line))
        }
        value = h.value
    }

    /// The digest of a normalised message.
    public static func messageDigest(_ normalized: String) -> UInt64 {
        var h = FNV1a()
        h.add(normalized)
        return h.value
    }
}

/// 64-bit FNV-1a (Fowler–Noll–Vo), over fields each closed by a byte UTF-8 never holds (0xFF), so two different
/// sequences of fields never feed the same bytes.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    mutating func add(_ v: UInt64) {
        var x = v
        for _ in 0..<8 { add(byte: UInt8(truncatingIfNeeded: x)); x >>= 8 }
        add(byte: 0xFF)
    }

    mutating func add(_ text: String) {
        var t = text
        t.withUTF8 { for b in $0 { add(byte: b) } }
        add(byte: 0xFF)
    }
}
