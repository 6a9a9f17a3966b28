import Foundation
import Testing
import TestSupport

/// SPEC §14: staff record what they did (notes), close what is not theirs to solve, cases without new attempts go
/// dormant, and all of it stays inside the audit trail.
@Suite struct CasesAsWorkTests {
    static let header = ["姓名", "身份证号", "手机号", "省份", "失败时间", "实名认证级别"]

    func run(_ ws: String, _ args: [String], asOf: String, extra: [String] = []) throws -> ProcessResult {
        let r = try RxBindBinary.run(["run", "--workspace", ws, "--as-of", asOf, "--province", "江西"] + extra + args)
        #expect(r.status == 0, "\(r.stderr)")
        return r
    }

    /// Night one's reference files with these failure rows (a file of their own, so no run reuses an export).
    func night(_ dir: TemporaryDirectory, _ name: String, failures: [[String]]) throws -> [String] {
        var n = People.nightOne
        n.failures = failures
        return try n.write(into: dir.file(name))
    }

    func csv(_ ws: String, _ extra: [String] = []) throws -> [[String: String]] {
        let r = try RxBindBinary.run(["cases", "--workspace", ws, "--format", "csv"] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try NightFilesCSV.parse(r.stdout)
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    func state(of ws: String) -> [String: Data] { snapshot(of: ws).filter { !$0.key.hasPrefix("rxbind.sqlite-") } }

    @Test func notesAndClosesAreRecordedWithIDsMaskedOnTheTerminal() throws {
        let dir = try TemporaryDirectory("note-close")
        let ws = dir.file("ws")
        try run(ws, try People.nightOne.write(into: dir.file("n1")), asOf: "2026-11-20")
        let note = try RxBindBinary.run(["cases", "note", "--workspace", ws, "--id", People.c, "已电话联系，药师称没有参加过考试"])
        #expect(note.status == 0, "\(note.stderr)")
        let close = try RxBindBinary.run(["cases", "close", "--workspace", ws, "--id", People.fifteen(People.c),
                                          "--why", "本人不是执业药师"])
        #expect(close.status == 0, "\(close.stderr)")
        let details = try RxBindBinary.run(["cases", "--workspace", ws, "--id", People.c])
        for r in [note, close, details] {
            #expect(!(r.stdout + r.stderr).contains(People.c), "masked: \(r.stdout)")
            #expect(r.stdout.contains(ResidentIDMask.mask(People.c)))
        }
        #expect(details.stdout.contains("已电话联系，药师称没有参加过考试") && details.stdout.contains("本人不是执业药师"))
        #expect(details.stdout.contains("已结案"))
        let closed = try csv(ws, ["--status", "closed"])
        #expect(closed.map { $0["id_number"] } == [People.c])
        #expect(closed.first?["notes"]?.contains("close: 本人不是执业药师") == true)
        #expect(try csv(ws, ["--status", "open"]).count == 3)
        // The actions log: two lines, owner-only, chained, no full ID.
        let log = try String(contentsOfFile: ws + "/actions.log", encoding: .utf8)
        let lines = log.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(!log.contains(People.c) && log.contains(ResidentIDMask.mask(People.c)))
        #expect(lines[1].contains("\"prev\":\"\(Digest.hex(Data((lines[0] + "\n").utf8)))\""))
        #expect(permissions(under: ws).first { $0.path == "actions.log" }?.mode == 0o600)
    }

    @Test func badStaffActionsChangeNothingAndSaySo() throws {
        let dir = try TemporaryDirectory("bad-actions")
        let ws = dir.file("ws")
        try run(ws, try People.nightOne.write(into: dir.file("n1")), asOf: "2026-11-20")
        // Night two resolves A.
        try run(ws, try People.nightTwo.write(into: dir.file("n2")), asOf: "2026-11-21")
        #expect(try RxBindBinary.run(["cases", "close", "--workspace", ws, "--id", People.f, "--why", "重复申请"]).status == 0)
        let before = state(of: ws)
        let english = ["RXBIND_LANG": "en"]
        let unknown = try RxBindBinary.run(["cases", "close", "--workspace", ws, "--id", validID("11010119800101123"),
                                            "--why", "x"], environment: english)
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no case with the ID 110101********"), "\(unknown.stderr)")
        let twice = try RxBindBinary.run(["cases", "close", "--workspace", ws, "--id", People.f, "--why", "again"],
                                         environment: english)
        #expect(twice.status == 64)
        #expect(twice.stderr.contains("is closed: only open or dormant cases can be closed"), "\(twice.stderr)")
        let emptyWhy = try RxBindBinary.run(["cases", "close", "--workspace", ws, "--id", People.c, "--why", "  "],
                                            environment: english)
        #expect(emptyWhy.status == 64)
        #expect(emptyWhy.stderr.contains("--why must not be empty"), "\(emptyWhy.stderr)")
        let resolved = try RxBindBinary.run(["cases", "note", "--workspace", ws, "--id", People.a, "备注"], environment: english)
        #expect(resolved.status == 64)
        #expect(resolved.stderr.contains("is resolved"), "\(resolved.stderr)")
        let emptyNote = try RxBindBinary.run(["cases", "note", "--workspace", ws, "--id", People.c, ""])
        #expect(emptyNote.status == 64)
        let noWorkspace = try RxBindBinary.run(["cases", "note", "--workspace", dir.file("none"), "--id", People.c, "x"])
        #expect(noWorkspace.status == 64)
        for r in [unknown, twice, emptyWhy, resolved, emptyNote] {
            #expect(!r.stderr.contains(People.c) && !r.stderr.contains(People.a) && !r.stderr.contains(People.f))
        }
        #expect(state(of: ws) == before, "nothing changed")
        // A run followed by a staff action cannot be reverted: the action would be lost.
        let last = try #require(runIDs(ws).sorted().last)
        let revert = try RxBindBinary.run(["revert", "--workspace", ws, last, "--why", "x"], environment: english)
        #expect(revert.status == 64)
        #expect(revert.stderr.contains("1 action(s)"), "\(revert.stderr)")
    }

    @Test func aClosedCaseReopensOnANewAttemptButNotOnARepeatedOne() throws {
        let dir = try TemporaryDirectory("reopen")
        let ws = dir.file("ws")
        let c1 = People.failure(People.c, "丙三", at: "2026-11-20 10:00:00")
        try run(ws, try night(dir, "n1", failures: [c1, People.failure(People.a, "甲一")]), asOf: "2026-11-20")
        #expect(try RxBindBinary.run(["cases", "close", "--workspace", ws, "--id", People.c, "--why", "本人不是执业药师"]).status == 0)

        // Night two's export overlaps night one's: C's old attempt again, nothing new from C.
        let r2 = try run(ws, try night(dir, "n2", failures: [c1, People.failure(People.f, "丁四")]), asOf: "2026-11-21")
        let id2 = try #require(printedRunID(r2.stdout))
        let cases2 = try NightFiles.records(ws + "/runs/\(id2)/cases.csv").map { $0["id_number"]! }
        #expect(!cases2.contains(People.c), "a closed case with nothing new is not tonight's work")
        #expect(try csv(ws, ["--status", "closed"]).map { $0["id_number"] } == [People.c])

        // Night three: a new attempt opens it again, its history keeping the close.
        let r3 = try run(ws, try night(dir, "n3", failures: [People.failure(People.c, "丙三", at: "2026-11-22 09:00:00")]),
                         asOf: "2026-11-22")
        let id3 = try #require(printedRunID(r3.stdout))
        #expect(try NightFiles.records(ws + "/runs/\(id3)/cases.csv").map { $0["id_number"]! } == [People.c])
        let c = try #require(try csv(ws, ["--id", People.c]).first)
        #expect(c["status"] == "open" && c["attempts"] == "2" && c["last_seen"] == "2026-11-22")
        #expect(c["history"] == "2026-11-20 NO_QUALIFICATION/NOT_IN_ROSTER; 2026-11-22 NO_QUALIFICATION/NOT_IN_ROSTER")
        #expect(c["notes"]?.contains("close: 本人不是执业药师") == true)
        #expect(c["closed_on"] == "")
    }

    @Test func aCaseWithoutNewAttemptsGoesDormantAfter90DaysAndANewAttemptWakesIt() throws {
        let dir = try TemporaryDirectory("dormant")
        let ws = dir.file("ws")
        // C fails on 2026-01-01 only; F keeps failing with new attempts.
        try run(ws, try night(dir, "n1", failures: [People.failure(People.c, "丙三", at: "2026-01-01 10:00:00"),
                                                    People.failure(People.f, "丁四", at: "2026-01-01 10:00:00")]),
                asOf: "2026-01-01")
        // 89 days later: still open, carried over.
        try run(ws, try night(dir, "n2", failures: [People.failure(People.f, "丁四", at: "2026-03-31 10:00:00")]),
                asOf: "2026-03-31")
        #expect(try csv(ws, ["--id", People.c]).first?["status"] == "open")
        // 90 days: dormant.
        let r3 = try run(ws, try night(dir, "n3", failures: [People.failure(People.f, "丁四", at: "2026-04-01 10:00:00")]),
                         asOf: "2026-04-01")
        #expect(try csv(ws, ["--status", "dormant"]).map { $0["id_number"] } == [People.c])
        let id3 = try #require(printedRunID(r3.stdout))
        #expect(counts(try manifest(ws + "/runs/" + id3))["carried_over"] == 0)
        // --dormant-after is an option of the run: 120 days keeps a case open longer (and is another run id).
        let other = dir.file("other")
        try run(other, try night(dir, "o1", failures: [People.failure(People.c, "丙三", at: "2026-01-01 10:00:00")]),
                asOf: "2026-01-01", extra: ["--dormant-after", "120"])
        try run(other, try night(dir, "o2", failures: [People.failure(People.f, "丁四", at: "2026-04-01 10:00:00")]),
                asOf: "2026-04-01", extra: ["--dormant-after", "120"])
        #expect(try csv(other, ["--id", People.c]).first?["status"] == "open")
        // A new attempt wakes it.
        try run(ws, try night(dir, "n4", failures: [People.failure(People.c, "丙三", at: "2026-04-02 08:00:00")]),
                asOf: "2026-04-02")
        let woken = try #require(try csv(ws, ["--id", People.c]).first)
        #expect(woken["status"] == "open" && woken["attempts"] == "2")
        #expect(try RxBindBinary.run(["run", "--workspace", ws, "--dormant-after", "-1"] + (try night(dir, "n5", failures: []))).status == 64)
    }

    @Test func everyNightRerunsExactlyWithStaffActionsInBetween() throws {
        let dir = try TemporaryDirectory("rerun-actions")
        let ws = dir.file("ws")
        var ids: [String] = []
        ids.append(try #require(printedRunID(try run(ws, try People.nightOne.write(into: dir.file("n1")), asOf: "2026-11-20").stdout)))
        #expect(try RxBindBinary.run(["cases", "note", "--workspace", ws, "--id", People.f, "已通知药师"]).status == 0)
        #expect(try RxBindBinary.run(["cases", "close", "--workspace", ws, "--id", People.c, "--why", "非本人"]).status == 0)
        ids.append(try #require(printedRunID(try run(ws, try People.nightTwo.write(into: dir.file("n2")), asOf: "2026-11-21").stdout)))
        #expect(try RxBindBinary.run(["cases", "close", "--workspace", ws, "--id", People.e, "--why", "门户问题已解决"]).status == 0)
        ids.append(try #require(printedRunID(try run(ws, try night(dir, "n3", failures: [
            People.failure(People.f, "丁四", at: "2026-11-22 09:00:00")]), asOf: "2026-11-22").stdout)))
        for id in ids {
            let rerun = try RxBindBinary.run(["audit", "rerun", "--workspace", ws, id])
            #expect(rerun.status == 0, "\(id): \(rerun.stdout)\(rerun.stderr)")
        }
    }

    @Test func anActionKilledBetweenTheStoreAndTheLogIsFinishedByTheNextCommand() throws {
        let dir = try TemporaryDirectory("action-crash")
        let ws = dir.file("ws")
        try run(ws, try People.nightOne.write(into: dir.file("n1")), asOf: "2026-11-20")
        let died = try RxBindBinary.run(["cases", "note", "--workspace", ws, "--id", People.c, "第一条"],
                                        environment: ["RXBIND_CRASH_AT": "action-committed"])
        #expect(died.status == 137)
        #expect(!FileManager.default.fileExists(atPath: ws + "/actions.log"), "killed before the line was written")
        // The next action appends the committed line first, then its own.
        #expect(try RxBindBinary.run(["cases", "note", "--workspace", ws, "--id", People.c, "第二条"]).status == 0)
        let lines = try String(contentsOfFile: ws + "/actions.log", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].contains("第一条") && lines[1].contains("第二条"))
        #expect(lines[1].contains("\"prev\":\"\(Digest.hex(Data((lines[0] + "\n").utf8)))\""))
    }
}

/// RFC 4180 CSV from a string (the tests' own reader, not rxbind's).
enum NightFilesCSV {
    static func parse(_ text: String) throws -> [[String]] {
        let dir = try TemporaryDirectory("csv")
        let path = dir.file("x.csv")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return try NightFiles.readCSV(path)
    }
}

/// The masking SPEC §6 asks for, written here independently: the first six and the last four characters stay.
enum ResidentIDMask {
    static func mask(_ id: String) -> String { String(id.prefix(6)) + String(repeating: "*", count: id.count - 10) + String(id.suffix(4)) }
}
