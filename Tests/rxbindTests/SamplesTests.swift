import Foundation
import SpreadsheetReader
import Testing
import TestSupport

/// The committed sample nights (`samples/`, written by rxbind-gen, which shares no code with rxbind): two nights in
/// one workspace, every case, invalid row, form row and resolved case as the generator intended.
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

    @Test func bothSampleNightsAreClassifiedExactlyAsGenerated() throws {
        let dir = try TemporaryDirectory("samples")
        let ws = dir.file("ws")
        try checkNight(1, run: try runNight(1, asOf: "2026-11-21", workspace: ws))
        let run2 = try runNight(2, asOf: "2026-11-22", workspace: ws)
        try checkNight(2, run: run2)
        let wantResolved = Set(try NightFiles.records(Self.samples + "/night-2/expected/resolved.csv").map { $0["id_number"]! })
        let resolved = try RxBindBinary.run(["cases", "--workspace", ws, "--status", "resolved", "--format", "csv"])
        let gotResolved = Set(resolved.stdout.split(whereSeparator: \.isNewline).dropFirst().map { String($0.split(separator: ",")[0]) })
        #expect(gotResolved == wantResolved)
        // The workbook lists them once, on night two.
        let book = try WorkbookReader(path: run2 + "/triage.xlsx")
        var rows = 0
        try book.forEachRow(in: try #require(book.sheet(named: "已解决"))) { _ in rows += 1 }
        #expect(rows == 1 + wantResolved.count)
    }
}
