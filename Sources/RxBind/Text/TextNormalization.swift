import Foundation

/// Normalisation of the text cells rxbind interprets or compares (SPEC §3).
///
/// In order: the invisible format characters are removed, the private-use code points that GB18030-2005 decoders
/// produce are replaced by the characters Unicode encoded later (table 3.1), Unicode NFKC, trimming, and runs of
/// white space collapsed to one space. Fields that are only displayed get ``displayText(_:)``: the format characters
/// removed and nothing else.
///
/// NFKC through Foundation costs about 2 µs a call (STYLE.md), and a national night has about 11M fields, so the
/// routine first looks at the scalars: ASCII, the middle dot and the CJK ideographs of the BMP are NFKC-stable and
/// never touch Foundation.
public enum TextNormalization {
    /// U+200B, U+200C, U+200D, U+2060 and U+FEFF: they ride along when a name is pasted from a web page or a chat.
    @inlinable
    public static func isFormatCharacter(_ v: UInt32) -> Bool {
        v == 0x200B || v == 0x200C || v == 0x200D || v == 0x2060 || v == 0xFEFF
    }

    /// Table 3.1: private-use code points of GB18030-2005 decoders → the characters Unicode encoded later.
    public static let privateUseReplacements: [UInt32: UInt32] = [
        0xE78D: 0xFE10, 0xE78E: 0xFE12, 0xE78F: 0xFE11, 0xE790: 0xFE13, 0xE791: 0xFE14, 0xE792: 0xFE15,
        0xE793: 0xFE16, 0xE794: 0xFE17, 0xE795: 0xFE18, 0xE796: 0xFE19, 0xE816: 0x20087, 0xE817: 0x20089,
        0xE818: 0x200CC, 0xE81E: 0x9FB4, 0xE826: 0x9FB5, 0xE82B: 0x9FB6, 0xE82C: 0x9FB7, 0xE831: 0x215D7,
        0xE832: 0x9FB8, 0xE83B: 0x2298F, 0xE843: 0x9FB9, 0xE854: 0x9FBA, 0xE855: 0x241FE, 0xE864: 0x9FBB,
    ]

    /// Whether NFKC leaves the scalar unchanged whatever surrounds it: ASCII, U+00B7 and the CJK unified
    /// ideographs of the BMP (basic block and extension A) have no decomposition and do not compose.
    @inlinable
    static func isStable(_ v: UInt32) -> Bool {
        v < 0x80 || v == 0xB7 || (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF)
    }

    /// The full normalisation of SPEC §3 for a field rxbind interprets or compares.
    public static func field(_ text: String) -> String {
        var text = text
        return text.withUTF8 { field(utf8: $0) }
    }

    /// The full normalisation of SPEC §3, from UTF-8 bytes (the reader's field buffer).
    public static func field(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Fast path 1: pure ASCII — only trimming and collapsing can change anything.
        var ascii = true
        for b in bytes where b >= 0x80 { ascii = false; break }
        if ascii { return collapseASCII(bytes) }

        // Fast path 2: every scalar NFKC-stable and none a format or private-use character.
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        var needsNFKC = false
        var decoder = Unicode.UTF8()
        var iterator = bytes.makeIterator()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                let v = s.value
                if isFormatCharacter(v) { continue }
                if let replacement = privateUseReplacements[v], let r = Unicode.Scalar(replacement) {
                    scalars.append(r); needsNFKC = true; continue
                }
                if !isStable(v) { needsNFKC = true }
                scalars.append(s)
            case .emptyInput: break decoding
            case .error: scalars.append("\u{FFFD}")
            }
        }
        if needsNFKC {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            let nfkc = String(view).precomposedStringWithCompatibilityMapping
            return collapse(nfkc.unicodeScalars)
        }
        return collapse(scalars)
    }

    /// Calls `body` with the normalised field's UTF-8 — the input bytes themselves when they are already normal
    /// (the common case: ASCII and CJK text, trimmed, single spaces), so a reference row's fields reach the arena
    /// without a `String` each.
    @inline(__always)
    public static func withField<R>(utf8 bytes: UnsafeBufferPointer<UInt8>,
                                    _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if isNormal(bytes) { return try body(bytes) }
        var s = field(utf8: bytes)
        return try s.withUTF8(body)
    }

    /// Whether the bytes are already what ``field(utf8:)`` would return: every scalar NFKC-stable, no format or
    /// private-use character, no white space but single spaces between words.
    static func isNormal(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        if n == 0 { return true }
        if b[0] == 0x20 || b[n - 1] == 0x20 { return false }
        var i = 0
        var previousSpace = false
        while i < n {
            let c = b[i]
            if c < 0x80 {
                if c < 0x20 || c == 0x7F { return false }
                if c == 0x20 {
                    if previousSpace { return false }
                    previousSpace = true
                } else {
                    previousSpace = false
                }
                i += 1
                continue
            }
            previousSpace = false
            // Multi-byte: only the stable ranges (U+00B7, CJK U+3400–U+4DBF and U+4E00–U+9FFF) pass.
            if c == 0xC2 && i + 1 < n && b[i + 1] == 0xB7 { i += 2; continue }
            guard c >= 0xE3 && c <= 0xE9, i + 2 < n else { return false }
            let v = (UInt32(c & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F)
            guard b[i + 1] & 0xC0 == 0x80, b[i + 2] & 0xC0 == 0x80,
                  (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) else { return false }
            i += 3
        }
        return true
    }

    /// Only the format characters removed: for fields that are displayed and never interpreted (message,
    /// employer, unknown columns).
    public static func displayText(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isFormatCharacter($0.value) }) else { return text }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text.unicodeScalars.lazy.filter { !isFormatCharacter($0.value) })
        return String(view)
    }

    /// Display text from UTF-8 bytes.
    public static func displayText(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        displayText(String(decoding: bytes, as: UTF8.self))
    }

    @inline(__always)
    static func isASCIISpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// Trims and collapses white space runs of an ASCII field; copies only when something changes.
    static func collapseASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var start = 0, end = bytes.count
        while start < end, isASCIISpace(bytes[start]) { start += 1 }
        while end > start, isASCIISpace(bytes[end - 1]) { end -= 1 }
        var clean = true
        var previousSpace = false
        for i in start..<end {
            let b = bytes[i]
            let space = isASCIISpace(b)
            if space && (previousSpace || b != 0x20) { clean = false; break }
            previousSpace = space
        }
        if clean { return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        previousSpace = false
        for i in start..<end {
            let b = bytes[i]
            if isASCIISpace(b) {
                if !previousSpace { out.append(0x20) }
                previousSpace = true
            } else {
                out.append(b)
                previousSpace = false
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Trims and collapses runs of Unicode white space to one U+0020.
    static func collapse<S: Sequence<Unicode.Scalar>>(_ scalars: S) -> String {
        var view = String.UnicodeScalarView()
        var pendingSpace = false
        for s in scalars {
            if s.properties.isWhitespace {
                pendingSpace = !view.isEmpty
                continue
            }
            if pendingSpace { view.append(" "); pendingSpace = false }
            view.append(s)
        }
        return String(view)
    }
}
