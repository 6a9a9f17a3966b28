import Foundation

/// The fixed phrases swift-argument-parser prints around rxbind's own help and errors ("USAGE:", "Show help
/// information.", "Missing expected argument …"), in the process's language (SPEC §12: help and every error are
/// Chinese by default). The English catalog holds the library's exact phrases, so English text passes unchanged;
/// each phrase's pattern is made from its English template, `{name}` standing for whatever the library put there.
public enum LibraryText {
    /// The phrases, most specific first (a phrase that contains another comes before it).
    static let phrases: [(key: MessageKey, lineStart: Bool)] = [
        (.libraryOverview, true), (.libraryUsageHeading, true), (.libraryArguments, true), (.libraryOptions, true),
        (.librarySubcommands, true), (.libraryShowHelp, false), (.libraryShowVersion, false),
        (.libraryValuesDefault, false), (.libraryValues, false), (.libraryDefault, false),
        (.libraryDetailedHelp, false), (.libraryErrorPrefix, true), (.libraryUsage, true),
        (.libraryMoreInformation, false), (.libraryMissingArgument, false), (.libraryUnknownOptionSuggestion, false),
        (.libraryUnknownOption, false), (.libraryMissingValue, false), (.libraryUnexpectedArgument, false),
        (.libraryInvalidValue, false), (.libraryProvideOneOfList, false), (.libraryProvideOneOf, false),
        (.libraryHelpLabel, true),
    ]

    /// The library's text with its phrases in `language`.
    public static func translate(_ text: String, language: Language = .current) -> String {
        guard language != .english, !text.isEmpty else { return text }
        var out = text
        for (key, lineStart) in phrases {
            let english = Catalog.template(key, .english)
            let names = Catalog.placeholders(english)
            var pattern = lineStart ? "(?m)^(\\s*)" : ""
            var rest = Substring(english)
            for name in names {
                let marker = "{\(name)}"
                guard let r = rest.range(of: marker) else { break }
                pattern += NSRegularExpression.escapedPattern(for: String(rest[..<r.lowerBound])) + "(.*?)"
                rest = rest[r.upperBound...]
            }
            pattern += NSRegularExpression.escapedPattern(for: String(rest))
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            // A replacement template treats `\` and `$` specially; the catalog's text has neither on purpose, but a
            // translation may: escape just those two (Foundation's escapedTemplate escapes more on Linux).
            var template = Catalog.template(key, language).replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "$", with: "\\$")
            for (i, name) in names.enumerated() {
                template = template.replacingOccurrences(of: "{\(name)}", with: "$\(i + (lineStart ? 2 : 1))")
            }
            if lineStart { template = "$1" + template }
            out = regex.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out),
                                                 withTemplate: template)
        }
        return out
    }
}
