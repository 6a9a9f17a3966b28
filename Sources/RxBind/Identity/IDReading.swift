/// Why an ID number cannot be used (SPEC §4 rule 0), in the order the checks are tried.
public enum IDProblem: String, CaseIterable, Sendable, Comparable, Error {
    case missing = "MISSING_ID"
    case mangledBySpreadsheet = "ID_MANGLED_BY_SPREADSHEET"
    case malformed = "ID_MALFORMED"
    case checksum = "ID_CHECKSUM"
    case birthDate = "ID_BIRTH_DATE"
    case region = "ID_REGION"

    /// The rule-0 reason code.
    public var code: String { rawValue }

    public static func < (a: IDProblem, b: IDProblem) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A usable ID number as a row held it.
public struct IDReading: Hashable, Sendable {
    /// The 18-digit form.
    public let id: ResidentID
    /// Whether the row carried the legacy 15-digit form (converted on reading).
    public let heldAs15: Bool
}

extension ResidentID {
    /// Province-level region codes (SPEC §3): 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82, 83.
    static func isProvinceCode(_ c: Int) -> Bool {
        switch c {
        case 11...15, 21...23, 31...37, 41...46, 50...54, 61...65, 71, 81, 82, 83: return true
        default: return false
        }
    }

    /// Reads a raw field value: SPEC §3 normalisation, the ID clean-up (spaces, hyphens, a leading apostrophe or
    /// tab, an Excel `="…"` wrapper, lower-case x) and the rule-0 checks in their order.
    public static func read(_ raw: String, asOf: CalendarDate) -> Result<IDReading, IDProblem> {
        var raw = raw
        return raw.withUTF8 { read(utf8: $0, asOf: asOf) }
    }

    /// Reads a field from its UTF-8 bytes; a plain 18- or 15-character value skips text normalisation.
    public static func read(utf8 bytes: UnsafeBufferPointer<UInt8>, asOf: CalendarDate) -> Result<IDReading, IDProblem> {
        if isPlain(bytes) { return validate(bytes, asOf: asOf) }
        var cleaned = Array(clean(TextNormalization.field(utf8: bytes)).utf8)
        return cleaned.withUnsafeMutableBufferPointer { validate(UnsafeBufferPointer($0), asOf: asOf) }
    }

    /// 18 characters `[0-9]{17}[0-9X]` or 15 digits, nothing to clean.
    @inline(__always)
    static func isPlain(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count == 18 || b.count == 15 else { return false }
        for i in 0..<(b.count - 1) where b[i] < 0x30 || b[i] > 0x39 { return false }
        let last = b[b.count - 1]
        return (last >= 0x30 && last <= 0x39) || (b.count == 18 && last == UInt8(ascii: "X"))
    }

    /// The ID clean-up of SPEC §3 on a normalised value.
    static func clean(_ normalized: String) -> String {
        var s = Substring(normalized)
        var changed = true
        while changed {
            changed = false
            if let f = s.first, f == "'" || f == "\t" { s = s.dropFirst(); changed = true }
            if s.count >= 3, s.hasPrefix("=\""), s.hasSuffix("\"") { s = s.dropFirst(2).dropLast(); changed = true }
        }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u.value {
            case 0x20, 0x09, 0x2D, 0x2010, 0x2011: continue   // spaces, tab, hyphen-minus and the Unicode hyphens
            case 0x78: out.append("X")
            default: out.append(u)
            }
        }
        return String(out)
    }

    /// The rule-0 checks on a cleaned value, in SPEC §4's order.
    static func validate(_ b: UnsafeBufferPointer<UInt8>, asOf: CalendarDate) -> Result<IDReading, IDProblem> {
        if b.isEmpty { return .failure(.missing) }
        if isScientificNotation(b) { return .failure(.mangledBySpreadsheet) }
        let allDigits = b.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        if b.count == 18 {
            let bodyDigits = b[0..<17].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            let last = b[17]
            guard bodyDigits, (last >= 0x30 && last <= 0x39) || last == UInt8(ascii: "X") else {
                return .failure(.malformed)
            }
            let expected = checkValue(of: b)
            let actual = last == UInt8(ascii: "X") ? 10 : Int(last - 0x30)
            if expected != actual {
                // What a spreadsheet leaves of a number it rounded to 15 significant digits.
                if allDigits, b[15] == 0x30, b[16] == 0x30, b[17] == 0x30 { return .failure(.mangledBySpreadsheet) }
                return .failure(.checksum)
            }
            let y = number(b, 6, 4), m = number(b, 10, 2), d = number(b, 12, 2)
            guard let birth = CalendarDate(year: y, month: m, day: d), birth.year >= 1900, birth <= asOf else {
                return .failure(.birthDate)
            }
            guard isProvinceCode(number(b, 0, 2)) else { return .failure(.region) }
            return .success(IDReading(id: ResidentID(packing: b), heldAs15: false))
        }
        if b.count == 15, allDigits {
            let y = 1900 + number(b, 6, 2), m = number(b, 8, 2), d = number(b, 10, 2)
            guard let birth = CalendarDate(year: y, month: m, day: d), birth <= asOf else {
                return .failure(.birthDate)
            }
            guard isProvinceCode(number(b, 0, 2)) else { return .failure(.region) }
            return .success(IDReading(id: upgrade15(b), heldAs15: true))
        }
        return .failure(.malformed)
    }

    /// 15 → 18 digits: `19` inserted after the region code, the check digit appended.
    static func upgrade15(_ b: UnsafeBufferPointer<UInt8>) -> ResidentID {
        var t = [UInt8](repeating: 0, count: 18)
        for i in 0..<6 { t[i] = b[i] }
        t[6] = UInt8(ascii: "1"); t[7] = UInt8(ascii: "9")
        for i in 6..<15 { t[i + 2] = b[i] }
        return t.withUnsafeMutableBufferPointer { p in
            let check = checkValue(of: UnsafeBufferPointer(p))
            p[17] = check == 10 ? UInt8(ascii: "X") : UInt8(check) + 0x30
            return ResidentID(packing: UnsafeBufferPointer(p))
        }
    }

    /// `1.10101E+17`, `1.1010119900307E17`: what a spreadsheet shows of an ID it took for a number.
    static func isScientificNotation(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        func digits() -> Int { let s = i; while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }; return i - s }
        guard digits() > 0 else { return false }
        if i < b.count, b[i] == UInt8(ascii: ".") { i += 1; _ = digits() }
        guard i < b.count, b[i] == UInt8(ascii: "E") || b[i] == UInt8(ascii: "e") else { return false }
        i += 1
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        return digits() > 0 && i == b.count
    }

    @inline(__always)
    static func number(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ count: Int) -> Int {
        var v = 0
        for i in at..<(at + count) { v = v * 10 + Int(b[i] &- 0x30) }
        return v
    }
}
