/// Names of people, and the spellings of one name that SPEC §3 says must still compare equal.
enum Names {
    static let surnames: [String] = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤亓迟佟相").map(String.init)
    static let givenCharacters: [String] = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚华文金玉兰红梅鑫宇浩凯健俊帆帅旭宁龙林欣雪婷晨阳佳颖琳倩璐瑞博建国志海燕春荣波辉斌桂珍凤云丹萍亮飞鹏琴慧莉坤彬峰晶瑶蕾淑楠").map(String.init)
    /// Uyghur, Kazakh and other names written in Chinese characters with a middle dot between given name and
    /// father's name (新疆's exports are full of them).
    static let minorityGiven: [String] = ["买买提", "艾力", "古丽娜尔", "阿依古丽", "热依拉", "艾尔肯", "帕提古丽", "迪丽努尔", "依明",
                                          "阿迪力", "麦麦提", "热合曼", "库尔班", "木合塔尔", "祖丽菲亚", "再努尔", "巴合提亚尔", "哈力旦"]
    static let minorityFather: [String] = ["艾力", "阿不都", "吐尔逊", "买买提", "努尔", "玉山", "吐逊", "阿布都热依木", "伊力哈木",
                                           "司马义", "托合提", "沙吾提", "卡德尔", "肉孜"]
    /// Names in Latin letters (naturalised citizens, some minority names), to be spelt in full-width letters too.
    static let latin: [String] = ["Anna Wang", "David Chen", "Maria Zhang", "John Li", "Emma Liu", "AHMAT Tursun",
                                  "Gulnar Abdu", "Peter Zhou"]

    /// Characters of names that the portal cannot represent (生僻字): the eight that GB18030-2022 moved
    /// (U+9FB4–U+9FBB) and the six supplementary ones GB18030-2005 put in the private-use area.
    static let rareStandard: [Unicode.Scalar] = [0x9FB4, 0x9FB5, 0x9FB6, 0x9FB7, 0x9FB8, 0x9FB9, 0x9FBA, 0x9FBB,
                                                 0x20087, 0x20089, 0x200CC, 0x215D7, 0x2298F, 0x241FE].map { Unicode.Scalar($0)! }

    /// SPEC §3 table 3.1: the private-use code point a GB18030-2005 decoder produces, by standard character.
    static let privateUseForm: [UInt32: UInt32] = [
        0xFE10: 0xE78D, 0xFE12: 0xE78E, 0xFE11: 0xE78F, 0xFE13: 0xE790, 0xFE14: 0xE791, 0xFE15: 0xE792,
        0xFE16: 0xE793, 0xFE17: 0xE794, 0xFE18: 0xE795, 0xFE19: 0xE796, 0x20087: 0xE816, 0x20089: 0xE817,
        0x200CC: 0xE818, 0x9FB4: 0xE81E, 0x9FB5: 0xE826, 0x9FB6: 0xE82B, 0x9FB7: 0xE82C, 0x215D7: 0xE831,
        0x9FB8: 0xE832, 0x2298F: 0xE83B, 0x9FB9: 0xE843, 0x9FBA: 0xE854, 0x241FE: 0xE855, 0x9FBB: 0xE864,
    ]

    /// What stands for a character a system could not store: each makes SPEC §3 call the name unrepresentable.
    /// The private-use ones are outside table 3.1 (U+E000 and U+E0A3 are GB18030's user-defined A-area, U+F8F5 a
    /// four-byte code), U+F0000 and U+100001 are planes 15 and 16.
    static let unrepresentable: [String] = ["?", "？", "□", "\u{FFFD}", "\u{E000}", "\u{E0A3}", "\u{F8F5}", "\u{F0000}", "\u{100001}"]

    /// A Han name: a surname and one or two given characters.
    static func han(_ rng: inout SplitMix64) -> String {
        let given = rng.percent(55) ? rng.pick(givenCharacters) + rng.pick(givenCharacters) : rng.pick(givenCharacters)
        return rng.pick(surnames) + given
    }

    /// A name with a middle dot.
    static func minority(_ rng: inout SplitMix64) -> String {
        rng.pick(minorityGiven) + "·" + rng.pick(minorityFather)
    }

    /// A name whose second (or third) character is one of ``rareStandard``.
    static func withRareCharacter(_ rng: inout SplitMix64) -> String {
        let rare = String(Character(rng.pick(rareStandard)))
        return rng.percent(50) ? rng.pick(surnames) + rare : rng.pick(surnames) + rng.pick(givenCharacters) + rare
    }

    /// A name that compares different from `name` (another given name, same surname), as when a person changed
    /// their name or a clerk typed another one.
    static func different(from name: String, _ rng: inout SplitMix64) -> String {
        let surname = name.first.map { String($0) } ?? rng.pick(surnames)
        let base = Names.surnames.contains(surname) ? surname : rng.pick(surnames)
        while true {
            let candidate = base + rng.pick(givenCharacters) + (rng.percent(50) ? rng.pick(givenCharacters) : "")
            if candidate != name && candidate != comparisonSkeleton(name) { return candidate }
        }
    }

