import Foundation
import SpreadsheetReader
import Testing
import TestSupport

/// SPEC §14 in the triage workbook: staff notes and closes shown, dormant cases on their own sheet, and the trend of
/// the nights with the centre's turnaround — every figure worked out here from the nights' own story.
@Suite struct TrendTests {
    func run(_ ws: String, _ night: SmallNight, _ dir: TemporaryDirectory, _ name: String, asOf: String) throws -> String {
        let r = try RxBindBinary.run(["run", "--workspace", ws, "--as-of", asOf, "--province", "江西"]
                                     + (try night.write(into: dir.file(name))))
        try #require(r.status == 0, "\(r.stderr)")
        return ws + "/runs/" + (try #require(printedRunID(r.stdout)))
    }

    /// A sheet's rows as text (numbers as their shortest decimal), by row number.
    func rows(_ workbook: String, _ sheetName: String) throws -> [[String]] {
        let book = try WorkbookReader(path: workbook)
        let sheet = try #require(book.sheet(named: sheetName), "no sheet \(sheetName)")
        var out: [[String]] = []
        try book.forEachRow(in: sheet) { row in
            var cells: [String] = []
            for c in row.cells {
                while cells.count < c.column { cells.append("") }
                switch c.value {
                case .number(_, let v): cells.append(v == v.rounded() ? String(Int(v)) : String(v))
                default: cells.append(c.value.text ?? "")
                }
            }
            out.append(cells)
        }
        return out
    }

    @Test func threeNightsGiveTheTrendAndTheTurnaroundWorkedOutHere() throws {
        let dir = try TemporaryDirectory("trend")
        let ws = dir.file("ws")
        // Night 1: A and F lack a registry record (two form rows), B is held under 15 digits, C has no certificate.
        _ = try run(ws, People.nightOne, dir, "n1", asOf: "2026-11-20")
        // Staff close C and note F.
        #expect(try RxBindBinary.run(["cases", "close", "--workspace", ws, "--id", People.c, "--why", "本人不是执业药师"]).status == 0)
        #expect(try RxBindBinary.run(["cases", "note", "--workspace", ws, "--id", People.f, "已电话联系"]).status == 0)
        // Night 2: F fails again (already requested), E is new (its registry record matches: a portal problem);
        // the registry now holds A and B under 18 digits: both resolved. C is closed: not looked at.
        var two = People.nightTwo
        two.failures = [People.failure(People.f, "丁四", at: "2026-11-21 09:00:00"),
                        People.failure(People.e, "戊五", at: "2026-11-21 09:30:00")]
        let run2 = try run(ws, two, dir, "n2", asOf: "2026-11-21")
        // Night 3: C fails again (opened again); F absent and still unregistered (carried over); E absent and its
        // registry record matches (resolved).
        var three = two
        three.failures = [People.failure(People.c, "丙三", at: "2026-11-22 08:00:00")]
        let run3 = try run(ws, three, dir, "n3", asOf: "2026-11-22")

        // The trend, as the nights' stories say. Columns: date, run, new, resolved, closed, dormant, form rows, open
        // backlog, then the backlog per class (portal, mismatch, 15-digit, no qualification, missing record).
        let trend = try rows(run3 + "/triage.xlsx", "趋势")
        let heading = try #require(trend.firstIndex { $0.first == "截至日期" })
        let nights = trend[(heading + 1)...].prefix(3).map { Array($0.prefix(13)) }
        let ids = try runIDs(ws)
        #expect(nights.map { $0[1] } == ids)
        let figures = nights.map { Array($0.dropFirst(2)) }
        #expect(figures == [
            // new 4 (A B C F); form rows A, F; backlog B (15-digit), C (no qualification), A F (missing record)
            ["4", "0", "0", "0", "2", "4", "0", "0", "1", "1", "2"],
            // new 1 (E); resolved A, B; closed C; no form row (F already requested); backlog E (portal), F
            ["1", "2", "1", "0", "0", "2", "1", "0", "0", "0", "1"],
            // C seen before, reopened (not new); resolved E; backlog C (no qualification), F (carried over)
            ["0", "1", "0", "0", "0", "2", "0", "0", "0", "1", "1"],
        ], "\(nights)")
        #expect(nights.map { $0[0] } == ["2026-11-20", "2026-11-21", "2026-11-22"])
        // The centre's turnaround: A requested on 11-20, resolved on 11-21 — the one requested case resolved.
        let turnaround = try #require(trend.firstIndex { $0.first == "月份" })
        #expect(Array(trend[turnaround + 1].prefix(4)) == ["2026-11", "1", "1", "1"])
        #expect(try WorkbookReader(path: run3 + "/triage.xlsx").partNames.contains { $0.hasPrefix("xl/charts/chart") })

        // Night 2's workbook shows F's note on its class sheet and C on the closed sheet with the reason.
        let missing = try rows(run2 + "/triage.xlsx", "注册系统无记录")
        let fRow = try #require(missing.first { $0.first == People.f })
        #expect(fRow.last?.hasSuffix("备注：已电话联系") == true, "\(fRow)")
        let closed = try rows(run2 + "/triage.xlsx", "已结案")
        let cRow = try #require(closed.first { $0.first == People.c })
        #expect(cRow.contains("本人不是执业药师"))
        // Night 3: C is open again, so not on the closed sheet; F is carried over with its note.
        #expect(try rows(run3 + "/triage.xlsx", "已结案").first { $0.first == People.c } == nil)
        let carried = try rows(run3 + "/triage.xlsx", "遗留未结")
        #expect(carried.first { $0.first == People.f }?.last?.contains("已电话联系") == true)
        // Every night reruns byte for byte from the archive, staff actions in between included.
        for id in ids {
            #expect(try RxBindBinary.run(["audit", "rerun", "--workspace", ws, id]).status == 0)
        }
    }

    @Test func dormantCasesLeaveTheCarriedOverSheetForTheirOwn() throws {
        let dir = try TemporaryDirectory("dormant-sheet")
        let ws = dir.file("ws")
        var one = People.nightOne
        one.failures = [People.failure(People.c, "丙三", at: "2026-01-01 10:00:00")]
        _ = try run(ws, one, dir, "n1", asOf: "2026-01-01")
        var later = one
        later.failures = [People.failure(People.f, "丁四", at: "2026-04-01 10:00:00")]
        let run2 = try run(ws, later, dir, "n2", asOf: "2026-04-01")
        let dormant = try rows(run2 + "/triage.xlsx", "休眠")
        let c = try #require(dormant.first { $0.first == People.c }, "\(dormant)")
        #expect(c.contains("90") && c.contains("是"), "90 days without a new attempt, dormant tonight: \(c)")
        #expect(try rows(run2 + "/triage.xlsx", "遗留未结").first { $0.first == People.c } == nil)
        let trend = try rows(run2 + "/triage.xlsx", "趋势")
        let last = try #require(trend.first { $0.first == "2026-04-01" })
        #expect(last[5] == "1", "one case went dormant: \(last)")
    }
}
