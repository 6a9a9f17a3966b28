import Foundation
import Testing

/// SPEC §12: every human-readable line comes from the catalog. The command layer (`Sources/rxbind`) and the reports
/// (`Sources/RxBind/Reports`) hold no sentence of their own: a string literal there that reads as words — Chinese
/// characters, or two words with a space between them — bypasses the catalog.
struct CommandLayerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Literals that are not for people to read as sentences, each with why.
    static let allowed: Set<String> = [
        // `--version`: read by scripts (deb.sh takes its first word), the same in every language like every
        // machine-read output.
        "\\(toolVersion) (rule set \\(ruleSetVersion))",
    ]

    /// The string literals of a Swift source, single-line and multi-line, without their quotes.
    static func literals(in source: String) -> [String] {
        var out: [String] = []
        var rest = Substring(source)
        while let quote = rest.firstIndex(of: "\"") {
            // Skip comments.
            let before = rest[..<quote]
            if let slash = before.range(of: "//", options: .backwards), !before[slash.upperBound...].contains("\n") {
                rest = rest[quote...].drop { $0 != "\n" }
                continue
            }
            if rest[quote...].hasPrefix("\"\"\"") {
                let body = rest[rest.index(quote, offsetBy: 3)...]
                guard let end = body.range(of: "\"\"\"") else { break }
                out.append(String(body[..<end.lowerBound]))
                rest = body[end.upperBound...]
                continue
            }
            var i = rest.index(after: quote)
            var literal = ""
            while i < rest.endIndex, rest[i] != "\"" {
                if rest[i] == "\\", rest.index(after: i) < rest.endIndex {
                    literal.append(rest[i])
                    i = rest.index(after: i)
                }
                literal.append(rest[i])
                i = rest.index(after: i)
            }
            out.append(literal)
            rest = i < rest.endIndex ? rest[rest.index(after: i)...] : ""
        }
        return out
    }

    static func readsAsWords(_ literal: String) -> Bool {
        if literal.unicodeScalars.contains(where: { $0.value >= 0x3400 && $0.value <= 0x9FFF }) { return true }
        return literal.range(of: #"[A-Za-z]{2,} [A-Za-z]{2,}"#, options: .regularExpression) != nil
    }

    @Test func theScanFindsWhatItShould() {
        #expect(Self.literals(in: #"print("hello world") // "not this one""#) == ["hello world"])
        #expect(Self.literals(in: "let a = \"\"\"\n    多行\n    \"\"\"") == ["\n    多行\n    "])
        #expect(Self.readsAsWords("Run the nightly job"))
        #expect(Self.readsAsWords("工作区"))
        #expect(!Self.readsAsWords("allow-repeat") && !Self.readsAsWords("FAILURES.csv") && !Self.readsAsWords("\\n"))
    }

    @Test func theCommandLayerAndTheReportsSayNothingOutsideTheCatalog() throws {
        let folders = ["Sources/rxbind", "Sources/RxBind/Reports"]
        var found: [String] = []
        for folder in folders {
            let dir = Self.root.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".swift") {
                let source = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
                for literal in Self.literals(in: source) where Self.readsAsWords(literal) && !Self.allowed.contains(literal) {
                    found.append("\(folder)/\(name): \"\(literal)\"")
                }
            }
        }
        #expect(found.isEmpty, "literals that bypass the catalog:\n\(found.joined(separator: "\n"))")
    }
}
