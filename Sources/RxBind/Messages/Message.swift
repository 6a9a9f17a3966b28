/// A sentence for people, from the catalog of the process's language (SPEC §12), with its `{placeholders}` filled.
///
/// Every human-readable line rxbind prints comes from here: one catalog per language (`Catalog+Chinese.swift`,
/// `Catalog+English.swift`), each a `switch` over ``MessageKey`` — so the compiler refuses a message missing from
/// either language, and a test checks that both have the same placeholders.
///
/// ```swift
/// localized(.runExists, ["run": runID])
/// ```
public func localized(_ key: MessageKey, _ arguments: [String: any CustomStringConvertible] = [:],
                      language: Language = .current) -> String {
    Catalog.fill(Catalog.template(key, language), arguments)
}

/// Items of a list in a message, in the language's way: 甲、乙、丙 / a, b, c.
public func localizedList(_ items: some Sequence<String>, language: Language = .current) -> String {
    items.joined(separator: localized(.listComma, language: language))
}

/// The catalogs.
public enum Catalog {
    /// A message's text with its placeholders unfilled.
    public static func template(_ key: MessageKey, _ language: Language) -> String {
        switch language {
        case .chinese: return chinese(key)
        case .english: return english(key)
        }
    }

    /// The `{name}` placeholders of a template, in order of appearance.
    public static func placeholders(_ template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            let name = after[..<close]
            if !name.isEmpty && name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { names.append(String(name)) }
            rest = after[after.index(after: close)...]
        }
        return names
    }

    /// Replaces each `{name}` with its argument. A placeholder without an argument is a programmer error: it stays
    /// visible (so a test sees it) rather than crashing a night.
    static func fill(_ template: String, _ arguments: [String: any CustomStringConvertible]) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let value = arguments[String(after[..<close])] {
                out += value.description
                rest = after[after.index(after: close)...]
            } else {
                out += "{"
                rest = after
            }
        }
        return out + rest
    }
}

/// A help text from the catalog, broken into lines of at most `width` terminal columns. swift-argument-parser wraps
/// help at spaces and counts characters, so Chinese text — no spaces, each character two columns wide — would run
/// past the edge of the terminal; lines broken here are short enough that it leaves them as they are. Latin words
/// (`--allow-repeat`, `rxbind revert`) are never split.
public func helpText(_ key: MessageKey, _ arguments: [String: any CustomStringConvertible] = [:],
                     width: Int = 76, language: Language = .current) -> String {
    let text = localized(key, arguments, language: language)
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { paragraph in
        wrap(String(paragraph), width: width)
    }.joined(separator: "\n")
}

/// Breaks one paragraph between wide characters or at spaces.
func wrap(_ paragraph: String, width: Int) -> String {
    var lines: [String] = []
    var line = ""
    var lineWidth = 0
    // Tokens: a wide character alone, or a run of narrow characters up to and including a space.
    var tokens: [String] = []
    var narrow = ""
    for c in paragraph {
        if TextTable.displayWidth(String(c)) == 2 {
            if !narrow.isEmpty { tokens.append(narrow); narrow = "" }
            tokens.append(String(c))
        } else {
            narrow.append(c)
            if c == " " { tokens.append(narrow); narrow = "" }
        }
    }
    if !narrow.isEmpty { tokens.append(narrow) }
    for token in tokens {
        let w = TextTable.displayWidth(token)
        // Chinese closing punctuation never starts a line.
        let closing = token.count == 1 && "，。；：、）》」』！？".contains(token)
        if lineWidth + w > width && !line.isEmpty && !closing {
            // An opening bracket never ends a line: it moves down with what it opens.
            var carried = ""
            if let last = line.last, "（《「『".contains(last) { carried = String(line.removeLast()) }
            lines.append(line.hasSuffix(" ") ? String(line.dropLast()) : line)
            line = carried
            lineWidth = TextTable.displayWidth(carried)
        }
        line += token
        lineWidth += w
    }
    if !line.isEmpty || lines.isEmpty { lines.append(line) }
    return lines.joined(separator: "\n")
}
