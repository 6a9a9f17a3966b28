import Foundation
import Testing
import TestSupport

/// The reference night of ../shared/fixtures (copied into Fixtures/spec-night), generated independently from the
/// spec: rxbind must reproduce its cases, invalid rows and form rows exactly.
@Suite struct SpecNightTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Fixtures/spec-night"

    @Test func reproducesTheReferenceNightExactly() throws {
        let dir = try TemporaryDirectory("spec-night")
        let input = Self.fixture + "/input"
        let r = try RxBindBinary.run([
            "run", "--workspace", dir.file("ws"), "--certificates", input + "/certificates.csv",
            "--registry", input + "/registry.tsv", "--as-of", "2026-11-21", "--province", "新疆维吾尔自治区",
            input + "/failures-a.csv", input + "/failures-b.csv",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let runs = try FileManager.default.contentsOfDirectory(atPath: dir.file("ws/runs"))
        let run = dir.file("ws/runs/" + (try #require(runs.first)))

        // Cases: class, reason, flags (as a set) and attempts of every case, and no other case.
        let expected = try NightFiles.records(Self.fixture + "/expected/cases.csv")
        let got = try NightFiles.records(run + "/cases.csv")
        func key(_ r: [String: String]) -> String {
            let flags = (r["flags"] ?? "").split(separator: "|").map(String.init).sorted().joined(separator: "|")
            return [r["id_number"]!, r["class"]!, r["reason"]!, flags, r["attempts"]!].joined(separator: " ")
        }
        #expect(expected.count == 303)
        #expect(Set(got.map(key)) == Set(expected.map(key)))
        #expect(got.count == expected.count)
        #expect(got.map { $0["id_number"]! } == got.map { $0["id_number"]! }.sorted(), "cases.csv is sorted by ID")

        // Invalid rows: file, physical line and reason of each.
        let expectedInvalid = try NightFiles.records(Self.fixture + "/expected/invalid-rows.csv").map { [$0["file"]!, $0["line"]!, $0["reason"]!] }
        let gotInvalid = try NightFiles.records(run + "/invalid-rows.csv").map { [$0["file"]!, $0["line"]!, $0["reason"]!] }
        #expect(gotInvalid == expectedInvalid)

        // Form rows: every (ID, certificate) pair requested tonight, and nothing else.
        let expectedForm = Set(try NightFiles.records(Self.fixture + "/expected/form-rows.csv").map { $0["id_number"]! + " " + $0["certificate_no"]! })
        var gotForm = Set<String>()
        for c in got where c["action"] == "REQUEST_ADDITION" {
            for cert in c["certificate_no"]!.split(separator: "|") { gotForm.insert(c["id_number"]! + " " + cert) }
        }
        #expect(gotForm == expectedForm)
    }
}
