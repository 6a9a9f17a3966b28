import Foundation
import Testing
@testable import RxBind

@Suite struct TextNormalizationTests {
    @Test func formatCharactersAreRemovedFirst() {
        #expect(TextNormalization.field("\u{FEFF}张\u{200B}三\u{200C}\u{200D}\u{2060}") == "张三")
        #expect(TextNormalization.displayText("失败\u{200B}原因 ") == "失败原因 ")
    }

    @Test func everyPrivateUseCodePointOfTable31IsReplaced() {
        let table: [(UInt32, UInt32)] = [
            (0xE78D, 0xFE10), (0xE78E, 0xFE12), (0xE78F, 0xFE11), (0xE790, 0xFE13), (0xE791, 0xFE14), (0xE792, 0xFE15),
            (0xE793, 0xFE16), (0xE794, 0xFE17), (0xE795, 0xFE18), (0xE796, 0xFE19), (0xE816, 0x20087), (0xE817, 0x20089),
            (0xE818, 0x200CC), (0xE81E, 0x9FB4), (0xE826, 0x9FB5), (0xE82B, 0x9FB6), (0xE82C, 0x9FB7), (0xE831, 0x215D7),
            (0xE832, 0x9FB8), (0xE83B, 0x2298F), (0xE843, 0x9FB9), (0xE854, 0x9FBA), (0xE855, 0x241FE), (0xE864, 0x9FBB),
        ]
        #expect(table.count == 24)
        for (pua, standard) in table {
            let input = "王" + String(Unicode.Scalar(pua)!)
            // The FE1x vertical forms are compatibility characters: NFKC then folds them further, as SPEC §3's
            // order (replacement, then NFKC) says.
            let expected = ("王" + String(Unicode.Scalar(standard)!)).precomposedStringWithCompatibilityMapping
            #expect(TextNormalization.field(input) == expected, "U+\(String(pua, radix: 16))")
            #expect(!NameKey(raw: input).isUnrepresentable || expected.unicodeScalars.contains { $0 == "?" })
        }
        // A private-use code point outside the table stays, and makes a name unrepresentable.
        #expect(TextNormalization.field("王\u{E000}") == "王\u{E000}")
        #expect(NameKey(raw: "王\u{E000}").isUnrepresentable)
    }

    @Test func nfkcTrimAndCollapse() {
        #expect(TextNormalization.field("　Ｚｈａｎｇ　　Ｓａｎ　") == "Zhang San")
        #expect(TextNormalization.field("  a \t\n b  ") == "a b")
        #expect(TextNormalization.field("１２３") == "123")
        #expect(TextNormalization.field("张 \u{3000} 三") == "张 三")
        #expect(TextNormalization.field("") == "")
        #expect(TextNormalization.field("   ") == "")
    }

    @Test func fastPathAgreesWithTheGeneralRoutine() {
        // Random strings over a mix of stable and unstable scalars: the result must equal what the slow path
        // (format removal, table 3.1, NFKC, trim, collapse) gives.
        let alphabet: [Unicode.Scalar] = ["a", "Z", "1", " ", "\t", "·", "张", "\u{4E00}", "\u{9FFF}", "\u{3400}",
            "\u{FF21}", "\u{3000}", "\u{00A0}", "\u{200B}", "\u{E81E}", "\u{0301}", "e", "\u{F900}", "\u{2F800}",
            "\u{20087}", "？", "\u{2022}"]
        var rng = SplitMix(seed: 7)
        for _ in 0..<3000 {
            var view = String.UnicodeScalarView()
            for _ in 0..<Int(rng.next() % 12) { view.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            let s = String(view)
            #expect(TextNormalization.field(s) == Self.slow(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    static func slow(_ s: String) -> String {
        var view = String.UnicodeScalarView()
        for u in s.unicodeScalars where !TextNormalization.isFormatCharacter(u.value) {
            if let r = TextNormalization.privateUseReplacements[u.value] { view.append(Unicode.Scalar(r)!) } else { view.append(u) }
        }
        let n = String(view).precomposedStringWithCompatibilityMapping
        return n.unicodeScalars.split(whereSeparator: { $0.properties.isWhitespace })
            .map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
    }
}

@Suite struct NameKeyTests {
    @Test func whiteSpaceDotsAndCase() {
        #expect(NameKey(raw: "阿依古丽 · 买买提").matches(NameKey(raw: "阿依古丽•买买提")))
        for dot in ["·", "•", "‧", "・", "･", "∙", "⋅", "."] {
            #expect(NameKey(raw: "A\(dot)B").key == "A·B", "\(dot)")
        }
        #expect(NameKey(raw: "li si").matches(NameKey(raw: "LISI")))
        #expect(NameKey(raw: "ｌｉ　ｓｉ").matches(NameKey(raw: "LiSi")))
        #expect(!NameKey(raw: "张三").matches(NameKey(raw: "张叁")))
    }

    @Test func unrepresentableCharactersMatchNothing() {
        for name in ["王?", "王？", "王□", "王\u{FFFD}", "王\u{E000}", "王\u{F8FF}", "王\u{F0000}", "王\u{10FFFD}"] {
            let key = NameKey(raw: name)
            #expect(key.isUnrepresentable, "\(name)")
            #expect(!key.matches(key), "\(name)")
        }
        #expect(!NameKey(raw: "王\u{9FB4}").isUnrepresentable)
        #expect(NameKey(raw: "王\u{9FB4}").matches(NameKey(raw: "王\u{E81E}")), "table 3.1 makes the private-use form the same name")
    }
}
