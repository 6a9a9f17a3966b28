import Foundation
import Testing
import TestSupport

/// SPEC §11: the mistakes people and schedulers make — files in the wrong slot, a night run twice, yesterday's
/// export again, overlapping exports — neither corrupt the case history nor reach the centre, and each is said.
@Suite struct OperatorMistakeTests {
    static let english = ["RXBIND_LANG": "en"]

    func run(_ ws: String, _ args: [String], asOf: String, extra: [String] = [],
             environment: [String: String] = [:]) throws -> ProcessResult {
        try RxBindBinary.run(["run", "--workspace", ws, "--as-of", asOf, "--province", "江西"] + extra + args,
                             environment: environment)
    }

    /// The run arguments with the roster, the registry and the failure exports replaced.
    func arguments(certificates: String, registry: String, failures: [String]) -> [String] {
        ["--certificates", certificates, "--registry", registry] + failures
    }

    /// `rxbind cases --format csv`'s id → attempts.
    func attempts(_ ws: String) throws -> [String: String] {
        let r = try RxBindBinary.run(["cases", "--workspace", ws, "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = rows.first.map { $0.map { String($0).replacingOccurrences(of: "\u{FEFF}", with: "") } } ?? []
        let a = try #require(header.firstIndex(of: "attempts"))
        return Dictionary(uniqueKeysWithValues: rows.dropFirst().map { (String($0[0]), String($0[a])) })
    }

    /// Every file of a workspace but SQLite's own shared-memory and log files, which come and go with connections.
    func state(of ws: String) -> [String: Data] { snapshot(of: ws).filter { !$0.key.hasPrefix("rxbind.sqlite-") } }

    // MARK: files in the wrong slot

    @Test func aFileInAnotherRolesSlotIsRefusedNamingWhereItBelongs() throws {
        let dir = try TemporaryDirectory("roles")
        let ws = dir.file("ws")
        let n = try People.nightOne.write(into: dir.file("n1"))
        let (certificates, registry, failures) = (n[1], n[3], n[4])
        // A workspace with a night in it, which no refused run may change.
        #expect(try run(ws, n, asOf: "2026-11-20").status == 0)
        let before = state(of: ws)

        // Tonight's failure export given as --registry (the landed tool wrote a form of bogus rows from it), beside
        // another failure export.
        let tonight = try People.nightTwo.write(into: dir.file("n2"))[4]
        let asRegistry = try run(ws, arguments(certificates: certificates, registry: tonight, failures: [failures]),
                                 asOf: "2026-11-21", environment: Self.english)
        #expect(asRegistry.status == 65)
        #expect(asRegistry.stderr.contains("failures.csv") && asRegistry.stderr.contains("FAILURES.csv")
                && asRegistry.stderr.contains("binding-failure export"), "\(asRegistry.stderr)")

        // The roster given as a failure export: the same bytes twice in one run.
        let rosterTwice = try run(ws, arguments(certificates: certificates, registry: registry, failures: [certificates]),
                                  asOf: "2026-11-21", environment: Self.english)
        #expect(rosterTwice.status == 65)
        #expect(rosterTwice.stderr.contains("same file"), "\(rosterTwice.stderr)")

        // A copy of the roster given as a failure export: it has a certificate number and none of a failure
        // export's own columns.
        try FileManager.default.copyItem(atPath: certificates, toPath: dir.file("roster-copy.csv"))
        try Data("\n".utf8).append(toFile: dir.file("roster-copy.csv"))
        let roster = try run(ws, arguments(certificates: certificates, registry: registry,
                                           failures: [dir.file("roster-copy.csv")]), asOf: "2026-11-21")
        #expect(roster.status == 65)
        #expect(roster.stderr.contains("roster-copy.csv") && roster.stderr.contains("--certificates")
                && roster.stderr.contains("资格证书库"), "\(roster.stderr)")

        // A copy of the registry given as a failure export.
        try FileManager.default.copyItem(atPath: registry, toPath: dir.file("registry-copy.csv"))
        try Data("\n".utf8).append(toFile: dir.file("registry-copy.csv"))
        let reg = try run(ws, arguments(certificates: certificates, registry: registry,
                                        failures: [dir.file("registry-copy.csv")]), asOf: "2026-11-21")
        #expect(reg.status == 65)
        #expect(reg.stderr.contains("registry-copy.csv") && reg.stderr.contains("--registry"), "\(reg.stderr)")

        // The roster and the registry the wrong way round.
        let swapped = try run(ws, arguments(certificates: registry, registry: certificates, failures: [failures]),
                              asOf: "2026-11-21", environment: Self.english)
        #expect(swapped.status == 65)
        #expect(swapped.stderr.contains("did you swap --certificates and --registry?"), "\(swapped.stderr)")
        let swappedZh = try run(ws, arguments(certificates: registry, registry: certificates, failures: [failures]),
                                asOf: "2026-11-21")
        #expect(swappedZh.stderr.contains("弄反"), "\(swappedZh.stderr)")

        // The same failure export twice.
        let twice = try run(ws, arguments(certificates: certificates, registry: registry, failures: [failures, failures]),
                            asOf: "2026-11-21", environment: Self.english)
        #expect(twice.status == 65)
        #expect(twice.stderr.contains("same file"))

        #expect(state(of: ws) == before, "no refused run changed the workspace")
        #expect(runIDs(ws).count == 1)
    }

