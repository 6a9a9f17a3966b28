/// A name as rxbind compares it (SPEC §3), never as it displays it.
///
/// From the normalised field: all white space removed, the middle-dot look-alikes mapped to U+00B7 (minority names
/// such as 阿依古丽·买买提 are typed with whatever dot the keyboard offers), ASCII letters upper-cased. A name holding
/// an **unrepresentable character** — a private-use code point, U+FFFD, `?`, `？` or `□`, what systems leave of a rare
/// character (生僻字) they cannot encode — matches no other name, not even an identical one.
public struct NameKey: Hashable, Sendable {
    /// The comparison form.
    public let key: String
    /// Whether the name holds a character that stands for one a system could not represent.
    public let isUnrepresentable: Bool

    /// Builds the key from a name already normalised with ``TextNormalization/field(_:)``.
    public init(normalized name: String) {
        // Most names are CJK ideographs and nothing else: already their own key.
        var name = name
        if name.withUTF8({ NameKey.isOwnKey($0) }) {
            self.init(key: name, isUnrepresentable: false)
        } else {
            self.init(slow: name)
        }
    }

    /// Whether the UTF-8 is only CJK ideographs (U+3400–U+4DBF, U+4E00–U+9FFF) and U+00B7.
    static func isOwnKey(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c == 0xC2 && i + 1 < n && b[i + 1] == 0xB7 { i += 2; continue }
            guard c >= 0xE3 && c <= 0xE9, i + 2 < n else { return false }
            let v = (UInt32(c & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F)
            guard (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) else { return false }
            i += 3
        }
        return true
    }

    private init(key: String, isUnrepresentable: Bool) {
        self.key = key
        self.isUnrepresentable = isUnrepresentable
    }

    private init(slow name: String) {
        var view = String.UnicodeScalarView()
        var unrepresentable = false
        for s in name.unicodeScalars {
            let v = s.value
            if s.properties.isWhitespace { continue }
            if NameKey.isUnrepresentable(v) { unrepresentable = true }
            if NameKey.isMiddleDot(v) {
                view.append("\u{00B7}")
            } else if v >= 0x61 && v <= 0x7A {
                view.append(Unicode.Scalar(v - 0x20)!)
            } else {
                view.append(s)
            }
        }
        key = String(view)
        isUnrepresentable = unrepresentable
    }

    /// Builds the key from raw field text (normalising it first).
    public init(raw name: String) {
        self.init(normalized: TextNormalization.field(name))
    }

    /// Whether two names are the same person's name: equal keys and neither unrepresentable.
    public func matches(_ other: NameKey) -> Bool {
        !isUnrepresentable && !other.isUnrepresentable && key == other.key
    }

    /// `·` U+00B7, `•` U+2022, `‧` U+2027, `・` U+30FB, `･` U+FF65, `∙` U+2219, `⋅` U+22C5 and `.`.
    static func isMiddleDot(_ v: UInt32) -> Bool {
        switch v {
        case 0x00B7, 0x2022, 0x2027, 0x30FB, 0xFF65, 0x2219, 0x22C5, 0x2E: return true
        default: return false
        }
    }

    /// Private use (U+E000–U+F8FF, planes 15 and 16), U+FFFD, `?`, `？` and `□`.
    static func isUnrepresentable(_ v: UInt32) -> Bool {
        (v >= 0xE000 && v <= 0xF8FF) || v >= 0xF0000 || v == 0xFFFD || v == 0x3F || v == 0xFF1F || v == 0x25A1
    }
}
