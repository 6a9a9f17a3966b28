import Foundation

/// The attributes of one start tag, parsed only when a handler asks for one.
struct XMLAttributes {
    let raw: XMLBytes

    /// The raw value of the first attribute whose local name is `name` (`id` finds `r:id`), entities unresolved.
    /// `prefixed` restricts the match to names with a namespace prefix (`r:id`) or without one (`Id`).
    func value(_ name: StaticString, prefixed: Bool? = nil) throws -> XMLBytes? {
        guard let base = raw.baseAddress else { return nil }
        let count = raw.count
        var index = 0
        while true {
            while index < count && isXMLSpace(base[index]) { index += 1 }
            if index >= count { return nil }
            let nameStart = index
            while index < count && base[index] != UInt8(ascii: "=") && !isXMLSpace(base[index]) { index += 1 }
            let qualified = XMLBytes(start: base + nameStart, count: index - nameStart)
            while index < count && isXMLSpace(base[index]) { index += 1 }
            guard index < count, base[index] == UInt8(ascii: "="), !qualified.isEmpty else {
                throw XMLError("holds a tag whose attributes are not name=\"value\" pairs")
            }
            index += 1
            while index < count && isXMLSpace(base[index]) { index += 1 }
            guard index < count, base[index] == UInt8(ascii: "\"") || base[index] == UInt8(ascii: "'") else {
                throw XMLError("holds an attribute value without quotes")
            }
            let quote = base[index]
            index += 1
            let valueStart = index
            while index < count && base[index] != quote { index += 1 }
            if index >= count { throw XMLError("holds an attribute value without its closing quote") }
            let value = XMLBytes(start: base + valueStart, count: index - valueStart)
            index += 1
            let local = localName(of: qualified)
            if local.equals(name) {
                let hasPrefix = local.count != qualified.count
                if prefixed == nil || prefixed == hasPrefix { return value }
            }
        }
    }

    /// The value of attribute `name` as a string, entities resolved.
    func string(_ name: StaticString, prefixed: Bool? = nil) throws -> String? {
        guard let raw = try value(name, prefixed: prefixed) else { return nil }
        var bytes: [UInt8] = []
        try appendCharacterData(raw, to: &bytes, isAttribute: true)
        return try makeString(bytes)
    }
}

/// Appends the character data of a text event: CDATA as it is, other text through `appendCharacterData`.
@inline(__always)
func appendText(_ raw: XMLBytes, isCDATA: Bool, to output: inout [UInt8]) throws {
    if isCDATA { output.append(contentsOf: raw) } else { try appendCharacterData(raw, to: &output) }
}

/// Appends the character data that `raw` stands for: the five predefined entities and character references
/// resolved, line ends normalised (XML 1.0 §2.11) and, in attribute values, white space normalised (§3.3.3).
func appendCharacterData(_ raw: XMLBytes, to output: inout [UInt8], isAttribute: Bool = false) throws {
    guard let base = raw.baseAddress, !raw.isEmpty else { return }
    let count = raw.count
    // Fast path: most cell texts have neither entities nor carriage returns.
    if !isAttribute && memchr(base, Int32(UInt8(ascii: "&")), count) == nil && memchr(base, 0x0D, count) == nil {
        output.append(contentsOf: raw)
        return
    }
    var index = 0
    while index < count {
        let byte = base[index]
        switch byte {
        case UInt8(ascii: "&"):
            index = try appendReference(base, at: index, count: count, to: &output)
        case 0x0D:
            output.append(isAttribute ? 0x20 : 0x0A)
            index += (index + 1 < count && base[index + 1] == 0x0A) ? 2 : 1
        case 0x0A, 0x09:
            output.append(isAttribute ? 0x20 : byte)
            index += 1
        default:
            output.append(byte)
            index += 1
        }
    }
}

/// Resolves the reference starting at `index` (an '&') and returns the index after its ';'.
private func appendReference(
    _ base: UnsafePointer<UInt8>, at index: Int, count: Int, to output: inout [UInt8]
) throws -> Int {
    // The longest reference worth reading is "&#x10FFFF;" or "&#1114111;".
    let limit = min(count, index + 12)
    var end = index + 1
    while end < limit && base[end] != UInt8(ascii: ";") { end += 1 }
    guard end < limit else { throw XMLError("holds an '&' that starts no entity (write it as &amp;)") }
    let name = XMLBytes(start: base + index + 1, count: end - index - 1)
    if name.equals("amp") { output.append(UInt8(ascii: "&")) }
    else if name.equals("lt") { output.append(UInt8(ascii: "<")) }
    else if name.equals("gt") { output.append(UInt8(ascii: ">")) }
    else if name.equals("quot") { output.append(UInt8(ascii: "\"")) }
    else if name.equals("apos") { output.append(UInt8(ascii: "'")) }
    else if name.count >= 2 && name[0] == UInt8(ascii: "#") {
        let isHex = name[1] == UInt8(ascii: "x")
        let digits = XMLBytes(rebasing: name[(isHex ? 2 : 1)...])
        guard let scalar = parseCodePoint(digits, radix: isHex ? 16 : 10), isXMLCharacter(scalar) else {
            throw XMLError("holds a character reference that names no allowed character")
        }
        appendUTF8(scalar, to: &output)
    } else {
        throw XMLError("holds an entity other than &amp; &lt; &gt; &quot; &apos; or a character reference")
    }
    return end + 1
}

