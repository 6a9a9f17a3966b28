import Spreadsheet
import Testing

/// The room text takes in a cell: what rows of wrapped text are sized by.
@Suite struct TextLayoutTests {
    @Test func chineseAndFullWidthCharactersCountTwoColumns() {
        #expect(TextLayout.displayWidth("") == 0)
        #expect(TextLayout.displayWidth("abc 123") == 7)
        #expect(TextLayout.displayWidth("添加申请表") == 10)
        #expect(TextLayout.displayWidth("ＡＢ：") == 6, "full-width letters and colon")
        #expect(TextLayout.displayWidth("𠀇") == 2, "a CJK ideograph beyond the BMP")
        #expect(TextLayout.displayWidth("依明·托合提") == 11, "the middle dot is narrow")
    }

    @Test func textWrapsIntoAsManyLinesAsItsWidthNeeds() {
        #expect(TextLayout.lineCount("", columnWidth: 10) == 1)
        #expect(TextLayout.lineCount("110101199003071234", columnWidth: 21) == 1)
        // 40 Chinese characters are 80 columns: a column 20 wide holds 18 of them per line (90 %), so 5 lines.
        let long = String(repeating: "药", count: 40)
        #expect(TextLayout.lineCount(long, columnWidth: 20) == 5)
        #expect(TextLayout.lineCount(long, columnWidth: 100) == 1)
        // A short text that only fits by its bytes is still measured by its columns.
        #expect(TextLayout.lineCount("证书状态无法识别", columnWidth: 18) == 1)
        #expect(TextLayout.lineCount("证书状态无法识别", columnWidth: 16) == 2)
    }

    @Test func aLineFeedStartsANewLine() {
        #expect(TextLayout.lineCount("a\nb", columnWidth: 30) == 2)
        #expect(TextLayout.lineCount("a\n\nb", columnWidth: 30) == 3)
        #expect(TextLayout.lineCount("first.xlsx\n" + String(repeating: "x", count: 40), columnWidth: 20) == 4)
    }

    @Test func rowsAreFifteenPointsALineUpToTheSheetsLimit() {
        #expect(TextLayout.rowHeight(lines: 1) == 15)
        #expect(TextLayout.rowHeight(lines: 0) == 15)
        #expect(TextLayout.rowHeight(lines: 3) == 45)
        #expect(TextLayout.rowHeight(lines: 100) == 409)
    }
}
