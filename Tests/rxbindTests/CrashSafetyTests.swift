import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Crash safety, one run at a time, and the audit trail (SPEC §5, §6 item 5).
@Suite(.serialized) struct CrashSafetyTests {
    /// A night big enough for a run to take a few seconds in a debug build: `people` failures, a certificate each
    /// for most, a registry record for some.
    static func bigNight(into dir: String, people: Int, seed: Int) throws -> [String] {
        var night = SmallNight()
        night.failures.reserveCapacity(people)
        for i in 0..<people {
            let d = i + seed * 7
            let id = validID(String(format: "%02d0102%04d%02d%02d%03d", [11, 36, 44, 65][i % 4], 1950 + d / 336 % 50,
                                    1 + d / 28 % 12, 1 + d % 28, i / 4 % 1000))
            let name = "测试" + String(i)
            night.failures.append(People.failure(id, i % 10 == 0 ? name + "甲" : name))
            if i % 5 != 0 { night.certificates.append(People.certificate(id, name, String(format: "20%011d", i))) }
            if i % 3 == 0 { night.registry.append([name, id, "R\(i)", "某药房", "注册"]) }
        }
        return try night.write(into: dir)
    }

    static func integrityCheck(_ workspace: String) throws -> String {
        let r = try runProgram("/usr/bin/env", ["python3", "-c",
            "import sys, sqlite3; print(sqlite3.connect(sys.argv[1]).execute('pragma integrity_check').fetchone()[0])",
            workspace + "/rxbind.sqlite"])
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every visible run is complete and verifies; nothing half-written is under runs/.
    static func checkVisibleRuns(_ ws: String) throws {
        for id in runIDs(ws) {
            let files = try FileManager.default.contentsOfDirectory(atPath: ws + "/runs/" + id)
            #expect(files.contains("manifest.json"), "run \(id) is visible without its manifest")
            let v = try RxBindBinary.run(["audit", "verify", "--workspace", ws, id])
            #expect(v.status == 0, "run \(id) does not verify:\n\(v.stdout)\(v.stderr)")
        }
        #expect(try integrityCheck(ws) == "ok")
    }

    @Test func killedAtAnyPointTheWorkspaceIsAsBeforeOrAfterAndTheNextRunWorks() throws {
        let dir = try TemporaryDirectory("kill")
        let ws = dir.file("ws")
        let first = try Self.bigNight(into: dir.file("n0"), people: 400, seed: 0)
        #expect(try RxBindBinary.run(["run", "--workspace", ws, "--as-of", "2026-11-01", "--province", "江西"] + first).status == 0)

        let args = try Self.bigNight(into: dir.file("n1"), people: 6_000, seed: 1)
        // How long a whole run takes, on a copy of the workspace.
        try FileManager.default.copyItem(atPath: ws, toPath: dir.file("timing"))
        let timingStarted = Date()
        let timing = try RxBindBinary.run(["run", "--workspace", dir.file("timing"), "--as-of", "2026-11-02", "--province", "江西"] + args)
        #expect(timing.status == 0, "\(timing.stderr)")
        let duration = Date().timeIntervalSince(timingStarted)
        // A real SIGKILL at each step of a run, aimed: the run waits at the step (RXBIND_PAUSE_AT, a test hook) until
        // the kill arrives, so every window is hit however busy the machine is. Then two kills at random instants of
        // the output phase, where most of a run's time goes.
        let aimed = ["inputs-read", "staged", "archive", "outputs", "commit"]
        for (k, stage) in (aimed + ["random", "random"]).enumerated() {
            let asOf = String(format: "2026-11-%02d", 2 + k)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: RxBindBinary.path)
            // The same export every night, on purpose: the kill is what is under test (SPEC §11's refusal of a
            // reused export is tested on its own).
            p.arguments = ["run", "--workspace", ws, "--as-of", asOf, "--province", "江西", "--allow-repeat"] + args
            let paused = dir.file("paused-\(k)")
            if stage != "random" { p.environment = ProcessInfo.processInfo.environment.merging(
                ["RXBIND_PAUSE_AT": stage, "RXBIND_PAUSE_FILE": paused]) { $1 } }
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            let started = Date()
            try p.run()
            if stage == "random" {
                // Somewhere in the second half of the run, where the outputs are written.
                usleep(useconds_t(duration * Double.random(in: 0.5...0.9) * 1_000_000))
            } else {
                while !FileManager.default.fileExists(atPath: paused) && Date().timeIntervalSince(started) < 300 {
                    usleep(20_000)
                }
                #expect(FileManager.default.fileExists(atPath: paused), "the run never reached \(stage)")
            }
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            // A random kill may come after a quick run finished; an aimed one always lands.
            if stage != "random" { #expect(p.terminationReason == .uncaughtSignal, "\(stage): killed, not finished") }
            try Self.checkVisibleRuns(ws)
            // The next run completes (or finds that the killed one had committed, and reports it).
            let next = try RxBindBinary.run(["run", "--workspace", ws, "--as-of", asOf, "--province", "江西", "--allow-repeat"] + args)
            #expect(next.status == 0, "after a kill at \(stage): \(next.stderr)")
            if stage == "commit" { #expect(next.stdout.contains("已经存在"), "committed before the kill: \(next.stdout)") }
            try Self.checkVisibleRuns(ws)
            #expect(!FileManager.default.fileExists(atPath: ws + "/.staging/" + (printedRunID(next.stdout) ?? "")))
        }
        #expect(runIDs(ws).count == aimed.count + 2 + 1)
    }

    @Test func twoConcurrentRunsOneWaitsItsTurnWithStatus75() throws {
        let dir = try TemporaryDirectory("concurrent")
        let ws = dir.file("ws")
        let first = try Self.bigNight(into: dir.file("n0"), people: 200, seed: 0)
        #expect(try RxBindBinary.run(["run", "--workspace", ws, "--as-of", "2026-11-01", "--province", "江西"] + first).status == 0)
        let a = try Self.bigNight(into: dir.file("a"), people: 6_000, seed: 2)
        let b = try Self.bigNight(into: dir.file("b"), people: 300, seed: 3)

        let p = Process()
        p.executableURL = URL(fileURLWithPath: RxBindBinary.path)
        p.arguments = ["run", "--workspace", ws, "--as-of", "2026-11-02", "--province", "江西"] + a
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait until the first run holds the workspace (its lock file names it).
        var held = false
        for _ in 0..<200 where !held {
            held = ((try? String(contentsOfFile: ws + "/rxbind.lock", encoding: .utf8)) ?? "").contains("pid \(p.processIdentifier),")
            if !held { usleep(20_000) }
        }
        #expect(held)
        let second = try RxBindBinary.run(["run", "--workspace", ws, "--as-of", "2026-11-02", "--province", "江西"] + b)
        #expect(second.status == 75, "\(second.stderr)")
        #expect(second.stderr.contains("pid \(p.processIdentifier),"), "names the holder: \(second.stderr)")
        #expect(second.stderr.range(of: #"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}"#, options: .regularExpression) != nil,
                "and when it started: \(second.stderr)")
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let again = try RxBindBinary.run(["run", "--workspace", ws, "--as-of", "2026-11-02", "--province", "江西"] + b)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(runIDs(ws).count == 3)
        try Self.checkVisibleRuns(ws)
    }

    @Test func aChangedOutputOrArchivedInputIsNamedAndAnEarlyNightRerunsExactly() throws {
        let dir = try TemporaryDirectory("tamper")
        let ws = dir.file("ws")
        var ids: [String] = []
        for (k, seed) in [4, 5, 6].enumerated() {
            let args = try Self.bigNight(into: dir.file("n\(k)"), people: 300, seed: seed)
            let r = try RxBindBinary.run(["run", "--workspace", ws, "--as-of", "2026-11-0\(k + 1)", "--province", "江西"] + args)
            #expect(r.status == 0, "\(r.stderr)")
            ids.append(try #require(printedRunID(r.stdout)))
        }
        // After two later nights, the first reruns byte for byte from the archive.
        let english = ["RXBIND_LANG": "en"]
        let rerun = try RxBindBinary.run(["audit", "rerun", "--workspace", ws, ids[0]], environment: english)
        #expect(rerun.status == 0, "\(rerun.stdout)\(rerun.stderr)")
        #expect(rerun.stdout.contains("triage.xlsx") && rerun.stdout.contains("identical"))

        // One byte of an output, one byte of an archived input.
        let run = ws + "/runs/" + ids[0]
        try flipByte(run + "/cases.csv", at: 100)
        let manifest = try Data(contentsOf: URL(fileURLWithPath: run + "/manifest.json"))
        let json = try JSONSerialization.jsonObject(with: manifest) as? [String: Any] ?? [:]
        let inputs = json["inputs"] as? [[String: Any]] ?? []
        let registry = try #require(inputs.first { $0["role"] as? String == "registry" })
        let sha = try #require(registry["sha256"] as? String)
        let archived = ws + "/archive/" + sha.prefix(2) + "/" + sha
        chmod(archived, 0o600)
        try flipByte(archived, at: 10)
        let v = try RxBindBinary.run(["audit", "verify", "--workspace", ws, ids[0]], environment: english)
        #expect(v.status == 65)
        let bad = v.stdout.split(whereSeparator: \.isNewline).filter { $0.contains(" MISMATCH ") }.map(String.init)
        #expect(bad.count == 2, "\(v.stdout)")
        #expect(bad.contains { $0.hasPrefix("cases.csv") })
        #expect(bad.contains { $0.hasPrefix("input registry.csv") })
        #expect(try RxBindBinary.run(["audit", "verify", "--workspace", ws, ids[1]]).status == 0, "other runs still verify")

        // An output edited together with its own manifest still breaks the next run's link.
        let m2 = ws + "/runs/" + ids[1] + "/manifest.json"
        chmod(m2, 0o600)
        var text = try String(contentsOfFile: m2, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"cases\" : ", with: "\"cases\" :  ")
        try text.write(toFile: m2, atomically: false, encoding: .utf8)
        let chain = try RxBindBinary.run(["audit", "verify", "--workspace", ws, ids[2]], environment: english)
        #expect(chain.status == 65)
        #expect(chain.stdout.split(separator: "\n").contains { $0.hasPrefix("link to run \(ids[1])") && $0.contains("MISMATCH") },
                "\(chain.stdout)")
        #expect(try RxBindBinary.run(["audit", "verify", "--workspace", ws, "20991231-deadbeef"]).status == 64)
    }

    func flipByte(_ path: String, at offset: Int) throws {
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data[offset] ^= 0x01
        try data.write(to: URL(fileURLWithPath: path))
    }
}

/// The short windows between a run's steps, each hit on purpose (`RXBIND_CRASH_AT`, a test hook).
@Suite struct CrashWindowTests {
    @Test(arguments: ["outputs", "archive", "commit"])
    func dyingBetweenStepsLeavesTheRunAbsentOrWhole(stage: String) throws {
        let dir = try TemporaryDirectory("window-\(stage)")
        let ws = dir.file("ws")
        let one = try People.nightOne.write(into: dir.file("n1"))
        let two = try People.nightTwo.write(into: dir.file("n2"))
        let base = ["run", "--workspace", ws, "--province", "江西"]
        let first = try RxBindBinary.run(base + ["--as-of", "2026-11-20"] + one)
        let id1 = try #require(printedRunID(first.stdout))
        let died = try RxBindBinary.run(base + ["--as-of", "2026-11-21"] + two, environment: ["RXBIND_CRASH_AT": stage])
        #expect(died.status == 137)
        // Right after the crash no partial run is visible.
        #expect(runIDs(ws) == [id1])
        #expect(try CrashSafetyTests.integrityCheck(ws) == "ok")
        // The next command finds what the crash left: a committed run is made visible, an uncommitted one is gone.
        let cases = try RxBindBinary.run(["audit", "verify", "--workspace", ws, id1])
        #expect(cases.status == 0)
        let committed = stage == "commit"
        #expect(runIDs(ws).count == (committed ? 2 : 1))
        let staging = (try? FileManager.default.contentsOfDirectory(atPath: ws + "/.staging")) ?? []
        #expect(staging.isEmpty, "leftovers cleared: \(staging)")
        let again = try RxBindBinary.run(base + ["--as-of", "2026-11-21"] + two)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("已经存在") == committed, "\(again.stdout)")
        #expect(runIDs(ws).count == 2)
        try CrashSafetyTests.checkVisibleRuns(ws)
    }

    @Test(arguments: ["archive", "commit", "retire"])
    func dyingWhileRedoingTheLatestRunKeepsOneWholeVersion(stage: String) throws {
        let dir = try TemporaryDirectory("redo-\(stage)")
        let ws = dir.file("ws")
        let one = try People.nightOne.write(into: dir.file("n1"))
        let base = ["run", "--workspace", ws, "--province", "江西", "--as-of", "2026-11-20"]
        let first = try RxBindBinary.run(base + one)
        let id = try #require(printedRunID(first.stdout))
        let before = snapshot(of: ws + "/runs/" + id)
        let died = try RxBindBinary.run(base + ["--force"] + one, environment: ["RXBIND_CRASH_AT": stage])
        #expect(died.status == 137)
        let verify = try RxBindBinary.run(["audit", "verify", "--workspace", ws, id])
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(snapshot(of: ws + "/runs/" + id) == before, "the redo writes the same bytes, so either version is this")
        try CrashSafetyTests.checkVisibleRuns(ws)
        #expect(try RxBindBinary.run(base + ["--force"] + one).status == 0)
        try CrashSafetyTests.checkVisibleRuns(ws)
    }
}
