import Testing
@testable import RxBind

@Suite struct CaseStateDumpTests {
    @Test func roundTripKeepsEveryField() throws {
        let d1 = CalendarDate(year: 2026, month: 11, day: 20)!, d2 = CalendarDate(year: 2026, month: 11, day: 21)!
        let records = [
            CaseRecord(id: Make.id18, name: "阿依\t古丽\\\n", firstSeen: d1, lastSeen: d2, attempts: 3,
                       caseClass: .missingRegistryRecord, reason: .certificateValidNotRegistered,
                       flags: [.accountLevel2, .annotationExpired], status: .open, resolvedOn: nil, lastRequested: d1,
                       history: [.init(date: d1, caseClass: .identityMismatch, reason: .certificateNameDiffers),
                                 .init(date: d2, caseClass: .missingRegistryRecord, reason: .certificateValidNotRegistered)],
                       requests: [.init(date: d1, runID: "20261120-0a1b2c3d")]),
            CaseRecord(id: try ResidentID.read("11010519491231002X", asOf: d2).get().id, name: "李四", firstSeen: d1,
                       lastSeen: d1, attempts: 1, caseClass: .portalAccount, reason: .registryMatches, flags: [],
                       status: .resolved, resolvedOn: d2, lastRequested: nil, history: [], requests: [],
                       attemptKeys: [AttemptKey(value: 7), AttemptKey(value: 0xFFFF_FFFF_FFFF_FFFF)],
                       notes: [.init(date: d2, kind: .note, text: "已电话联系\t\"引号\"\n第二行\\"),
                               .init(date: d2, kind: .close, text: "本人不是执业药师")]),
        ]
        let trend = [TrendEntry(runID: "20261120-0a1b2c3d", asOf: d1, new: 2, resolved: 0, closed: 0, dormant: 0,
                                formRows: 1, backlog: [1, 0, 0, 0, 1], closesSoFar: 0)]
        let text = CaseStateDump.text(province: Province(named: "新疆"), cases: records, trend: trend)
        let (province, parsed, parsedTrend) = try CaseStateDump.parse(Array(text.utf8))
        #expect(province?.name == "新疆维吾尔自治区")
        #expect(parsed == records)
        #expect(parsedTrend == trend)
        // One line per case and per night: the note's tab and line feed do not break the dump's lines.
        #expect(text.split(separator: "\n").count == 2 + records.count + trend.count)
    }

    @Test func aDamagedDumpIsAnErrorWithItsLine() {
        let text = CaseStateDump.header + "province\t\ncase\t110101199003071233\tx\n"
        #expect(throws: RxBindError.self) { try CaseStateDump.parse(Array(text.utf8)) }
    }
}