    // MARK: a night run twice, yesterday's export again, overlapping exports

    /// Night one's people in two exports; the second one's rows in another order and with a repeated attempt.
    func splitNight(into dir: String) throws -> (a: String, b: String, rest: [String]) {
        let n = try People.nightOne.write(into: dir)
        let header = ["姓名", "身份证号", "手机号", "省份", "失败时间", "实名认证级别"]
        let rows = People.nightOne.failures
        let a = try NightFiles.write(dir + "/failures-a.csv", header: header, rows: Array(rows.prefix(2)))
        let b = try NightFiles.write(dir + "/failures-b.csv", header: header,
                                     rows: Array(rows.dropFirst(2)) + [People.failure(People.f, "丁四", at: "2026-11-20 11:00:00")])
        return (a, b, Array(n.prefix(4)))
    }

    @Test func theSameExportsInAnotherOrderAreTheSameRun() throws {
        let dir = try TemporaryDirectory("order")
        let ws = dir.file("ws")
        let (a, b, rest) = try splitNight(into: dir.file("n1"))
        let first = try run(ws, rest + [a, b], asOf: "2026-11-20")
        #expect(first.status == 0, "\(first.stderr)")
        let before = snapshot(of: ws)
        let again = try run(ws, rest + [b, a], asOf: "2026-11-20")
        #expect(again.status == 0)
        #expect(printedRunID(again.stdout) == printedRunID(first.stdout))
        #expect(again.stdout.contains("已经存在"), "\(again.stdout)")
        #expect(snapshot(of: ws) == before)
    }

    @Test func yesterdaysExportIsRefusedNamingTheRunAndAllowRepeatCountsItsAttemptsOnce() throws {
        let dir = try TemporaryDirectory("reuse")
        let ws = dir.file("ws")
        let (a, b, rest) = try splitNight(into: dir.file("n1"))
        let first = try run(ws, rest + [a, b], asOf: "2026-11-20")
        let id1 = try #require(printedRunID(first.stdout))
        let single = try attempts(ws)
        #expect(single[People.f] == "2", "two distinct attempts of F")
        let before = state(of: ws)

        // The scheduler runs before tonight's exports arrive: the same files, the next day.
        let reused = try run(ws, rest + [b, a], asOf: "2026-11-21", environment: Self.english)
        #expect(reused.status == 65)
        #expect(reused.stderr.contains(id1) && reused.stderr.contains("2026-11-20") && reused.stderr.contains("--allow-repeat"),
                "\(reused.stderr)")
        #expect(state(of: ws) == before)

