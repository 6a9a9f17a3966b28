/// A resident identity number (居民身份证号码) in its 18-digit form (GB 11643-1999).
///
/// Stored packed in 64 bits — the first 17 digits times 11 plus the check value (X = 10) — so that the night's
/// millions of reference rows are indexed by integer (SPEC §9). The packed order is the order of the 18-character
/// texts.
public struct ResidentID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// `digits[0..<17] * 11 + check`, check 0–10.
    public let packed: UInt64

    /// Packs 18 ASCII characters already known to be `[0-9]{17}[0-9X]`.
    init(packing text: UnsafeBufferPointer<UInt8>) {
        var v: UInt64 = 0
        for i in 0..<17 { v = v &* 10 &+ UInt64(text[i] &- 0x30) }
        let last = text[17]
        packed = v &* 11 &+ (last == UInt8(ascii: "X") ? 10 : UInt64(last &- 0x30))
    }

    /// A number from its packed form (as the case store keeps it).
    public init?(packed: UInt64) {
        guard packed < 100_000_000_000_000_000 * 11 else { return nil }
        self.packed = packed
    }

    /// The first 17 digits as an integer.
    public var body: UInt64 { packed / 11 }
    /// The check value, 0–10 (10 is written X).
    public var checkValue: Int { Int(packed % 11) }

    /// The 18 characters.
    public var text: String {
        var bytes = [UInt8](repeating: 0x30, count: 18)
        var b = body
        for i in stride(from: 16, through: 0, by: -1) { bytes[i] = UInt8(b % 10) + 0x30; b /= 10 }
        bytes[17] = checkValue == 10 ? UInt8(ascii: "X") : UInt8(checkValue) + 0x30
        return String(decoding: bytes, as: UTF8.self)
    }

    public var description: String { masked }

    /// The number with its middle hidden, for terminals and logs: `110101********777X`.
    public var masked: String { ResidentID.mask(text) }

    /// The first two digits: the province-level region code.
    public var regionCode: Int { Int(body / 1_000_000_000_000_000) }

    /// The birth date held in digits 7–14.
    public var birthDate: CalendarDate {
        let ymd = Int((body / 1000) % 100_000_000)
        // Validated when the number was read; a packed value from elsewhere may hold anything.
        return CalendarDate(year: ymd / 10000, month: (ymd / 100) % 100, day: ymd % 100)
            ?? CalendarDate(daysSinceEpoch: 0)
    }

    /// 男 when the 17th digit is odd, 女 when even (GB 11643).
    public var sex: String { (body % 10) % 2 == 1 ? "男" : "女" }

    /// The 15-digit form under which legacy systems hold people born in 19xx: digits 7–8 and the check digit
    /// dropped. Every such number has exactly one.
    public var fifteenDigitForm: String? {
        let t = Array(text.utf8)
        guard t[6] == UInt8(ascii: "1"), t[7] == UInt8(ascii: "9") else { return nil }
        return String(decoding: t[0..<6] + t[8..<17], as: UTF8.self)
    }

    public static func < (a: ResidentID, b: ResidentID) -> Bool { a.packed < b.packed }

    /// ISO 7064 MOD 11-2 with GB 11643's weights; returns 0–10 (10 is X).
    static func checkValue(of digits: UnsafeBufferPointer<UInt8>) -> Int {
        let weights: (Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int) =
            (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
        var sum = 0
        withUnsafeBytes(of: weights) { w in
            let w = w.bindMemory(to: Int.self)
            for i in 0..<17 { sum += Int(digits[i] &- 0x30) * w[i] }
        }
        // Remainder 0–10 → 1 0 X 9 8 7 6 5 4 3 2.
        let table = [1, 0, 10, 9, 8, 7, 6, 5, 4, 3, 2]
        return table[sum % 11]
    }

    /// Hides the middle of an identity-like number: the first six and the last four characters stay.
    public static func mask(_ text: String) -> String {
        let chars = Array(text)
        guard chars.count > 10 else { return String(repeating: "*", count: chars.count) }
        return String(chars[0..<6]) + String(repeating: "*", count: chars.count - 10) + String(chars[(chars.count - 4)...])
    }
}

/// A phone number with its middle hidden (`138****5678`), for terminals and logs.
public func maskPhone(_ text: String) -> String {
    let chars = Array(text)
    guard chars.count > 7 else { return String(repeating: "*", count: chars.count) }
    return String(chars[0..<3]) + String(repeating: "*", count: chars.count - 7) + String(chars[(chars.count - 4)...])
}