    /// `name` with one character (a rare one if there is, else the last) replaced by a stand-in the system could
    /// store: the name is then unrepresentable (SPEC §3).
    static func unrepresentable(_ name: String, _ rng: inout SplitMix64) -> String {
        var chars = Array(name)
        let rareIndex = chars.firstIndex { c in c.unicodeScalars.contains { rareStandard.contains($0) } }
        let i = rareIndex ?? chars.count - 1
        chars[i] = Character(rng.pick(unrepresentable))
        return String(chars)
    }

    /// `name` with its rare characters in their GB18030-2005 private-use form (table 3.1).
    static func privateUse(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        for s in name.unicodeScalars {
            out.append(privateUseForm[s.value].flatMap(Unicode.Scalar.init) ?? s)
        }
        return String(out)
    }

    /// A rough comparison form used only to make sure a generated Han name differs from another name: the
    /// candidates are plain surname + given characters, so dropping spaces is all the folding they need.
    static func comparisonSkeleton(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        for s in name.unicodeScalars where s != " " && s != "\u{3000}" && s != "\u{00A0}" { out.append(s) }
        return String(out)
    }

    // MARK: Spellings that must still match (SPEC §3)

    static let formatCharacters: [String] = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}"]
    static let middleDots: [String] = ["·", "•", "‧", "・", "･", "∙", "⋅", "."]
    static let spaces: [String] = [" ", "\u{3000}", "\u{00A0}", "  "]

    /// How a name may be spelt in one system while another has it plainly.
    enum Spelling: CaseIterable {
        /// An invisible format character (U+200B, U+200C, U+200D, U+2060, U+FEFF) pasted into it.
        case invisible
        /// Spaces (ASCII, ideographic U+3000, no-break U+00A0) between characters or around the name.
        case spaces
        /// Another middle-dot look-alike, maybe with spaces around it.
        case dot
        /// Latin letters in full width, or in the other case.
        case latinWidth
        /// Rare characters in their private-use form (table 3.1).
        case privateUse
    }

    /// `name` in a spelling that compares equal to it: with `percent` chance one or two changes the name allows.
    static func respell(_ name: String, percent: Int, _ rng: inout SplitMix64) -> String {
        guard rng.percent(percent) else { return name }
        var result = name
        for _ in 0..<(rng.percent(25) ? 2 : 1) {
            result = respell(result, as: rng.pick(spellings(for: result)), &rng)
        }
        return result
    }

    private static let dotScalars: Set<UInt32> = Set(middleDots.map { $0.unicodeScalars.first!.value })

    /// The spellings `name` allows.
    static func spellings(for name: String) -> [Spelling] {
        var kinds: [Spelling] = [.invisible, .spaces]
        var dot = false, latin = false, rare = false
        for s in name.unicodeScalars {
            let v = s.value
            if dotScalars.contains(v) { dot = true }
            if (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) { latin = true }
            if v >= 0x9FB4 && privateUseForm[v] != nil { rare = true }
        }
        if dot { kinds += [.dot, .dot] }
        if latin { kinds += [.latinWidth, .latinWidth] }
        if rare { kinds.append(.privateUse) }
        return kinds
    }

    /// `name` spelt as `kind` says.
    static func respell(_ name: String, as kind: Spelling, _ rng: inout SplitMix64) -> String {
        var chars = name.map { String($0) }
        switch kind {
        case .invisible:
            chars.insert(rng.pick(formatCharacters), at: rng.int(1...chars.count))
            return chars.joined()
        case .spaces:
            switch rng.below(3) {
            case 0: return " " + name + " "
            case 1: return name + rng.pick(spaces)
            default:
                chars.insert(rng.pick(spaces), at: rng.int(1...max(1, chars.count - 1)))
                return chars.joined()
            }
        case .dot:
            let dot = rng.pick(middleDots)
            let spaced = rng.percent(20) ? " " + dot + " " : dot
            return String(name.map { middleDots.contains(String($0)) ? spaced : String($0) }.joined())
        case .latinWidth:
            if rng.percent(40) { return rng.percent(50) ? name.uppercased() : name.lowercased() }
            var out = String.UnicodeScalarView()
            for s in name.unicodeScalars {
                if s.isASCII && s.properties.isAlphabetic {
                    out.append(Unicode.Scalar(s.value + 0xFEE0)!)   // ＡＢＣ…: NFKC folds them back
                } else if s == " " {
                    out.append("\u{3000}")
                } else {
                    out.append(s)
                }
            }
            return String(out)
        case .privateUse:
            return privateUse(name)
        }
    }

    /// Names the staff's spreadsheet would evaluate if rxbind wrote them unguarded (SPEC §6: CSV injection).
    static let formulaLike: [String] = ["=1+2", "+86-张三", "-李四", "@SUM(1+1)", "=HYPERLINK(\"http://example.invalid\",\"查看\")"]
}
