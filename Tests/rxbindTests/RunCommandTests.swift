import Foundation
import Testing
import TestSupport

@Suite struct RunCommandTests {
    func run(_ ws: String, _ args: [String], asOf: String, extra: [String] = []) throws -> ProcessResult {
        try RxBindBinary.run(["run", "--workspace", ws, "--as-of", asOf, "--province", "江西"] + extra + args)
    }

    func cases(_ run: String) throws -> [String: [String: String]] {
        Dictionary(uniqueKeysWithValues: try NightFiles.records(run + "/cases.csv").map { ($0["id_number"]!, $0) })
    }

    @Test func twoNightsResolveRequestOnceAndRepeatNothing() throws {
        let dir = try TemporaryDirectory("two-nights")
        let ws = dir.file("ws")
        let one = try People.nightOne.write(into: dir.file("n1"))
        let r1 = try run(ws, one, asOf: "2026-11-20")
        #expect(r1.status == 0, "\(r1.stderr)")
        let id1 = try #require(printedRunID(r1.stdout))
        let c1 = try cases(ws + "/runs/" + id1)
        #expect(c1[People.a]?["class"] == "MISSING_REGISTRY_RECORD")
        #expect(c1[People.a]?["action"] == "REQUEST_ADDITION")
        #expect(c1[People.b]?["class"] == "LEGACY_ID_15")
        #expect(c1[People.b]?["registry_id"] == People.fifteen(People.b))
        #expect(c1[People.c]?["class"] == "NO_QUALIFICATION")
        #expect(c1[People.f]?["action"] == "REQUEST_ADDITION")

        let two = try People.nightTwo.write(into: dir.file("n2"))
        let r2 = try run(ws, two, asOf: "2026-11-21")
        #expect(r2.status == 0, "\(r2.stderr)")
        let id2 = try #require(printedRunID(r2.stdout))
        #expect(id2 != id1)
        let c2 = try cases(ws + "/runs/" + id2)
        #expect(Set(c2.keys) == [People.c, People.f, People.e], "cases.csv holds tonight's cases only")
        #expect(c2[People.f]?["action"] == "ALREADY_REQUESTED", "requested on night one, within --resend-after")
        #expect(c2[People.f]?["first_seen"] == "2026-11-20")
        #expect(c2[People.f]?["attempts"] == "1", "tonight's attempts")
        let m2 = try manifest(ws + "/runs/" + id2)
        #expect(counts(m2)["resolved"] == 2, "A registered, B upgraded to 18 digits")
        #expect(counts(m2)["requested"] == 0)
        let resolved = try RxBindBinary.run(["cases", "--workspace", ws, "--status", "resolved", "--format", "csv"])
        #expect(Set(try csvIDs(resolved.stdout)) == [People.a, People.b], "\(resolved.stdout)")

        // Repeating night two: the run exists, nothing changes.
        let before = snapshot(of: ws)
        let again = try run(ws, two, asOf: "2026-11-21")
        #expect(again.status == 0)
        #expect(again.stdout.contains("已经存在"), "\(again.stdout)")
        #expect(snapshot(of: ws) == before)

        // Night three, same registry and (on purpose) the same export: the resolved cases are not reported again.
        let r3 = try run(ws, two, asOf: "2026-11-22", extra: ["--allow-repeat"])
        #expect(r3.status == 0, "\(r3.stderr)")
        let id3 = try #require(printedRunID(r3.stdout))
        #expect(counts(try manifest(ws + "/runs/" + id3))["resolved"] == 0)

        // --resend-after 0 requests F again (another option, another run id).
        let r4 = try run(ws, two, asOf: "2026-11-22", extra: ["--resend-after", "0", "--allow-repeat"])
        #expect(r4.status == 0, "\(r4.stderr)")
        let id4 = try #require(printedRunID(r4.stdout))
        #expect(id4 != id3)
        #expect(try cases(ws + "/runs/" + id4)[People.f]?["action"] == "REQUEST_ADDITION")
    }

    @Test func anEarlierAsOfDateIsRefusedAndForceRedoesOnlyTheLatestRun() throws {
        let dir = try TemporaryDirectory("history")
        let ws = dir.file("ws")
        let one = try People.nightOne.write(into: dir.file("n1"))
        let two = try People.nightTwo.write(into: dir.file("n2"))
        let r1 = try run(ws, one, asOf: "2026-11-20")
        let id1 = try #require(printedRunID(r1.stdout))
        let r2 = try run(ws, two, asOf: "2026-11-21")
        let id2 = try #require(printedRunID(r2.stdout))
        let early = try run(ws, two, asOf: "2026-11-19")
        #expect(early.status == 64)
        #expect(early.stderr.contains("audit rerun"))
        let notLatest = try run(ws, one, asOf: "2026-11-20", extra: ["--force"])
        #expect(notLatest.status == 64)
        #expect(notLatest.stderr.contains(id2))

        // Redo night two: its case-store changes are undone first, so F is still "already requested" and the
        // outputs are the same bytes.
        let firstOutputs = snapshot(of: ws + "/runs/" + id2)
        let redo = try run(ws, two, asOf: "2026-11-21", extra: ["--force"])
        #expect(redo.status == 0, "\(redo.stderr)")
        #expect(printedRunID(redo.stdout) == id2)
        #expect(snapshot(of: ws + "/runs/" + id2) == firstOutputs)
        #expect(runIDs(ws) == [id1, id2].sorted())
        let verify = try RxBindBinary.run(["audit", "verify", "--workspace", ws, id2])
        #expect(verify.status == 0, "\(verify.stdout)")
    }

