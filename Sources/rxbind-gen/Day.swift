/// A calendar day, counted from 1970-01-01 with the proleptic Gregorian calendar.
///
/// Hand-written (Howard Hinnant's `days_from_civil`) instead of Foundation's `Calendar`, which brings a time zone
/// and a locale into what must be plain arithmetic; nothing here reads the clock.
struct Day: Comparable, Hashable {
    /// Days since 1970-01-01.
    let ordinal: Int

    init(ordinal: Int) { self.ordinal = ordinal }

    /// The day, or nil when the date does not exist.
    init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = era * 146_097 + doe - 719_468
    }

    /// `YYYY-MM-DD`, or nil.
    init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Year, month and day.
    var components: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// `YYYY-MM-DD`.
    var iso: String { format(separator: "-") }

    /// `YYYYMMDD`, as resident ID numbers hold it.
    var compact: String { format(separator: "") }

    func format(separator: String) -> String {
        let (y, m, d) = components
        if separator.isEmpty { return digitText(UInt64(y * 10_000 + m * 100 + d), width: 8) }
        return digitText(UInt64(y), width: 4) + separator + digitText(UInt64(m), width: 2) + separator
            + digitText(UInt64(d), width: 2)
    }

    static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// `value` in decimal, left-padded with zeros to `width` digits.
func pad(_ value: Int, _ width: Int) -> String {
    precondition(value >= 0, "negative numbers are never padded")
    return digitText(UInt64(value), width: width)
}

/// `value` in decimal with at least `width` digits, written straight into the string's storage: the generator
/// formats tens of millions of numbers for a national night, and `String(value)` plus padding was a fifth of its
/// time.
func digitText(_ value: UInt64, width: Int) -> String {
    var count = 1
    var v = value / 10
    while v > 0 { count += 1; v /= 10 }
    let n = max(count, width)
    return String(unsafeUninitializedCapacity: n) { buffer in
        var v = value
        for i in stride(from: n - 1, through: 0, by: -1) {
            buffer[i] = UInt8(48 + v % 10)
            v /= 10
        }
        return n
    }
}
