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
