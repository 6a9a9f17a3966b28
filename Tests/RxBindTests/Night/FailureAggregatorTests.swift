import Testing
@testable import RxBind

@Suite struct FailureAggregatorTests {
    let asOf = CalendarDate(year: 2026, month: 11, day: 21)!

    func row(_ input: Int, _ line: Int, name: String, id: String, at: String = "", level: String = "",
             idType: String = "", province: String = "", message: String = "") -> FailureRow {
        FailureRow(ref: RowRef(input: input, line: line), name: TextNormalization.field(name), rawID: id, rawName: name,
                   idType: idType, phone: "", province: province, attemptedAt: at, message: message,
                   accountLevel: level)
    }

    @Test func attemptsMergeAndTheLatestNamesTheCase() {
        var a = FailureAggregator()
        a.add(row(0, 2, name: "张叁", id: "110101199003071233", at: "2026-11-20 21:00"), asOf: asOf)
        a.add(row(0, 3, name: "张三", id: "110101900307123", at: "2026-11-20 22:00"), asOf: asOf)
        a.add(row(1, 2, name: "张散", id: "110101199003071233", at: "2026-11-20 09:00", level: "二级"), asOf: asOf)
        let d = a.finish().drafts
        #expect(d.count == 1)
        #expect(d[0].attempts == 3)
        #expect(d[0].name == "张三")
        #expect(d[0].accountLevel2)
        #expect(d[0].from15Digits)
    }

    @Test func tiesGoToTheLaterRowAndMissingTimesCountAsEarliest() {
        var a = FailureAggregator()
        a.add(row(0, 2, name: "甲", id: "110101199003071233", at: "2026-11-20 10:00:00"), asOf: asOf)
        a.add(row(0, 3, name: "乙", id: "110101199003071233", at: "2026/11/20 10:00"), asOf: asOf)
        a.add(row(1, 2, name: "丙", id: "110101199003071233", at: ""), asOf: asOf)
        a.add(row(1, 3, name: "丁", id: "110101199003071233", at: "yesterday"), asOf: asOf)
        #expect(a.finish().drafts[0].name == "乙")
    }