        // Accepted on purpose: a run happens, and no case's attempts grow.
        let allowed = try run(ws, rest + [b, a], asOf: "2026-11-21", extra: ["--allow-repeat"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout.contains(id1), "the notice names the earlier run: \(allowed.stdout)")
        #expect(try attempts(ws) == single)
        #expect(runIDs(ws).count == 2)
    }

    @Test func overlappingExportsCountEachAttemptOnce() throws {
        // Night one's export holds rows A; night two's ("the last 7 days") holds A again plus new rows B. Every
        // case's attempts must equal one run over A ∪ B.
        let dir = try TemporaryDirectory("overlap")
        let header = ["姓名", "身份证号", "手机号", "省份", "失败时间", "实名认证级别"]
        let n = try People.nightOne.write(into: dir.file("n"))
        let rest = Array(n.prefix(4))
        let rowsA = People.nightOne.failures
        let rowsB = [People.failure(People.c, "丙三", at: "2026-11-21 09:00:00"),
                     People.failure(People.f, "丁四", at: "2026-11-21 09:00:00"),
                     People.failure(People.e, "戊五", at: "2026-11-21 09:30:00")]
        let night1 = try NightFiles.write(dir.file("night1.csv"), header: header, rows: rowsA)
        let night2 = try NightFiles.write(dir.file("night2.csv"), header: header, rows: rowsB + rowsA)
        let union = try NightFiles.write(dir.file("union.csv"), header: header, rows: rowsA + rowsB)

        let ws = dir.file("ws")
        #expect(try run(ws, rest + [night1], asOf: "2026-11-20").status == 0)
        let second = try run(ws, rest + [night2], asOf: "2026-11-21")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("4 行是已经记录过的尝试"), "the overlap is said: \(second.stdout)")

