/// A day of the proleptic Gregorian calendar, with no time zone and no locale (outputs never depend on either).
///
/// Four bytes (`YYYYMMDD` as an integer, so integer order is date order): a national night keeps millions of them.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    private let packed: Int32

    public var year: Int { Int(packed / 10000) }
    public var month: Int { Int(packed / 100 % 100) }
    public var day: Int { Int(packed % 100) }

    /// A real calendar date, or nil.
    public init?(year: Int, month: Int, day: Int) {
        guard year >= 1, year <= 9999, month >= 1, month <= 12, day >= 1,
              day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        packed = Int32(year * 10000 + month * 100 + day)
    }

    /// `YYYY-MM-DD`, strictly.
    public init?(iso text: String) {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let y = CalendarDate.digits(b, 0, 4), let m = CalendarDate.digits(b, 5, 2),
              let d = CalendarDate.digits(b, 8, 2) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Dates as exports write them: `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYYMMDD` and `YYYY年MM月DD日`, with
    /// one- or two-digit month and day where a separator stands between them; a time after the date is ignored.
    public init?(lenient text: String) {
        var t = text
        if let space = t.firstIndex(where: { $0 == " " || $0 == "T" }) { t = String(t[..<space]) }
        t = t.replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "-")
            .replacingOccurrences(of: "日", with: "")
        let b = Array(t.utf8)
        if b.count == 8, let y = CalendarDate.digits(b, 0, 4), let m = CalendarDate.digits(b, 4, 2),
           let d = CalendarDate.digits(b, 6, 2) {
            self.init(year: y, month: m, day: d)
            return
        }
        let parts = t.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." }).map(String.init)
        guard parts.count == 3, parts[0].utf8.count == 4, (1...2).contains(parts[1].utf8.count),
              (1...2).contains(parts[2].utf8.count), let y = Int(parts[0]), let m = Int(parts[1]),
              let d = Int(parts[2]), parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } })
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// ``init(lenient:)`` from UTF-8 (nil for empty input or text that is no date). `YYYY-MM-DD` and `YYYY/MM/DD`
    /// are read straight from the bytes; other spellings go through the text path.
    public init?(lenientUTF8 b: UnsafeBufferPointer<UInt8>) {
        if b.count == 10, b[4] == b[7], b[4] == UInt8(ascii: "-") || b[4] == UInt8(ascii: "/") {
            var ok = true
            func num(_ at: Int, _ n: Int) -> Int {
                var v = 0
                for i in at..<(at + n) {
                    let c = b[i]
                    if c < 0x30 || c > 0x39 { ok = false }
                    v = v * 10 + Int(c &- 0x30)
                }
                return v
            }
            let y = num(0, 4), m = num(5, 2), d = num(8, 2)
            if ok, let date = CalendarDate(year: y, month: m, day: d) { self = date; return }
        }
        guard !b.isEmpty, let date = CalendarDate(lenient: String(decoding: b, as: UTF8.self)) else { return nil }
        self = date
    }

    /// The number of days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date `days` days after 1970-01-01.
    public init(daysSinceEpoch z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        packed = Int32((yoe + era * 400 + (m <= 2 ? 1 : 0)) * 10000 + m * 100 + d)
    }

    /// Whole days from `other` to `self`.
    public func days(since other: CalendarDate) -> Int { daysSinceEpoch - other.daysSinceEpoch }

    /// `YYYY-MM-DD`.
    public var description: String { iso }
    /// `YYYY-MM-DD`.
    public var iso: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }
    /// `YYYYMMDD`, as run ids and file names carry it.
    public var compact: String { "\(pad(year, 4))\(pad(month, 2))\(pad(day, 2))" }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.packed < b.packed }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func digits(_ b: [UInt8], _ at: Int, _ count: Int) -> Int? {
        var v = 0
        for i in at..<(at + count) {
            let c = b[i]
            guard c >= 0x30, c <= 0x39 else { return nil }
            v = v * 10 + Int(c - 0x30)
        }
        return v
    }
}

@inline(__always)
func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

#if canImport(Glibc)
internal import Glibc
#endif

extension CalendarDate {
    /// Today's date in the local time zone (`TZ`): the one clock read rxbind makes, for the default `--as-of`.
    public static func today() -> CalendarDate {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            ?? CalendarDate(daysSinceEpoch: Int(now / 86400))
    }
}