    @Test func ruleZeroReasonsInOrder() {
        var a = FailureAggregator()
        a.add(row(0, 2, name: "", id: "E12345678", idType: "护照"), asOf: asOf)
        a.add(row(0, 3, name: "", id: "bad"), asOf: asOf)
        a.add(row(0, 4, name: "甲", id: ""), asOf: asOf)
        a.add(row(0, 5, name: "甲", id: "1.10101E+17", idType: "二代身份证"), asOf: asOf)
        a.add(row(0, 6, name: "甲", id: "110101199003071233", idType: "居民身份证"), asOf: asOf)
        #expect(a.invalidRows.map(\.reason.code) == ["ID_TYPE_UNSUPPORTED", "MISSING_NAME", "MISSING_ID",
                                                     "ID_MANGLED_BY_SPREADSHEET"])
        #expect(a.finish().drafts.count == 1)
        #expect(a.rowsRead[0] == 5)
        #expect(a.rowsRejected[0] == 4)
    }

    @Test func anAttemptRepeatedInAnotherFileCountsOnce() {
        // SPEC §11: the same ID, time as read, normalised message, level and name is one attempt, whichever file.
        var a = FailureAggregator(inputHashes: ["aaa", "bbb"])
        a.add(row(0, 2, name: "张三", id: "110101199003071233", at: "2026-11-20 10:00", message: "姓名不一致"), asOf: asOf)
        a.add(row(1, 7, name: " 张三　", id: "110101199003071233", at: "2026/11/20 10:00:00", message: " 姓名不一致 "),
              asOf: asOf)
        a.add(row(1, 8, name: "张三", id: "110101199003071233", at: "2026-11-20 10:00", level: "二级",
                  message: "姓名不一致"), asOf: asOf)
        a.add(row(1, 9, name: "张三", id: "110101199003071233", at: "2026-11-20 10:01", message: "姓名不一致"), asOf: asOf)
        let night = a.finish()
        #expect(night.drafts.count == 1)
        // Rows 2 and 7 are one attempt (the padding of name and message normalise away — U+3000 folds to a space; the time reads
        // the same); row 8 has another level, row 9 another minute.
        #expect(night.drafts[0].attempts == 3)
        #expect(night.keys(of: night.drafts[0]).count == 3)
    }

    @Test func rowsWithoutATimeAreToldApartByFileAndLine() {
        var a = FailureAggregator(inputHashes: ["aaa", "bbb"])
        a.add(row(0, 2, name: "张三", id: "110101199003071233"), asOf: asOf)
        a.add(row(0, 3, name: "张三", id: "110101199003071233", at: "yesterday"), asOf: asOf)
        a.add(row(1, 2, name: "张三", id: "110101199003071233"), asOf: asOf)
        #expect(a.finish().drafts[0].attempts == 3)

        // The same file given again (same SHA-256, same lines) repeats them.
        var b = FailureAggregator(inputHashes: ["aaa", "aaa"])
        b.add(row(0, 2, name: "张三", id: "110101199003071233"), asOf: asOf)
        b.add(row(1, 2, name: "张三", id: "110101199003071233"), asOf: asOf)
        #expect(b.finish().drafts[0].attempts == 1)
    }

    @Test func eachCaseKeepsItsOwnKeysInIDOrder() {
        var a = FailureAggregator()
        let late = "36010219900101123X", early = "110101199003071233"
        a.add(row(0, 2, name: "乙", id: late, at: "2026-11-20 10:00"), asOf: asOf)
        a.add(row(0, 3, name: "甲", id: early, at: "2026-11-20 10:00"), asOf: asOf)
        a.add(row(0, 4, name: "乙", id: late, at: "2026-11-20 11:00"), asOf: asOf)
        a.add(row(0, 5, name: "乙", id: late, at: "2026-11-20 11:00"), asOf: asOf)
        let night = a.finish()
        #expect(night.drafts.map(\.id.text) == [early, late])
        #expect(night.drafts.map(\.attempts) == [1, 2])
        #expect(night.attemptKeys.count == 3)
        let lateKeys = Array(night.keys(of: night.drafts[1]))
        #expect(lateKeys == lateKeys.sorted() && Set(lateKeys).count == 2)
        #expect(!lateKeys.contains(night.keys(of: night.drafts[0]).first!))
    }

    @Test func provinceMentionsKeepEveryRow() {
        var a = FailureAggregator()
        a.add(row(0, 2, name: "甲", id: "110101199003071233", province: "新疆"), asOf: asOf)
        a.add(row(0, 3, name: "乙", id: "bad", province: "新疆"), asOf: asOf)
        a.add(row(1, 2, name: "丙", id: "110101199003071233", province: "江西省"), asOf: asOf)
        #expect(a.provinceMentions["新疆"] == [RowRef(input: 0, line: 2), RowRef(input: 0, line: 3)])
        #expect(a.provinceMentions["江西省"] == [RowRef(input: 1, line: 2)])
    }
}

@Suite struct AttemptTimeTests {
    @Test func acceptedFormats() {
        #expect(AttemptTime("2026-11-20 10:05").value == 20261120100500)
        #expect(AttemptTime("2026/11/20 10:05:07").value == 20261120100507)
        #expect(AttemptTime("2026-11-20T10:05:07").value == 20261120100507)
        for bad in ["", "2026-11-20", "2026/11/20T10:05", "2026-02-30 10:00", "2026-11-20 24:00", "20261120 1005", "2026-1-2 3:04"] {
            #expect(AttemptTime(bad) == .unknown, "\(bad)")
        }
    }

    @Test func levels() {
        for yes in ["二级", "2", "L2", "l2"] { #expect(AccountLevel.isLevel2(yes)) }
        for no in ["三级", "3", "L3", "", "二"] { #expect(!AccountLevel.isLevel2(no)) }
    }
}
