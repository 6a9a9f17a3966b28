import Foundation
import Store
import Testing
import TestSupport
@testable import RxBind

/// SPEC §11 in the case store: attempts counted once across nights, a workspace written before keeps working, and
/// the case-state dump of either version reads back.
@Suite struct AttemptIdentityStoreTests {
    let d1 = CalendarDate(year: 2026, month: 11, day: 20)!, d2 = CalendarDate(year: 2026, month: 11, day: 21)!

    @Test func aWorkspaceWrittenBeforeAttemptsHadIdentitiesKeepsItsCounts() throws {
        let dir = try TemporaryDirectory("migrate")
        let path = dir.file("rxbind.sqlite")
        // The schema and a row as rxbind 0.1.0 wrote them.
        do {
            let old = try Database(path: path)
            try old.migrate(Array(CaseStore.migrations.prefix(1)))
            try old.execute("""
                INSERT INTO cases VALUES ('110101199003071233', '张三', '2026-11-20', '2026-11-20', 3,
                    'NO_QUALIFICATION', 'NOT_IN_ROSTER', '', 'open', '', '', '2026-11-20 NO_QUALIFICATION NOT_IN_ROSTER', '');
                INSERT INTO workspace VALUES ('province', '江西省');
                """)
        }
        let store = try CaseStore(path: path)
        var records: [CaseRecord] = []
        try store.forEachCase { records.append($0) }
        #expect(records.count == 1)
        #expect(records[0].attempts == 3, "recorded attempts stay as they are")
        #expect(records[0].attemptKeys.isEmpty)
        #expect(try store.revertedRuns().isEmpty)
        let state = try PriorState.read(from: store)
        #expect(String(decoding: state.dump, as: UTF8.self).hasPrefix("rxbind-case-state 2\nprovince\t江西省\n"))
    }

    @Test func aVersionOneDumpStillReads() throws {
        // Archived by runs before attempts had identities: `--force` and `audit rerun` read it.
        let v1 = "rxbind-case-state 1\nprovince\t\ncase\t110101199003071233\t张三\t2026-11-20\t2026-11-20\t3\t"
            + "NO_QUALIFICATION\tNOT_IN_ROSTER\t\topen\t\t\t2026-11-20 NO_QUALIFICATION NOT_IN_ROSTER\t\n"
        let (_, cases, _) = try CaseStateDump.parse(Array(v1.utf8))
        #expect(cases.count == 1 && cases[0].attempts == 3 && cases[0].attemptKeys.isEmpty)
        // A version-one header with a version-two line (or the reverse) is damage, not a guess.
        let mixed = v1.replacingOccurrences(of: "NOT_IN_ROSTER\t\n", with: "NOT_IN_ROSTER\t\t0123456789abcdef\n")
        #expect(throws: RxBindError.self) { try CaseStateDump.parse(Array(mixed.utf8)) }
    }

    func outcome(_ id: ResidentID, keys: [AttemptKey]) -> (CaseOutcome, ArraySlice<AttemptKey>) {
        let draft = CaseDraft(id: id, attempts: keys.count, name: "张三", phone: "", message: "", unreadableTime: "",
                              latestTime: .unknown, latestRow: RowRef(input: 0, line: 2), accountLevel2: false,
                              from15Digits: false)
        let decision = Decision(compared: .none, caseClass: .noQualification, reason: .notInRoster, flagSet: FlagSet([]),
                                action: .checkQualification, isNew: false, requestedOn: nil, firstSeen: d1,
                                certificateNumbers: "", registrationNo: "", otherNames: "")
        return (CaseOutcome(draft: draft, decision: decision), keys[...])
    }

    @Test func onlyAttemptsNotRecordedBeforeCount() throws {
        let id = try ResidentID.read("110101199003071233", asOf: d2).get().id
        let k = (1...4).map { AttemptKey(value: UInt64($0) * 1_000_003) }
        let (first, firstKeys) = outcome(id, keys: [k[0], k[1]])
        let night1 = NightOutcome.updatedRecord(nil, outcome: first, attemptKeys: firstKeys, asOf: d1, runID: "r1")
        #expect(night1.attempts == 2 && night1.firstSeen == d1 && night1.lastSeen == d1)

        // Night two repeats both: nothing grows, last seen stays.
        let (repeatOnly, repeatKeys) = outcome(id, keys: [k[0], k[1]])
        let same = NightOutcome.updatedRecord(night1, outcome: repeatOnly, attemptKeys: repeatKeys, asOf: d2, runID: "r2")
        #expect(same.attempts == 2 && same.lastSeen == d1 && same.attemptKeys == night1.attemptKeys)

        // Night two repeats one and brings two new ones.
        let (mixed, mixedKeys) = outcome(id, keys: [k[1], k[2], k[3]])
        let grown = NightOutcome.updatedRecord(night1, outcome: mixed, attemptKeys: mixedKeys, asOf: d2, runID: "r2")
        #expect(grown.attempts == 4 && grown.lastSeen == d2 && grown.firstSeen == d1)
        #expect(grown.attemptKeys == k.sorted())

        // A resolved case that only shows up again through repeated attempts stays resolved, untouched.
        var resolved = night1
        resolved.status = .resolved
        resolved.resolvedOn = d2
        #expect(NightOutcome.updatedRecord(resolved, outcome: repeatOnly, attemptKeys: repeatKeys, asOf: d2, runID: "r2")
                == resolved)
        // A new attempt reopens it.
        let reopened = NightOutcome.updatedRecord(resolved, outcome: mixed, attemptKeys: mixedKeys, asOf: d2, runID: "r2")
        #expect(reopened.status == .open && reopened.resolvedOn == nil)
    }
}
