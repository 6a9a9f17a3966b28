import Foundation
import Testing
@testable import RxBind

/// How `audit rerun` names the first difference of an output, and what of a value it shows (SPEC §6, §13).
struct OutputComparisonTests {
    @Test func digitRunsThatMayBeIDOrPhoneNumbersAreMasked() {
        #expect(OutputComparison.masked("110101199003077777") == "110101********7777")
        #expect(OutputComparison.masked("11010119900307777X") == "110101********777X")
        #expect(OutputComparison.masked("110101900307777") == "110101*****7777", "15 digits")
        #expect(OutputComparison.masked("电话 13912345678，") == "电话 139****5678，")
        #expect(OutputComparison.masked("甲一 2026-11-20 12345") == "甲一 2026-11-20 12345", "short numbers stay")
        #expect(OutputComparison.masked("a110101199003077777b") == "a110101********7777b")
        #expect(!OutputComparison.masked("x11010119900307777X|13912345678").contains("19900307"))
    }

    @Test func cellReferencesAreSpreadsheetLetters() {
        #expect(WorkbookDifference.reference(column: 0, row: 1) == "A1")
        #expect(WorkbookDifference.reference(column: 1, row: 4) == "B4")
        #expect(WorkbookDifference.reference(column: 25, row: 9) == "Z9")
        #expect(WorkbookDifference.reference(column: 26, row: 9) == "AA9")
        #expect(WorkbookDifference.reference(column: 701, row: 2) == "ZZ2")
        #expect(WorkbookDifference.reference(column: 702, row: 2) == "AAA2")
    }

    @Test func csvRecordsKnowTheLineTheyStartOn() {
        var records = CSVDifference.Records(Array("\u{FEFF}a,b\r\n\"x\ny\",2\r\nz,\"q\"\"\"\r\n".utf8))
        #expect(records.next()! == (1, ["a", "b"]))
        #expect(records.next()! == (2, ["x\ny", "2"]))
        #expect(records.next()! == (4, ["z", "q\""]))
        #expect(records.next() == nil)
    }

    @Test func aCSVDifferenceNamesItsLineAndColumnWithTheValuesMasked() {
        let header = "id_number,name,class\r\n"
        let a = header + "110101199003077777,甲一,X\r\n110101199003078888,乙二,Y\r\n"
        let b = header + "110101199003077777,甲一,X\r\n110101199003078888,乙三,Y\r\n"
        let found = CSVDifference.first(Array(a.utf8), Array(b.utf8))
        #expect(found == localized(.auditFirstDifferenceColumn, ["line": 3, "column": "name",
                                                                  "original": localized(.auditQuoted, ["value": "乙二"]),
                                                                  "rerun": localized(.auditQuoted, ["value": "乙三"])]))
        let id = CSVDifference.first(Array((header + "110101199003077777,甲一,X\r\n").utf8),
                                     Array((header + "110101199003077770,甲一,X\r\n").utf8))
        #expect(id.contains("110101********7777") && id.contains("110101********7770") && !id.contains("1990030777"))
        // A line the rerun does not write.
        let longer = CSVDifference.first(Array((header + "1,2,3\r\n").utf8), Array(header.utf8))
        #expect(longer == localized(.auditFirstDifferenceLine, ["line": 2, "original": localized(.auditQuoted, ["value": "1,2,3"]),
                                                                 "rerun": localized(.auditValueAbsent)]))
        // The same records written differently: the first line that differs.
        let endings = CSVDifference.first(Array("a,b\r\n1,2\r\n".utf8), Array("a,b\r\n1,2\n".utf8))
        let quoted = localized(.auditQuoted, ["value": "1,2"])
        #expect(endings == localized(.auditFirstDifferenceLine, ["line": 2, "original": quoted, "rerun": quoted]))
    }

    @Test func aTextDifferenceNamesItsLine() {
        let found = TextDifference.first(Array("{\n  \"a\" : 1\n}\n".utf8), Array("{\n  \"a\" : 2\n}\n".utf8))
        #expect(found == localized(.auditFirstDifferenceLine, ["line": 2,
                                                                "original": localized(.auditQuoted, ["value": "  \"a\" : 1"]),
                                                                "rerun": localized(.auditQuoted, ["value": "  \"a\" : 2"])]))
    }

    @Test func twoUnreadableFilesAreNeverTheSame() throws {
        let dir = FileManager.default.temporaryDirectory.path + "/rxbind-compare-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Two different files that are not workbooks: each read fails, and that is what is said.
        try Data("not a zip".utf8).write(to: URL(fileURLWithPath: dir + "/a.xlsx"))
        try Data("not a zip either".utf8).write(to: URL(fileURLWithPath: dir + "/b.xlsx"))
        let check = OutputComparison.compare("triage.xlsx", original: dir + "/a.xlsx", rerun: dir + "/b.xlsx")
        #expect(check.outcome == .unreadable)
        #expect(!check.passed)
        // A file that is gone is not "identical" to another file that is gone.
        let gone = OutputComparison.compare("cases.csv", original: dir + "/x.csv", rerun: dir + "/y.csv")
        #expect(gone.outcome == .unreadable && !gone.passed)
    }
}
