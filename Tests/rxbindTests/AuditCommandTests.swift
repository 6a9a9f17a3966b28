import Foundation
import SpreadsheetReader
import Testing
import TestSupport

/// SPEC §13, the auditor's answers: `rxbind runs`, `audit verify --all`, and an `audit rerun` that checks the archive
/// first, names the first difference of each output and can keep what it wrote.
@Suite struct AuditCommandTests {
    static let english = ["RXBIND_LANG": "en"]

    /// A workspace with three nights and one mistaken third night, reverted and then run again with the right
    /// registry: committed runs `ids` (oldest first) and the reverted one.
    struct History {
        let dir: TemporaryDirectory
        let ws: String
        let ids: [String]
        let reverted: String

        var revertedFolder: String { ws + "/reverted/1-" + reverted }
        func run(_ id: String) -> String { ws + "/runs/" + id }

        init(_ label: String) throws {
            let dir = try TemporaryDirectory(label)
            let ws = dir.file("ws")
            func night(_ n: SmallNight, _ folder: String, _ asOf: String) throws -> String {
                let args = try n.write(into: dir.file(folder))
                let r = try RxBindBinary.run(["run", "--workspace", ws, "--as-of", asOf, "--province", "江西"] + args)
                #expect(r.status == 0, "\(r.stderr)")
                return try #require(printedRunID(r.stdout))
            }
            let id1 = try night(People.nightOne, "n1", "2026-11-20")
            let id2 = try night(People.nightTwo, "n2", "2026-11-21")
            var three = People.nightTwo
            three.failures = [People.failure(People.c, "丙三", at: "2026-11-22 09:00:00"),
                              People.failure(People.e, "戊五", at: "2026-11-22 09:30:00")]
            var wrong = three
            wrong.registry = People.nightOne.registry   // last week's registry snapshot
            let mistaken = try night(wrong, "n3-wrong", "2026-11-22")
            let revert = try RxBindBinary.run(["revert", "--workspace", ws, mistaken, "--why", "注册系统快照给错了"])
            #expect(revert.status == 0, "\(revert.stderr)")
            let id3 = try night(three, "n3", "2026-11-22")
            (self.dir, self.ws, ids, reverted) = (dir, ws, [id1, id2, id3], mistaken)
        }
    }

    // MARK: rxbind runs