        let once = dir.file("once")
        #expect(try run(once, rest + [union], asOf: "2026-11-21").status == 0)
        #expect(try attempts(ws) == attempts(once))
        #expect(try attempts(ws)[People.c] == "2")
    }

    // MARK: undoing a run

    @Test func revertingTheLatestRunRestoresTheCaseStoreExactlyAndTheNightCanRunAgain() throws {
        let dir = try TemporaryDirectory("revert")
        let one = try People.nightOne.write(into: dir.file("n1"))
        let two = try People.nightTwo.write(into: dir.file("n2"))
        let ws = dir.file("ws"), only = dir.file("only-first")
        let id1 = try #require(printedRunID(try run(ws, one, asOf: "2026-11-20").stdout))
        let id2 = try #require(printedRunID(try run(ws, two, asOf: "2026-11-21").stdout))
        #expect(try run(only, one, asOf: "2026-11-20").status == 0)
        let expected = try RxBindBinary.run(["cases", "--workspace", only, "--format", "csv"]).stdoutBytes

        // An earlier run cannot be reverted while a later one stands.
        let early = try RxBindBinary.run(["revert", "--workspace", ws, id1, "--why", "试一试"])
        #expect(early.status == 64)
        #expect(early.stderr.contains(id2), "names the run after it: \(early.stderr)")
        // A reason is required; an unknown run is a usage error.
        #expect(try RxBindBinary.run(["revert", "--workspace", ws, id2, "--why", "  "]).status == 64)
        #expect(try RxBindBinary.run(["revert", "--workspace", ws, "20991231-deadbeef", "--why", "x"]).status == 64)

        let reverted = try RxBindBinary.run(["revert", "--workspace", ws, id2, "--why", "第二晚的导出给错了"])
        #expect(reverted.status == 0, "\(reverted.stderr)")
        #expect(reverted.stdout.contains(id1), "says which run the next one follows: \(reverted.stdout)")
        #expect(try RxBindBinary.run(["cases", "--workspace", ws, "--format", "csv"]).stdoutBytes == expected)
        #expect(runIDs(ws) == [id1])
        let kept = try FileManager.default.contentsOfDirectory(atPath: ws + "/reverted").sorted()
        #expect(kept == ["1-\(id2)", "1-\(id2).json"])
        let record = try String(contentsOfFile: ws + "/reverted/1-\(id2).json", encoding: .utf8)
        #expect(record.contains("第二晚的导出给错了") && record.contains(id2))
        for e in permissions(under: ws + "/reverted") { #expect(e.mode == (e.isDirectory ? 0o700 : 0o600), "\(e.path)") }

        // The reverted run still verifies as what it was, and says it was reverted.
        let verifyReverted = try RxBindBinary.run(["audit", "verify", "--workspace", ws, id2])
        #expect(verifyReverted.status == 0, "\(verifyReverted.stdout)")
        #expect(verifyReverted.stdout.contains("已撤销"))
        // Reverting it again says it was.
        #expect(try RxBindBinary.run(["revert", "--workspace", ws, id2, "--why", "again"]).status == 64)

        // The night runs again: the same run id, its manifest chained to night one's, and it verifies; the export
        // of the reverted run is not "reused".
        let again = try run(ws, two, asOf: "2026-11-21")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(printedRunID(again.stdout) == id2)
        let verify = try RxBindBinary.run(["audit", "verify", "--workspace", ws, id2])
        #expect(verify.status == 0, "\(verify.stdout)")
        let m1 = try Data(contentsOf: URL(fileURLWithPath: ws + "/runs/\(id1)/manifest.json"))
        #expect(try manifest(ws + "/runs/" + id2)["previous_manifest_sha256"] as? String == Digest.hex(m1))
        // Reverting the first night's run once the second is reverted too leaves an empty history.
        #expect(try RxBindBinary.run(["revert", "--workspace", ws, id2, "--why", "再撤销一次"]).status == 0)
        let first = try RxBindBinary.run(["revert", "--workspace", ws, id1, "--why", "全部重来"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(runIDs(ws).isEmpty)
        let none = try RxBindBinary.run(["cases", "--workspace", ws, "--format", "csv"])
        #expect(none.stdout.split(whereSeparator: \.isNewline).count == 1, "only the header: \(none.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws + "/reverted").count == 6)
    }

    @Test(arguments: ["revert-moved", "revert-commit", "revert-record"])
    func aRevertKilledHalfwayIsUndoneOrFinished(stage: String) throws {
        let dir = try TemporaryDirectory("revert-\(stage)")
        let ws = dir.file("ws")
        let one = try People.nightOne.write(into: dir.file("n1"))
        let two = try People.nightTwo.write(into: dir.file("n2"))
        let id1 = try #require(printedRunID(try run(ws, one, asOf: "2026-11-20").stdout))
        let id2 = try #require(printedRunID(try run(ws, two, asOf: "2026-11-21").stdout))
        let died = try RxBindBinary.run(["revert", "--workspace", ws, id2, "--why", "x"],
                                        environment: ["RXBIND_CRASH_AT": stage])
        #expect(died.status == 137)
        // The next command finds what the kill left: before the commit the run is back, after it the revert is
        // finished.
        #expect(try RxBindBinary.run(["audit", "verify", "--workspace", ws, id1]).status == 0)
        let committed = stage != "revert-moved"
        #expect(runIDs(ws) == (committed ? [id1] : [id1, id2]))
        let staging = (try? FileManager.default.contentsOfDirectory(atPath: ws + "/.staging")) ?? []
        #expect(staging.isEmpty, "\(staging)")
        if committed {
            #expect(try FileManager.default.contentsOfDirectory(atPath: ws + "/reverted").sorted()
                    == ["1-\(id2)", "1-\(id2).json"])
            #expect(try RxBindBinary.run(["audit", "verify", "--workspace", ws, id2]).status == 0)
        } else {
            #expect(try RxBindBinary.run(["revert", "--workspace", ws, id2, "--why", "x"]).status == 0)
        }
        #expect(try run(ws, two, asOf: "2026-11-21").status == 0)
        #expect(try RxBindBinary.run(["audit", "verify", "--workspace", ws, id2]).status == 0)
    }

    // MARK: what the terminal says

    @Test func theTerminalSaysWhatMatters() throws {
        let dir = try TemporaryDirectory("notices")
        var night = People.nightOne
        // Two IDs a spreadsheet destroyed, a row naming another province.
        night.failures.append(["己六", "3.60102198E+17", "13900000000", "江西省", "2026-11-20 10:00:00", "三级"])
        night.failures.append(["庚七", "360102198001011000", "13900000000", "江西省", "2026-11-20 10:00:00", "三级"])
        night.failures.append(People.failure(validID("11010119900307123"), "辛八", at: "2026-11-20 10:00:00")
                              .enumerated().map { $0.offset == 3 ? "北京市" : $0.element })
        night.registry.append(["坏号", "12345", "R-X", "某药房", "注册"])
        let args = try night.write(into: dir.file("n1"))
        let r = try RxBindBinary.run(["run", "--workspace", "ws", "--as-of", "2026-11-20", "--province", "江西"] + args,
                                     in: dir.path, environment: Self.english)
        #expect(r.status == 0, "\(r.stderr)")
        let real = try #require(realpath(dir.path, nil).map { String(cString: $0) })
        #expect(r.stdout.contains("new workspace was created at \(real)/ws"), "\(r.stdout)")
        #expect(r.stdout.contains("2 row(s) have ID numbers a spreadsheet program destroyed")
                && r.stdout.contains("set to text"), "\(r.stdout)")
        #expect(r.stdout.contains("1 row(s) name another province") && r.stdout.contains("警告"), "\(r.stdout)")
        #expect(r.stdout.contains("1 roster or registry row(s)"), "\(r.stdout)")
        let sha = try Digest.hex(Data(contentsOf: URL(fileURLWithPath: dir.file("ws/runs/\(printedRunID(r.stdout)!)/manifest.json"))))
        #expect(r.stdout.split(separator: "\n").last == "manifest.json SHA-256: \(sha)", "the summary ends with it")
        // The second night in the same workspace says nothing about a new one.
        let two = try People.nightTwo.write(into: dir.file("n2"))
        let r2 = try RxBindBinary.run(["run", "--workspace", "ws", "--as-of", "2026-11-21", "--province", "江西"] + two,
                                      in: dir.path, environment: Self.english)
        #expect(r2.status == 0)
        #expect(!r2.stdout.contains("new workspace"))
    }

    @Test func anUnknownEncodingIsAUsageError() throws {
        let dir = try TemporaryDirectory("encoding")
        let args = try People.nightOne.write(into: dir.file("n1"))
        let r = try RxBindBinary.run(["run", "--workspace", dir.file("ws"), "--encoding", "bogus"] + args)
        #expect(r.status == 64)
        #expect(r.stderr.contains("bogus") && r.stderr.contains("gb18030"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("ws")))
    }

    @Test func aMissingArchivedInputMakesTheRerunExit65NamingIt() throws {
        let dir = try TemporaryDirectory("archive-missing")
        let ws = dir.file("ws")
        let args = try People.nightOne.write(into: dir.file("n1"))
        let id = try #require(printedRunID(try run(ws, args, asOf: "2026-11-20").stdout))
        let sha = try Digest.hex(Data(contentsOf: URL(fileURLWithPath: args[3])))
        try FileManager.default.removeItem(atPath: ws + "/archive/\(sha.prefix(2))/\(sha)")
        let r = try RxBindBinary.run(["audit", "rerun", "--workspace", ws, id], environment: Self.english)
        #expect(r.status == 65, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("archive incomplete") && r.stderr.contains("registry.csv"), "\(r.stderr)")
    }
}

extension Data {
    /// Appends to a file.
    func append(toFile path: String) throws {
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? h.close() }
        try h.seekToEnd()
        try h.write(contentsOf: self)
    }
}
