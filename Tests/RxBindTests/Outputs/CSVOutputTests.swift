import Testing
@testable import RxBind

@Suite struct CSVOutputTests {
    @Test func quotingAndInjectionProtection() {
        #expect(CSVOutput.field("张三") == "张三")
        #expect(CSVOutput.field("a,b") == "\"a,b\"")
        #expect(CSVOutput.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVOutput.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVOutput.field("=1+2") == "'=1+2")
        #expect(CSVOutput.field("+86 138") == "'+86 138")
        #expect(CSVOutput.field("-5") == "'-5")
        #expect(CSVOutput.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVOutput.field("\tx") == "'\tx")
        #expect(CSVOutput.field("\rx") == "\"'\rx\"")
        #expect(CSVOutput.field("=HYPERLINK(\"x\",\"y\")") == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")
        #expect(CSVOutput.line(["a", "", "b"]) == "a,,b\r\n")
    }
}
