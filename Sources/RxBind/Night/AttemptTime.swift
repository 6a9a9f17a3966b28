/// When a binding was attempted (`attempted_at`), comparable so the latest attempt names the case (SPEC §4).
///
/// Accepted: `YYYY-MM-DD HH:MM[:SS]`, `YYYY/MM/DD HH:MM[:SS]` and `YYYY-MM-DDTHH:MM[:SS]`, with a real date and time.
/// A missing or unreadable time counts as earliest.
public struct AttemptTime: Comparable, Sendable, Hashable {
    /// `YYYYMMDDHHMMSS` as an integer, or -1 for a missing or unreadable time.
    public let value: Int64

    /// The earliest possible time: what a missing or unreadable value counts as.
    public static let unknown = AttemptTime(value: -1)

    init(value: Int64) { self.value = value }

    /// Parses a normalised field.
    public init(_ text: String) {
        self = AttemptTime.parse(Array(text.utf8)) ?? .unknown
    }

    /// Whether the value was readable.
    public var isKnown: Bool { value >= 0 }

    /// `YYYY-MM-DD HH:MM:SS` (empty when unknown).
    public var text: String {
        guard isKnown else { return "" }
        let v = value
        let parts = [v / 10_000_000_000, v / 100_000_000 % 100, v / 1_000_000 % 100, v / 10_000 % 100, v / 100 % 100, v % 100]
        return pad(Int(parts[0]), 4) + "-" + pad(Int(parts[1]), 2) + "-" + pad(Int(parts[2]), 2) + " "
            + pad(Int(parts[3]), 2) + ":" + pad(Int(parts[4]), 2) + ":" + pad(Int(parts[5]), 2)
    }

    static func parse(_ b: [UInt8]) -> AttemptTime? {
        guard b.count == 16 || b.count == 19 else { return nil }
        let dash = UInt8(ascii: "-"), slash = UInt8(ascii: "/")
        let sep = b[4]
        guard sep == dash || sep == slash, b[7] == sep else { return nil }
        guard b[10] == UInt8(ascii: " ") || (b[10] == UInt8(ascii: "T") && sep == dash) else { return nil }
        guard b[13] == UInt8(ascii: ":") else { return nil }
        if b.count == 19 { guard b[16] == UInt8(ascii: ":") else { return nil } }
        func num(_ at: Int, _ n: Int) -> Int? {
            var v = 0
            for i in at..<(at + n) {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2),
              CalendarDate(year: y, month: mo, day: d) != nil, h < 24, mi < 60 else { return nil }
        var s = 0
        if b.count == 19 {
            guard let sec = num(17, 2), sec < 60 else { return nil }
            s = sec
        }
        let v = ((((Int64(y) * 100 + Int64(mo)) * 100 + Int64(d)) * 100 + Int64(h)) * 100 + Int64(mi)) * 100 + Int64(s)
        return AttemptTime(value: v)
    }

    public static func < (a: AttemptTime, b: AttemptTime) -> Bool { a.value < b.value }
}

/// 实名认证级别: whether a row says the portal account is level 2 (二级, 2, L2).
public enum AccountLevel {
    /// SPEC §2: 二级/三级, 2/3, L2/L3 (case-insensitive; full-width folded by normalisation).
    public static func isLevel2(_ normalized: String) -> Bool {
        switch normalized.lowercased() {
        case "二级", "2", "l2", "二级实名认证", "二级认证": return true
        default: return false
        }
    }
}
