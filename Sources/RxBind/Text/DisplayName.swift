/// A name as the addition-request form shows it (SPEC §12: the form looks official).
///
/// Rosters carry names typed with stray spaces — `龙 龙`, `阿依古丽 · 买买提`, a full-width space between surname
/// and given name — which the comparison key already ignores (``NameKey``) but which look careless on an official
/// form. White space between two Chinese characters, or between a Chinese character and the middle dot of a
/// minority name, is removed; white space anywhere else is one space (`John Smith` stays as it is), and none leads
/// or trails.
public enum DisplayName {
    /// The name as the form shows it.
    public static func tidy(_ name: String) -> String {
        // Nearly every name has no white space at all, which the bytes tell without Unicode's property tables.
        var name = name
        guard name.withUTF8({ mayHoldWhiteSpace($0) }) else { return name }
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar? = nil
        var pendingSpace = false
        for s in name.unicodeScalars {
            if s.properties.isWhitespace {
                pendingSpace = previous != nil
                continue
            }
            if pendingSpace, let p = previous, !joins(p.value, s.value) { out.append(" ") }
            pendingSpace = false
            out.append(s)
            previous = s
        }
        return String(out)
    }

    /// False when the UTF-8 certainly holds no white space: no ASCII space or control, and none of the lead bytes
    /// of Unicode's other spaces (U+0085 and U+00A0 after C2, U+1680 … U+205F after E1 and E2, U+3000 as E3 80 80).
    static func mayHoldWhiteSpace(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b <= 0x20 || b == 0xE1 || b == 0xE2 { return true }
            if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0x85 || bytes[i + 1] == 0xA0 { return true }
            if b == 0xE3, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 { return true }
            i += 1
        }
        return false
    }

    /// Whether the two characters belong together without a space: both Chinese, or a Chinese character and a
    /// middle dot (either way round).
    static func joins(_ a: UInt32, _ b: UInt32) -> Bool {
        let hanA = isChinese(a), hanB = isChinese(b)
        return (hanA && hanB) || (hanA && NameKey.isMiddleDot(b)) || (NameKey.isMiddleDot(a) && hanB)
    }

    /// CJK ideographs (the basic block, extension A, the compatibility ideographs, 〇 and the supplementary planes
    /// of extensions B onwards), and the private-use code points that stand for a rare character (生僻字) in a
    /// system's own font.
    static func isChinese(_ v: UInt32) -> Bool {
        (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0xF900 && v <= 0xFAFF) || v == 0x3007
            || (v >= 0x20000 && v <= 0x3FFFF) || (v >= 0xE000 && v <= 0xF8FF)
    }
}
