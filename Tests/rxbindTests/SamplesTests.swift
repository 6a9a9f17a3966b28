import Foundation
import SpreadsheetReader
import Testing
import TestSupport

/// The committed sample nights (`samples/`, written by rxbind-gen, which shares no code with rxbind): three nights in
/// one workspace, with the staff actions night 3's input holds applied between nights 2 and 3, and every case,
/// invalid row, form row, resolved, closed and reopened case as the generator intended.
@Suite struct SamplesTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/samples"

    func runNight(_ n: Int, asOf: String, workspace: String) throws -> String {
        let input = Self.samples + "/night-\(n)/input"
        let r = try RxBindBinary.run(["run", "--workspace", workspace, "--province", "新疆维吾尔自治区", "--as-of", asOf,
                                      "--certificates", input + "/certificates.csv", "--registry", input + "/registry.tsv",
                                      input + "/failures-a.csv", input + "/failures-b.csv"])
        try #require(r.status == 0, "\(r.stderr)")
        return workspace + "/runs/" + (try #require(printedRunID(r.stdout)))
    }

    func checkNight(_ n: Int, run: String) throws {
        let expected = Self.samples + "/night-\(n)/expected"
        func key(_ r: [String: String]) -> String {
            let flags = (r["flags"] ?? "").split(separator: "|").map(String.init).sorted().joined(separator: "|")
            return [r["id_number"]!, r["class"]!, r["reason"]!, flags, r["attempts"]!, r["action"]!].joined(separator: " ")
        }
        let want = try NightFiles.records(expected + "/cases.csv")
        let got = try NightFiles.records(run + "/cases.csv")
        #expect(want.count > 200)
        #expect(Set(got.map(key)) == Set(want.map(key)), "night \(n): every case's class, reason, flags, attempts and action")
        #expect(got.count == want.count)
        let wantInvalid = try NightFiles.records(expected + "/invalid-rows.csv").map { [$0["file"]!, $0["line"]!, $0["reason"]!] }
        let gotInvalid = try NightFiles.records(run + "/invalid-rows.csv").map { [$0["file"]!, $0["line"]!, $0["reason"]!] }
        #expect(gotInvalid == wantInvalid, "night \(n): every invalid row's file, line and reason")
        // Form rows, read from the form itself.
        let forms = try FileManager.default.contentsOfDirectory(atPath: run).filter { $0.hasPrefix("addition-request-") }
        #expect(forms.count == 1)
        let rows = try SpreadsheetOutputTests.formRows(run + "/" + forms[0]).rows
            .map { SpreadsheetOutputTests.text($0[3]) + " " + SpreadsheetOutputTests.text($0[4]) }
        let wantForm = try NightFiles.records(expected + "/form-rows.csv").map { $0["id_number"]! + " " + $0["certificate_no"]! }
        #expect(rows == wantForm, "night \(n): the form's (ID, certificate) pairs, in order")
    }

    /// The IDs `rxbind cases --status STATUS --format csv` lists.
    func caseIDs(_ workspace: String, status: String) throws -> Set<String> {
        let r = try RxBindBinary.run(["cases", "--workspace", workspace, "--status", status, "--format", "csv"])
        try #require(r.status == 0, "\(r.stderr)")
        return Set(r.stdout.split(whereSeparator: \.isNewline).dropFirst().map { String($0.split(separator: ",")[0]) })
    }

    /// `rxbind cases --format csv` as records (every status).
    func caseRecords(_ workspace: String, in dir: TemporaryDirectory) throws -> [String: [String: String]] {
        let r = try RxBindBinary.run(["cases", "--workspace", workspace, "--format", "csv"])
        try #require(r.status == 0, "\(r.stderr)")
        let file = dir.file("cases-\(UUID().uuidString).csv")
        try r.stdout.write(toFile: file, atomically: false, encoding: .utf8)
        return Dictionary(uniqueKeysWithValues: try NightFiles.records(file).map { ($0["id_number"]!, $0) })
    }

    /// A column of a workbook sheet, as text.
    func column(_ index: Int, of sheet: String, in run: String) throws -> [String] {
        let book = try WorkbookReader(path: run + "/triage.xlsx")
        var texts: [String] = []
        try book.forEachRow(in: try #require(book.sheet(named: sheet))) { row in
            texts.append(row.value(atColumn: index).map(SpreadsheetOutputTests.text) ?? "")
        }
        return texts
    }

    /// Applies `night-N/input/staff-actions.csv` (`action,id_number,text`, in order) with `rxbind cases close|note`.
    func applyStaffActions(before n: Int, workspace: String) throws -> [[String: String]] {
        let actions = try NightFiles.records(Self.samples + "/night-\(n)/input/staff-actions.csv")
        for a in actions {
            let arguments: [String]
            switch a["action"] {
            case "close": arguments = ["cases", "close", "--workspace", workspace, "--id", a["id_number"]!, "--why", a["text"]!]
            case "note": arguments = ["cases", "note", "--workspace", workspace, "--id", a["id_number"]!, a["text"]!]
            default: Issue.record("unknown staff action \(a)"); continue
            }
            let r = try RxBindBinary.run(arguments)
            #expect(r.status == 0, "\(a): \(r.stderr)")
        }
        return actions
    }

    @Test func threeSampleNightsWithStaffActionsAreClassifiedExactlyAsGenerated() throws {
        let dir = try TemporaryDirectory("samples")
        let ws = dir.file("ws")
        try checkNight(1, run: try runNight(1, asOf: "2026-11-21", workspace: ws))
        let run2 = try runNight(2, asOf: "2026-11-22", workspace: ws)
        try checkNight(2, run: run2)
        let wantResolved = Set(try NightFiles.records(Self.samples + "/night-2/expected/resolved.csv").map { $0["id_number"]! })
        let resolvedBefore3 = try caseIDs(ws, status: "resolved")
        #expect(resolvedBefore3 == wantResolved)
        // The workbook lists them once, on night two.
        let book = try WorkbookReader(path: run2 + "/triage.xlsx")
        var rows = 0
        try book.forEachRow(in: try #require(book.sheet(named: "已解决"))) { _ in rows += 1 }
        #expect(rows == 1 + wantResolved.count)

        // Between nights 2 and 3, staff close cases and add notes (SPEC §14).
        let actions = try applyStaffActions(before: 3, workspace: ws)
        let closes = Set(actions.filter { $0["action"] == "close" }.map { $0["id_number"]! })
        #expect(closes.count >= 10)
        #expect(try caseIDs(ws, status: "closed") == closes, "every close recorded, nothing else closed")

        // Night 3: a closed case failing again with a new attempt is one of the night's cases like any other.
        let run3 = try runNight(3, asOf: "2026-11-23", workspace: ws)
        try checkNight(3, run: run3)
        let expected3 = Self.samples + "/night-3/expected"
        func ids(_ file: String) throws -> Set<String> { Set(try NightFiles.records(expected3 + "/" + file).map { $0["id_number"]! }) }
        let wantResolved3 = try ids("resolved.csv"), wantClosed = try ids("closed.csv"), wantReopened = try ids("reopened.csv")
        #expect(!wantResolved3.isEmpty && !wantClosed.isEmpty && !wantReopened.isEmpty)
        #expect(wantClosed.union(wantReopened) == closes && wantClosed.isDisjoint(with: wantReopened))

        // Resolved tonight: those resolved after night 3 that were not before. No closed case is among them,
        // though tonight's registry would resolve some: a closed case is not re-checked.
        let resolvedAfter3 = try caseIDs(ws, status: "resolved")
        #expect(resolvedAfter3.subtracting(resolvedBefore3) == wantResolved3)
        #expect(resolvedAfter3.isDisjoint(with: closes))
        #expect(try column(0, of: "已解决", in: run3).count == 1 + wantResolved3.count)

        // Closed after night 3: closed and not opened again. Not carried over.
        #expect(try caseIDs(ws, status: "closed") == wantClosed)
        let carried = try column(0, of: "遗留未结", in: run3)
        #expect(carried.count > 1)
        #expect(Set(carried).isDisjoint(with: closes), "a closed case is not carried over")

        // Opened again: the cases closed before night 3 that are night 3's cases, open now, the close kept in
        // their notes and the reopening in their history.
        let tonight = Set(try NightFiles.records(run3 + "/cases.csv").map { $0["id_number"]! })
        #expect(closes.intersection(tonight) == wantReopened)
        let records = try caseRecords(ws, in: dir)
        for id in wantReopened {
            let r = try #require(records[id])
            #expect(r["status"] == "open", "\(id) is open again")
            #expect(r["closed_on"] == "")
            #expect(r["last_seen"] == "2026-11-23")
            #expect(r["history"]?.contains("2026-11-23 ") == true, "\(id): the reopening is in the history")
            let close = try #require(actions.first { $0["action"] == "close" && $0["id_number"] == id })
            #expect(r["notes"]?.contains("close: " + close["text"]!) == true, "\(id): the close is kept")
        }
        for id in wantClosed {
            let r = try #require(records[id])
            #expect(r["closed_on"] != "" && r["last_seen"] != "2026-11-23", "\(id) stays closed, unseen tonight")
        }
        // Notes change nothing but the notes.
        for a in actions where a["action"] == "note" {
            let r = try #require(records[a["id_number"]!])
            #expect(r["notes"]?.contains("note: " + a["text"]!) == true)
        }
    }
}
