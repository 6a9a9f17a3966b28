import Testing
import TestSupport

@Suite struct IDCheckCommandTests {
    @Test func printsOneLinePerArgumentInOrder() throws {
        let r = try RxBindBinary.run(["id", "check", "--as-of", "2026-11-21", "110101199003071233", "360102900307123",
                                      "１１０１０５１９４９１２３１００２ｘ"])
        #expect(r.status == 0)
        #expect(r.stdout == """
            110101199003071233\t110101199003071233\t1990-03-07\t男\t北京市
            360102900307123\t360102199003071236\t1990-03-07\t男\t江西省
            １１０１０５１９４９１２３１００２ｘ\t11010519491231002X\t1949-12-31\t女\t北京市

            """)
    }

    @Test func invalidNumbersExit65WithTheirReasons() throws {
        let r = try RxBindBinary.run(["id", "check", "--as-of", "2026-11-21", "110101199003071233", "", "1.10101E+17",
                                      "110101199003071000", "E12345678", "110101199003071234", "110101202611221236",
                                      "990101199003071237"])
        #expect(r.status == 65)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 9)
        #expect(lines[1] == "\tinvalid\tMISSING_ID")
        #expect(lines[2] == "1.10101E+17\tinvalid\tID_MANGLED_BY_SPREADSHEET")
        #expect(lines[3] == "110101199003071000\tinvalid\tID_MANGLED_BY_SPREADSHEET")
        #expect(lines[4] == "E12345678\tinvalid\tID_MALFORMED")
        #expect(lines[5] == "110101199003071234\tinvalid\tID_CHECKSUM")
        #expect(lines[6] == "110101202611221236\tinvalid\tID_BIRTH_DATE")
        #expect(lines[7] == "990101199003071237\tinvalid\tID_REGION")
        #expect(lines[8] == "")
    }

    @Test func aBirthDateAfterTheAsOfDateIsInvalidUntilThatDay() throws {
        // Born 2026-11-22.
        let n = "110101202611221236"
        let before = try RxBindBinary.run(["id", "check", "--as-of", "2026-11-21", n])
        #expect(before.status == 65)
        #expect(before.stdout == "\(n)\tinvalid\tID_BIRTH_DATE\n")
        let after = try RxBindBinary.run(["id", "check", "--as-of", "2026-11-22", n])
        #expect(after.status == 0)
        #expect(after.stdout == "\(n)\t\(n)\t2026-11-22\t男\t北京市\n")
    }

    @Test func aBadAsOfDateIsAUsageError() throws {
        let r = try RxBindBinary.run(["id", "check", "--as-of", "2026-02-30", "110101199003071233"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--as-of"))
    }
}