    @Test func unusableInputsExit65BeforeTheWorkspaceIsTouched() throws {
        let dir = try TemporaryDirectory("bad-inputs")
        let ws = dir.file("ws")
        let args = try People.nightOne.write(into: dir.file("n1"))

        // A new workspace is not even created.
        try NightFiles.write(dir.file("nocol.csv"), header: ["姓名", "手机号"], rows: [["甲", "13912345678"]])
        let missing = try run(ws, Array(args.dropLast()) + [dir.file("nocol.csv")], asOf: "2026-11-20")
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("nocol.csv") && missing.stderr.contains("id_number") && missing.stderr.contains("\"手机号\""))
        #expect(!FileManager.default.fileExists(atPath: ws))

        // An existing workspace is left exactly as it was.
        #expect(try run(ws, args, asOf: "2026-11-20").status == 0)
        let before = snapshot(of: ws)
        let unreadable = try run(ws, Array(args.dropLast()) + [dir.file("does-not-exist.csv")], asOf: "2026-11-21")
        #expect(unreadable.status == 65)
        #expect(unreadable.stderr.contains("does-not-exist.csv"))
        var swapped = args
        swapped[3] = args[1]   // the roster given as --registry
        let wrongKind = try run(ws, swapped, asOf: "2026-11-21")
        #expect(wrongKind.status == 65)
        #expect(wrongKind.stderr.contains("--certificates"))
        #expect(snapshot(of: ws) == before)
    }

    @Test func noFullIDOrPhoneNumberOnTheTerminal() throws {
        let dir = try TemporaryDirectory("pii")
        let ws = dir.file("ws")
        let args = try People.nightOne.write(into: dir.file("n1"))
        var outputs: [ProcessResult] = []
        let r = try run(ws, args, asOf: "2026-11-20")
        outputs.append(r)
        let id = try #require(printedRunID(r.stdout))
        outputs.append(try RxBindBinary.run(["cases", "--workspace", ws]))
        outputs.append(try RxBindBinary.run(["audit", "verify", "--workspace", ws, id]))
        outputs.append(try RxBindBinary.run(["audit", "rerun", "--workspace", ws, id]))
        outputs.append(try run(ws, args, asOf: "2026-11-19"))
        try NightFiles.write(dir.file("n1/failures.csv"), header: ["姓名", "身份证号", "手机号"],
                             rows: [["甲一", People.a + "x", "13912345678"]])
        outputs.append(try run(ws, args, asOf: "2026-11-21"))
        let everything = outputs.map { $0.stdout + $0.stderr }.joined()
        for secret in [People.a, People.b, People.c, People.f, People.e, People.fifteen(People.b), "13912345678"] {
            #expect(!everything.contains(secret))
        }
        #expect(everything.contains("********"), "masked numbers are shown")
    }

    @Test func everyFileIsOwnerOnlyWhateverTheUmask() throws {
        let dir = try TemporaryDirectory("perms")
        let ws = dir.file("ws")
        let args = try People.nightOne.write(into: dir.file("n1"))
        let r = try runProgram("/bin/sh", ["-c", "umask 000; exec \"$0\" \"$@\"", RxBindBinary.path, "run", "--workspace", ws,
                                           "--as-of", "2026-11-20", "--province", "江西"] + args)
        #expect(r.status == 0, "\(r.stderr)")
        let entries = permissions(under: ws)
        #expect(!entries.isEmpty)
        for e in entries {
            if e.isDirectory {
                #expect(e.mode == 0o700, "\(e.path)")
            } else if e.path.hasPrefix("archive/") {
                #expect(e.mode == 0o400, "\(e.path)")
            } else {
                #expect(e.mode == 0o600, "\(e.path)")
            }
        }
    }
}

func manifest(_ run: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: run + "/manifest.json"))
    return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
}

func counts(_ manifest: [String: Any]) -> [String: Int] {
    (manifest["counts"] as? [String: Any] ?? [:]).compactMapValues { $0 as? Int }
}

func csvIDs(_ csv: String) throws -> [String] {
    csv.split(whereSeparator: \.isNewline).dropFirst().map { String($0.split(separator: ",").first ?? "") }
}