    @Test func runsListsEveryNightOldestFirstWithTheRevertedOneMarked() throws {
        let h = try History("runs")
        let table = try RxBindBinary.run(["runs", "--workspace", h.ws], environment: Self.english)
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n").map(String.init)
        let order = [h.ids[0], h.ids[1], h.reverted, h.ids[2]]
        let rows = order.map { id in lines.firstIndex { $0.hasPrefix(id + " ") } }
        #expect(rows.allSatisfy { $0 != nil } && rows.map { $0! } == rows.map { $0! }.sorted(), "oldest first: \(table.stdout)")
        let first = try #require(lines.first { $0.hasPrefix(h.ids[0]) })
        #expect(first.contains("2026-11-20") && first.contains("committed") && first.contains("failures.csv (4 rows)")
                && first.contains("registry.csv (2 rows)"), "\(first)")
        let mistaken = try #require(lines.first { $0.hasPrefix(h.reverted) })
        #expect(mistaken.contains("2026-11-22") && mistaken.contains("reverted"), "\(mistaken)")
        #expect(table.stdout.contains("注册系统快照给错了") && table.stdout.contains("reverted/1-" + h.reverted),
                "when, why and where: \(table.stdout)")
        let chinese = try RxBindBinary.run(["runs", "--workspace", h.ws])
        #expect(chinese.stdout.contains("已撤销") && chinese.stdout.contains("无注册记录"), "\(chinese.stdout)")

        let csv = try RxBindBinary.run(["runs", "--workspace", h.ws, "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdoutBytes.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 with BOM")
        let path = h.dir.file("runs.csv")
        try csv.stdoutBytes.write(to: URL(fileURLWithPath: path))
        let records = try NightFiles.records(path)
        #expect(records.map { $0["run_id"] } == order)
        #expect(records.map { $0["status"] } == ["committed", "committed", "reverted", "committed"])
        let one = records[0]
        #expect(one["as_of"] == "2026-11-20" && one["cases"] == "4" && one["MISSING_REGISTRY_RECORD"] == "2"
                && one["LEGACY_ID_15"] == "1" && one["NO_QUALIFICATION"] == "1" && one["form_rows"] == "2", "\(one)")
        #expect(one["inputs"] == "failures:failures.csv:4|certificates:certificates.csv:4|registry:registry.csv:2")
        #expect(one["manifest"] == "ok" && one["reverted_at"] == "")
        #expect(records[2]["reverted_why"] == "注册系统快照给错了" && records[2]["reverted_at"]?.isEmpty == false)
        let sha = try Digest.hex(Data(contentsOf: URL(fileURLWithPath: h.run(h.ids[0]) + "/manifest.json")))
        #expect(one["manifest_sha256"] == sha)

        let notAWorkspace = try RxBindBinary.run(["runs", "--workspace", h.dir.file("n1")])
        #expect(notAWorkspace.status == 64)
        #expect(notAWorkspace.stderr.contains("rxbind.sqlite"), "a sentence: \(notAWorkspace.stderr)")
    }

    // MARK: audit verify --all

    @Test func verifyAllPassesOverAnIntactHistory() throws {
        let h = try History("verify-all")
        let r = try RxBindBinary.run(["audit", "verify", "--all", "--workspace", h.ws], environment: Self.english)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 7, "a heading, one line per run, the actions log, a verdict: \(r.stdout)")
        #expect(lines.contains { $0.hasPrefix("  actions.log") && $0.contains(" ok ") }, "no staff action yet: \(r.stdout)")
        for id in h.ids { #expect(lines.contains { $0.contains(id) && $0.contains("ok (") }, "\(id)") }
        #expect(lines.contains { $0.contains("reverted/1-" + h.reverted) && $0.contains("ok (") })
        #expect(lines.last?.hasPrefix("Verdict: everything matches") == true)
        let chinese = try RxBindBinary.run(["audit", "verify", "--all", "--workspace", h.ws])
        #expect(chinese.status == 0)
        #expect(chinese.stdout.contains("结论：全部一致"), "\(chinese.stdout)")
    }

    @Test(arguments: ["output", "manifest", "archived input", "revert record", "stray folder", "actions log"])
    func verifyAllNamesWhatAndWhere(damage: String) throws {
        let h = try History("damage")
        let manifest1 = try manifest(h.run(h.ids[0]))
        let expected: [(run: String, subject: String, words: [String])]
        switch damage {
        case "output":
            try Data("\n".utf8).append(toFile: h.run(h.ids[1]) + "/cases.csv")
            expected = [(h.ids[1], "cases.csv", ["MISMATCH"])]
        case "manifest":
            // An output edited together with its own manifest: that manifest is not the committed one, and the next
            // run's link to it is broken.
            let path = h.run(h.ids[1]) + "/manifest.json"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "\"cases\" : ", with: "\"cases\" :  ").write(toFile: path, atomically: false, encoding: .utf8)
            expected = [(h.ids[1], "manifest.json", ["MISMATCH"]),
                        (h.ids[2], "link to run \(h.ids[1])", ["MISMATCH", "chain is broken"])]
        case "archived input":
            let inputs = manifest1["inputs"] as? [[String: Any]] ?? []
            let failures = try #require(inputs.first { $0["role"] as? String == "failures" }?["sha256"] as? String)
            try FileManager.default.removeItem(atPath: h.ws + "/archive/\(failures.prefix(2))/\(failures)")
            expected = [(h.ids[0], "input failures.csv (failure export)", ["MISSING"])]
        case "revert record":
            let path = h.ws + "/reverted/1-\(h.reverted).json"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "注册系统快照给错了", with: "没有原因").write(toFile: path, atomically: false, encoding: .utf8)
            expected = [("reverted/1-" + h.reverted, "1-\(h.reverted).json", ["MISMATCH", "why"])]
        case "stray folder":
            try FileManager.default.copyItem(atPath: h.run(h.ids[0]), toPath: h.ws + "/runs/20261119-00000000")
            expected = [("", "runs/20261119-00000000", ["MISMATCH"])]
        default:
            // Two staff notes (SPEC §14), then the first line of the log edited.
            for text in ["已电话联系", "等待中心回复"] {
                let note = try RxBindBinary.run(["cases", "note", "--workspace", h.ws, "--id", People.c, text])
                #expect(note.status == 0, "\(note.stderr)")
            }
            let intact = try RxBindBinary.run(["audit", "verify", "--all", "--workspace", h.ws], environment: Self.english)
            #expect(intact.status == 0 && intact.stdout.contains("actions.log") && intact.stdout.contains("2 line(s)"),
                    "\(intact.stdout)")
            let path = h.ws + "/actions.log"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "已电话联系", with: "未联系").write(toFile: path, atomically: false, encoding: .utf8)
            expected = [("", "actions.log", ["MISMATCH", "line 2", "does not link"])]
        }
        let r = try RxBindBinary.run(["audit", "verify", "--all", "--workspace", h.ws], environment: Self.english)
        #expect(r.status == 65, "\(r.stdout)\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        for e in expected {
            let line = lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(e.subject) }
            #expect(line != nil && e.words.allSatisfy { line!.contains($0) }, "\(e.subject): \(r.stdout)")
            if !e.run.isEmpty {
                // The detail lines follow the line of the run they belong to.
                let runLine = try #require(lines.firstIndex { $0.hasPrefix("  " + e.run) }, "\(r.stdout)")
                let detail = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(e.subject) })
                #expect(runLine < detail && !lines[(runLine + 1)..<detail].contains { $0.hasPrefix("  2") || $0.hasPrefix("  reverted/") })
                #expect(lines.last?.contains(e.run) == true, "the verdict names the run: \(lines.last ?? "")")
            }
        }
        #expect(lines.last?.hasPrefix("Verdict: problems found") == true)
        // Runs that are intact still say so on one line each.
        let intact = h.ids.filter { id in !expected.contains { $0.run == id } }
        for id in intact { #expect(lines.contains { $0.hasPrefix("  " + id) && $0.contains("ok (") }, "\(id): \(r.stdout)") }
    }

    @Test func verifyTakesARunIDOrAllButNotBoth() throws {
        let h = try History("verify-args")
        let both = try RxBindBinary.run(["audit", "verify", "--all", "--workspace", h.ws, h.ids[0]], environment: Self.english)
        #expect(both.status == 64)
        #expect(both.stderr.contains("either a RUN_ID or --all"), "\(both.stderr)")
        let neither = try RxBindBinary.run(["audit", "verify", "--workspace", h.ws])
        #expect(neither.status == 64)
        #expect(neither.stderr.contains("--all") && neither.stderr.contains("RUN_ID"), "\(neither.stderr)")
        // One run still verifies, with its links both ways.
        let one = try RxBindBinary.run(["audit", "verify", "--workspace", h.ws, h.ids[1]], environment: Self.english)
        #expect(one.status == 0, "\(one.stdout)")
        #expect(one.stdout.contains("link to run \(h.ids[0])") && one.stdout.contains("link from run \(h.ids[2])"))
        let unknown = try RxBindBinary.run(["audit", "verify", "--workspace", h.ws, "20991231-deadbeef"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains(h.ids[2]), "names the workspace's runs: \(unknown.stderr)")
    }

    // MARK: audit rerun

    @Test(arguments: [("damaged", "registry"), ("missing", "failures"), ("missing", "prior state")])
    func rerunChecksTheArchiveBeforeRerunning(kind: String, what: String) throws {
        let h = try History("rerun-\(kind)")
        let m = try manifest(h.run(h.ids[0]))
        let inputs = m["inputs"] as? [[String: Any]] ?? []
        let sha: String
        let named: String
        if what == "prior state" {
            sha = try #require((m["prior_state"] as? [String: Any])?["sha256"] as? String)
            named = "prior case state"
        } else {
            let input = try #require(inputs.first { $0["role"] as? String == what })
            sha = try #require(input["sha256"] as? String)
            named = "\(input["name"] as? String ?? "?") ("
        }
        let archived = h.ws + "/archive/\(sha.prefix(2))/\(sha)"
        if kind == "damaged" {
            chmod(archived, 0o600)   // archive files are read-only (0400)
            var data = try Data(contentsOf: URL(fileURLWithPath: archived))
            data[data.count / 2] ^= 0x01
            try data.write(to: URL(fileURLWithPath: archived))
        } else {
            try FileManager.default.removeItem(atPath: archived)
        }
        let before = snapshot(of: h.run(h.ids[0]))
        let r = try RxBindBinary.run(["audit", "rerun", "--workspace", h.ws, h.ids[0]], environment: Self.english)
        #expect(r.status == 65, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains(named) && r.stderr.contains(kind), "names the file and what is wrong: \(r.stderr)")
        #expect(r.stderr.contains("archive") && r.stderr.contains("backup"), "the archive is the problem: \(r.stderr)")
        #expect(r.stdout.isEmpty, "no output comparison as if the outputs were the problem: \(r.stdout)")
        #expect(snapshot(of: h.run(h.ids[0])) == before)
        let chinese = try RxBindBinary.run(["audit", "rerun", "--workspace", h.ws, h.ids[0]])
        #expect(chinese.status == 65)
        #expect(chinese.stderr.contains("存档") && chinese.stderr.contains("备份"), "\(chinese.stderr)")
    }

    @Test func rerunNamesTheFirstDifferenceWithValuesMasked() throws {
        let h = try History("first-difference")
        let folder = h.run(h.ids[0])
        // cases.csv line 5 is C's row (sorted by ID); the workbook's shared string of C's ID, wherever it is used.
        let other = validID("36010219900303346")
        let csv = folder + "/cases.csv"
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(text.components(separatedBy: "\r\n")[4].hasPrefix(People.c), "line 5 is C's: \(text)")
        try text.replacingOccurrences(of: People.c, with: other).write(toFile: csv, atomically: false, encoding: .utf8)
        let workbook = folder + "/triage.xlsx"
        let (sheet, cell) = try #require(try firstCell(holding: People.c, in: workbook))
        try rewrite(workbook, part: "xl/sharedStrings.xml") {
            $0.replacingOccurrences(of: "<t>\(People.c)</t>", with: "<t>\(other)</t>")
        }

        let r = try RxBindBinary.run(["audit", "rerun", "--workspace", h.ws, h.ids[0]], environment: Self.english)
        #expect(r.status == 65, "\(r.stdout)\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let cases = try #require(lines.first { $0.hasPrefix("cases.csv") })
        #expect(cases.contains("MISMATCH") && cases.contains("line 5") && cases.contains("id_number"), "\(cases)")
        #expect(cases.contains(String(People.c.prefix(6)) + "********" + String(People.c.suffix(4))), "masked: \(cases)")
        let triage = try #require(lines.first { $0.hasPrefix("triage.xlsx") })
        #expect(triage.contains("MISMATCH") && triage.contains("sheet \(sheet), cell \(cell)"), "\(triage)")
        for name in ["invalid-rows.csv", "manifest.json"] {
            #expect(lines.contains { $0.hasPrefix(name) && $0.contains(" ok ") }, "\(name): \(r.stdout)")
        }
        #expect(lines.last?.contains("2 finding(s) differ") == true, "\(r.stdout)")
        let chinese = try RxBindBinary.run(["audit", "rerun", "--workspace", h.ws, h.ids[0]])
        #expect(chinese.stdout.contains("工作表 \(sheet)，单元格 \(cell)") && chinese.stdout.contains("第 5 行"), "\(chinese.stdout)")
        let everything = r.stdout + r.stderr + chinese.stdout + chinese.stderr
        for secret in [People.a, People.b, People.c, People.f, People.e, other, People.fifteen(People.b), "13912345678"] {
            #expect(!everything.contains(secret), "no full number on the terminal")
        }
    }

    @Test func rerunSaysFirstWhenAnotherVersionWroteTheRun() throws {
        let h = try History("version")
        let path = h.run(h.ids[0]) + "/manifest.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "\"rule_set\" : \"", with: "\"rule_set\" : \"1999.01-")
        #expect(edited != text)
        try edited.write(toFile: path, atomically: false, encoding: .utf8)
        let r = try RxBindBinary.run(["audit", "rerun", "--workspace", h.ws, h.ids[0]], environment: Self.english)
        #expect(r.status == 65)
        let first = r.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("note: run \(h.ids[0]) was written by") && first.contains("1999.01-"), "\(r.stdout)")
        #expect(r.stdout.contains("triage.xlsx") && r.stdout.contains("identical"), "still compares: \(r.stdout)")
    }

    @Test func rerunKeepsItsOutputsOwnerOnlyWhereAsked() throws {
        let h = try History("keep")
        let kept = h.dir.file("检查 输出")
        let r = try runProgram("/bin/sh", ["-c", "umask 000; exec \"$0\" \"$@\"", RxBindBinary.path, "audit", "rerun",
                                           "--workspace", h.ws, h.ids[1], "--keep", kept], environment: Self.english)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let real = try #require(realpath(kept, nil).map { String(cString: $0) })
        #expect(r.stdout.contains("kept in \(real)"), "says where: \(r.stdout)")
        #expect(snapshot(of: kept) == snapshot(of: h.run(h.ids[1])), "byte-equal to the run's outputs")
        let entries = permissions(under: kept)
        #expect(!entries.isEmpty)
        for e in entries { #expect(e.mode == 0o600, "\(e.path)") }
        let attributes = try FileManager.default.attributesOfItem(atPath: kept)
        #expect(attributes[.posixPermissions] as? Int == 0o700)

        // An existing empty folder is taken; one with anything in it is refused before anything is re-run.
        let empty = h.dir.file("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: false)
        #expect(try RxBindBinary.run(["audit", "rerun", "--workspace", h.ws, h.ids[0], "--keep", empty]).status == 0)
        let full = try RxBindBinary.run(["audit", "rerun", "--workspace", h.ws, h.ids[0], "--keep", kept],
                                        environment: Self.english)
        #expect(full.status == 64)
        #expect(full.stderr.contains("not an empty folder"), "\(full.stderr)")
        let file = try RxBindBinary.run(["audit", "rerun", "--workspace", h.ws, h.ids[0], "--keep", h.dir.file("n1/failures.csv")])
        #expect(file.status == 64)
        // Never inside the records of the workspace, where extra files would be findings of audit verify.
        let inside = try RxBindBinary.run(["audit", "rerun", "--workspace", h.ws, h.ids[0], "--keep", h.run(h.ids[0]) + "/x"],
                                          environment: Self.english)
        #expect(inside.status == 64)
        #expect(inside.stderr.contains("inside the workspace"), "\(inside.stderr)")
        #expect(!FileManager.default.fileExists(atPath: h.run(h.ids[0]) + "/x"))
        #expect(try RxBindBinary.run(["audit", "verify", "--all", "--workspace", h.ws]).status == 0)
    }

    // MARK: helpers

    /// The sheet and cell reference of the first cell (sheet by sheet, row by row) whose text is `value`.
    func firstCell(holding value: String, in path: String) throws -> (String, String)? {
        let reader = try WorkbookReader(path: path)
        for sheet in reader.sheets where sheet.kind == .worksheet {
            var found: String? = nil
            try reader.forEachRow(in: sheet) { row in
                if found == nil, let c = row.cells.first(where: { $0.value.text == value }) {
                    found = String(UnicodeScalar(UInt8(65 + c.column))) + String(row.number)
                }
            }
            if let found { return (sheet.name, found) }
        }
        return nil
    }

    /// Rewrites one part of a workbook, keeping every other part as it was.
    func rewrite(_ path: String, part: String, _ change: (String) -> String) throws {
        let reader = try WorkbookReader(path: path)
        let parts = try reader.partNames.map { name -> (name: String, data: Data) in
            let data = try reader.partData(name)
            return (name, name == part ? Data(change(String(decoding: data, as: UTF8.self)).utf8) : data)
        }
        try FileManager.default.removeItem(atPath: path)
        try makePackage(at: path, binaryParts: parts)
    }
}
