import Testing
@testable import RxBind

/// SPEC §12: the form shows names without stray spaces between two Chinese characters.
struct DisplayNameTests {
    @Test(arguments: [
        ("龙 龙", "龙龙"),
        ("欧阳  娜娜", "欧阳娜娜"),
        ("王\u{3000}小明", "王小明"),
        ("王\u{00A0}小明", "王小明"),
        ("王\u{2003}小明", "王小明"),
        ("王\t小明", "王小明"),
        ("㐀 㐁", "㐀㐁"),
        (" 李四 ", "李四"),
        ("阿依古丽 · 买买提", "阿依古丽·买买提"),
        ("阿依古丽·买买提", "阿依古丽·买买提"),
        ("John Smith", "John Smith"),
        ("John  Smith", "John Smith"),
        ("王 John", "王 John"),
        ("张 𠂇", "张𠂇"),
        ("龙龙", "龙龙"),
        ("", ""),
    ])
    func tidy(name: String, shown: String) {
        #expect(DisplayName.tidy(name) == shown)
    }

    @Test func theComparisonKeyIsTheSameEitherWay() {
        for name in ["龙 龙", "阿依古丽 · 买买提", "John Smith"] {
            #expect(NameKey(raw: name).matches(NameKey(raw: DisplayName.tidy(name))))
        }
    }
}