private func parseCodePoint(_ digits: XMLBytes, radix: UInt32) -> UInt32? {
    guard !digits.isEmpty, digits.count <= 8 else { return nil }
    var value: UInt32 = 0
    for byte in digits {
        guard let digit = hexValue(byte), digit < radix else { return nil }
        value = value * radix + digit
    }
    return value
}

@inline(__always)
private func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
    default: return nil
    }
}

/// XML 1.0's Char production.
private func isXMLCharacter(_ scalar: UInt32) -> Bool {
    switch scalar {
    case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
    default: return false
    }
}

private func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
        output.append(UInt8(scalar))
    case 0x80..<0x800:
        output.append(UInt8(0xC0 | (scalar >> 6)))
        output.append(UInt8(0x80 | (scalar & 0x3F)))
    case 0x800..<0x10000:
        output.append(UInt8(0xE0 | (scalar >> 12)))
        output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
        output.append(UInt8(0x80 | (scalar & 0x3F)))
    default:
        output.append(UInt8(0xF0 | (scalar >> 18)))
        output.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
        output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
        output.append(UInt8(0x80 | (scalar & 0x3F)))
    }
}

/// Replaces SpreadsheetML's `_xHHHH_` escapes (ECMA-376 Part 1, 22.9.2.19 ST_Xstring) with the UTF-16 code units
/// they stand for: writers use them for control characters, and `_x005F_` for a literal underscore that would
/// otherwise start an escape. A surrogate pair may be written as two escapes; a lone surrogate becomes U+FFFD.
func decodeSpreadsheetEscapes(_ bytes: inout [UInt8]) {
    guard bytes.count >= 7, bytes.withUnsafeBufferPointer({ containsEscapeStart($0) }) else { return }
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var index = 0
    var pendingHigh: UInt32?
    func flushHigh() {
        if pendingHigh != nil { appendUTF8(0xFFFD, to: &output); pendingHigh = nil }
    }
    while index < bytes.count {
        if let unit = escapedUnit(bytes, at: index) {
            index += 7
            if (0xD800...0xDBFF).contains(unit) {
                flushHigh()
                pendingHigh = unit
            } else if (0xDC00...0xDFFF).contains(unit) {
                if let high = pendingHigh {
                    appendUTF8(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), to: &output)
                    pendingHigh = nil
                } else {
                    appendUTF8(0xFFFD, to: &output)
                }
            } else {
                flushHigh()
                appendUTF8(unit, to: &output)
            }
        } else {
            flushHigh()
            output.append(bytes[index])
            index += 1
        }
    }
    flushHigh()
    bytes = output
}

private func containsEscapeStart(_ bytes: XMLBytes) -> Bool {
    var index = 0
    while index + 1 < bytes.count {
        if bytes[index] == UInt8(ascii: "_") && bytes[index + 1] == UInt8(ascii: "x") { return true }
        index += 1
    }
    return false
}

private func escapedUnit(_ bytes: [UInt8], at index: Int) -> UInt32? {
    guard index + 7 <= bytes.count, bytes[index] == UInt8(ascii: "_"), bytes[index + 1] == UInt8(ascii: "x"),
          bytes[index + 6] == UInt8(ascii: "_") else { return nil }
    var value: UInt32 = 0
    for offset in 2..<6 {
        guard let digit = hexValue(bytes[index + offset]) else { return nil }
        value = value << 4 | digit
    }
    return value
}

/// A String from UTF-8 bytes, refusing invalid UTF-8 instead of repairing it: a repaired value would be a
/// silently different value.
func makeString(_ bytes: [UInt8]) throws -> String {
    try bytes.withUnsafeBufferPointer { try makeString($0) }
}

/// A String from UTF-8 bytes, refusing invalid UTF-8.
func makeString(_ bytes: XMLBytes) throws -> String {
    guard isValidUTF8(bytes) else { throw XMLError("holds text that is not valid UTF-8") }
    return String(decoding: bytes, as: UTF8.self)
}

/// UTF-8 validation by hand: `String(validating:as:)` needs macOS 15, which the package does not require.
private func isValidUTF8(_ bytes: XMLBytes) -> Bool {
    var index = 0
    let count = bytes.count
    while index < count {
        let lead = bytes[index]
        if lead < 0x80 { index += 1; continue }
        let length: Int
        let minimum: UInt32
        var scalar: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(lead & 0x07)
        default: return false
        }
        guard index + length <= count else { return false }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return false }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
        }
        if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return false }
        index += length
    }
    return true
}
