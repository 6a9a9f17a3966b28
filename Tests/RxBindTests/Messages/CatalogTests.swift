import Foundation
import Testing
@testable import RxBind

/// SPEC §12: one catalog per language, every message in both with the same placeholders, and the language chosen
/// from the environment.
struct CatalogTests {
    @Test func everyMessageHasTheSamePlaceholdersInBothLanguages() {
        for key in MessageKey.allCases {
            let zh = Catalog.template(key, .chinese), en = Catalog.template(key, .english)
            #expect(!zh.isEmpty && !en.isEmpty, "\(key) is empty in a catalog")
            #expect(Set(Catalog.placeholders(zh)) == Set(Catalog.placeholders(en)),
                    "\(key): placeholders differ: \(Catalog.placeholders(zh)) vs \(Catalog.placeholders(en))")
        }
    }

    @Test func theChineseCatalogIsChinese() {
        // Option names, file names and codes may appear in a Chinese message, but a message with words in it has
        // Chinese words: an English sentence left in the Chinese catalog fails here.
        for key in MessageKey.allCases {
            let zh = Catalog.template(key, .chinese)
            // The program's own name is a name in every language.
            let stripped = Catalog.placeholders(zh).reduce(zh) { $0.replacingOccurrences(of: "{\($1)}", with: "") }
                .replacingOccurrences(of: "rxbind", with: "")
            let hasLetters = stripped.unicodeScalars.contains { $0.properties.isAlphabetic }
            let hasCJK = stripped.unicodeScalars.contains { $0.value >= 0x3400 && $0.value <= 0x9FFF }
            #expect(!hasLetters || hasCJK, "\(key): the Chinese catalog's text has no Chinese: \(zh)")
        }
    }

    @Test func placeholdersAreFilled() {
        #expect(localized(.fileLine, ["file": "a.csv", "line": 7], language: .chinese) == "a.csv 第 7 行")
        #expect(localized(.fileLine, ["file": "a.csv", "line": 7], language: .english) == "a.csv line 7")
        // A missing argument stays visible rather than vanishing.
        #expect(localized(.fileLine, ["file": "a.csv"], language: .english) == "a.csv line {line}")
    }

    @Test(arguments: [
        ([:], Language.chinese),
        (["LANG": "C"], .chinese),
        (["LANG": "POSIX"], .chinese),
        (["LANG": "C.UTF-8"], .chinese),
        (["LANG": "zh_CN.UTF-8"], .chinese),
        (["LANG": "en_US.UTF-8"], .english),
        (["LANG": "en"], .english),
        (["LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"], .english),
        (["LC_ALL": "C.UTF-8", "LANG": "en_US.UTF-8"], .chinese),
        (["LC_MESSAGES": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"], .english),
        (["LC_ALL": "", "LANG": "en_US.UTF-8"], .english),
        (["RXBIND_LANG": "en"], .english),
        (["RXBIND_LANG": "en", "LANG": "zh_CN.UTF-8"], .english),
        (["RXBIND_LANG": "zh", "LC_ALL": "en_US.UTF-8"], .chinese),
        (["RXBIND_LANG": "klingon", "LANG": "en_US.UTF-8"], .english),
        (["LANG": "enx_XX"], .chinese),
    ] as [([String: String], Language)])
    func languageFromTheEnvironment(environment: [String: String], expected: Language) {
        #expect(Language(environment: environment) == expected)
    }
}
