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
                       status: .resolved, resolvedOn: d2, lastRequested: nil, history: [], requests: []),
        ]
        var text = CaseStateDump.header + CaseStateDump.provinceLine(Province(named: "新疆"))
        for r in records { text += CaseStateDump.line(r) }
        let (province, parsed) = try CaseStateDump.parse(Array(text.utf8))
        #expect(province?.name == "新疆维吾尔自治区")
        #expect(parsed == records)
    }

    @Test func aDamagedDumpIsAnErrorWithItsLine() {
        let text = CaseStateDump.header + "province\t\ncase\t110101199003071233\tx\n"
        #expect(throws: RxBindError.self) { try CaseStateDump.parse(Array(text.utf8)) }
    }
}
