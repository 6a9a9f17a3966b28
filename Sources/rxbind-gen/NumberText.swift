/// How real exports write an ID number that SPEC §3 still reads as the same number.
enum NumberStyle: CaseIterable {
    case plain, lowerX, fullWidth, excelFormula, apostrophe, spaced, hyphenated, leadingTab

    /// `text` (18 or 15 characters) written in this style.
    func render(_ text: String) -> String {
        switch self {
        case .plain: return text
        case .lowerX: return text.hasSuffix("X") ? String(text.dropLast()) + "x" : text
        case .fullWidth:
            // ０-９ and Ｘ: NFKC folds them back (SPEC §3).
            var out = String.UnicodeScalarView()
            for s in text.unicodeScalars { out.append(Unicode.Scalar(s.value + 0xFEE0)!) }
            return String(out)
        case .excelFormula: return "=\"" + text + "\""
        case .apostrophe: return "'" + text
        case .spaced: return group(text, " ")
        case .hyphenated: return group(text, "-")
        case .leadingTab: return "\t" + text
        }
    }

    private func group(_ text: String, _ separator: String) -> String {
        let c = Array(text)
        guard c.count == 18 else { return String(c.prefix(6)) + separator + String(c.dropFirst(6)) }
        return String(c[0..<6]) + separator + String(c[6..<14]) + separator + String(c[14...])
    }

    /// A style for a failure row: mostly plain, like the exports.
    static func random(_ rng: inout SplitMix64) -> NumberStyle {
        [.plain, .lowerX, .fullWidth, .excelFormula, .apostrophe, .spaced, .hyphenated, .leadingTab][
            rng.weighted([72, 6, 5, 5, 4, 3, 3, 2])]
    }
}

/// ID numbers SPEC §3 rejects, each built for one rule-0 reason (or two, where the earlier one must win).
enum BrokenNumbers {
    /// `body` with a check character that does not hold — and never a digit string ending in 000, which SPEC §3
    /// calls spreadsheet damage instead.
    static func wrongCheck(body: String, _ rng: inout SplitMix64) -> String {
        let right = checkCharacter(forBody: body)
        let choices: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "X"].filter {
            $0 != right && !(body.hasSuffix("00") && $0 == "0")
        }
        return body + String(rng.pick(choices))
    }

    /// What a spreadsheet shows of an 18-digit number it took for a number: `1.10101E+17` and the like.
    static func scientific(_ text: String, _ rng: inout SplitMix64) -> String {
        let digits = Array(text.prefix(17))
        let mantissa = rng.pick([5, 6, 14])
        var m = String(digits[0]) + "." + String(digits[1...mantissa])
        while m.hasSuffix("0") { m.removeLast() }
        if m.hasSuffix(".") { m.removeLast() }
        return m + rng.pick(["E+17", "E+17", "E17"])
    }

    /// What a spreadsheet leaves of an 18-digit number rounded to 15 significant digits: the last three digits
    /// 000. Nil when the number has an X or the rounded number happens to be valid.
    static func rounded(_ text: String) -> String? {
        guard !text.hasSuffix("X"), let value = UInt64(text) else { return nil }
        let r = (value + 500) / 1000 * 1000
        let digits = String(r)
        let s = String(repeating: "0", count: max(0, 18 - digits.count)) + digits
        guard s.count == 18, checkCharacter(forBody: String(s.prefix(17))) != "0" else { return nil }
        return s
    }

    /// A body of 17 digits around a birth-date text that may be impossible.
    static func body(region: Int, date: String, sequence: Int) -> String {
        pad(region, 6) + date + pad(sequence, 3)
    }

    /// An eight-digit date that does not exist.
    static func impossibleDate(_ rng: inout SplitMix64) -> String {
        let y = rng.int(1950...1999)
        switch rng.below(6) {
        case 0: return pad(y, 4) + "02" + pad(rng.int(30...31), 2)
        case 1: return pad(y, 4) + pad(rng.pick([4, 6, 9, 11]), 2) + "31"
        case 2: return pad(y, 4) + rng.pick(["00", "13", "19"]) + pad(rng.int(1...28), 2)
        case 3: return pad(y, 4) + pad(rng.int(1...12), 2) + rng.pick(["00", "32"])
        case 4:
            var leapless = y
            while Day.isLeap(leapless) { leapless += 1 }
            return pad(leapless, 4) + "0229"
        default: return pad(y, 4) + "0230"
        }
    }

    /// A number in a reference file that rxbind must skip: a wrong check character, spreadsheet damage, or one
    /// digit lost.
    static func unusableReference(_ number: ResidentNumber, _ rng: inout SplitMix64) -> String {
        switch rng.below(3) {
        case 0: return wrongCheck(body: number.body, &rng)
        case 1: return scientific(number.text, &rng)
        default: return String(number.text.prefix(17))
        }
    }
}
