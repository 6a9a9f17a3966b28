import Foundation
import Testing
import TestSupport

/// Disks fill and folders are unwritable: rxbind exits 73, shows no partial run and leaves the workspace as it was.
/// Tests run as root, for whom chmod stops nothing, so they use a file-size limit and a file standing where a folder
/// must be (STYLE.md, Traps).
@Suite struct WriteFailureTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Fixtures/spec-night/input"

    func arguments(_ ws: String) -> [String] {
        ["run", "--workspace", ws, "--as-of", "2026-11-21", "--province", "新疆", "--certificates",
         Self.fixture + "/certificates.csv", "--registry", Self.fixture + "/registry.tsv", Self.fixture + "/failures-b.csv"]
    }

    /// Runs rxbind under `ulimit -f` (/bin/sh is dash: blocks of 512 bytes): writes past the limit fail with EFBIG,
    /// as on a full disk.
    func runLimited(_ blocks: Int, _ args: [String]) throws -> ProcessResult {
        try runProgram("/bin/sh", ["-c", "ulimit -f \(blocks); exec \"$0\" \"$@\"", RxBindBinary.path] + args)
    }

    /// 4 KiB stops the case store itself; 32 KiB lets it and the outputs through and stops the archive copies.
    @Test(arguments: [8, 64])
    func aFullDiskExits73AndLeavesNoRunVisible(blocks: Int) throws {
        let dir = try TemporaryDirectory("full-disk")
        let ws = dir.file("ws")
        // A first night that completes, so the workspace has a state to keep.
        let first = try RxBindBinary.run(["run", "--workspace", ws, "--as-of", "2026-11-20", "--province", "新疆",
                                          "--certificates", Self.fixture + "/certificates.csv", "--registry",
                                          Self.fixture + "/registry.tsv", Self.fixture + "/failures-a.csv"])
        #expect(first.status == 0, "\(first.stderr)")
        // SQLite's own shared-memory and log files come and go; the lock file holds the last holder's name.
        func state() -> [String: Data] {
            snapshot(of: ws).filter { !$0.key.hasPrefix(".staging") && !$0.key.hasPrefix("rxbind.sqlite-") && $0.key != "rxbind.lock" }
        }
        let before = state()
        let r = try runLimited(blocks, arguments(ws))
        #expect(r.status == 73, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("无法写"), "\(r.stderr)")
        #expect(runIDs(ws).count == 1, "no second run is visible")
        let after = state()
        // The archive may keep whole inputs it stored under their hash; nothing else changes.
        #expect(after.filter { !$0.key.hasPrefix("archive/") } == before.filter { !$0.key.hasPrefix("archive/") })
        for (path, bytes) in after where path.hasPrefix("archive/") && !path.hasSuffix("/") {
            #expect(Digest.hex(bytes) == (path as NSString).lastPathComponent || before[path] == bytes, "\(path) is whole")
        }
        // And the next run works.
        let next = try RxBindBinary.run(arguments(ws))
        #expect(next.status == 0, "\(next.stderr)")
        #expect(runIDs(ws).count == 2)
    }

    @Test func aFileWhereAFolderMustBeExits73() throws {
        let dir = try TemporaryDirectory("not-a-folder")
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir.file("blocker")))
        let r = try RxBindBinary.run(arguments(dir.file("blocker/ws")))
        #expect(r.status == 73, "\(r.stderr)")
        #expect(r.stderr.contains("blocker"))

        let ws = dir.file("ws")
        #expect(try RxBindBinary.run(arguments(ws)).status == 0)
        // The runs folder replaced by a file: the next night cannot publish its outputs.
        let runs = ws + "/runs"
        try FileManager.default.moveItem(atPath: runs, toPath: dir.file("runs-moved"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: runs))
        var args = arguments(ws)
        args[4] = "2026-11-22"
        let blocked = try RxBindBinary.run(args)
        #expect(blocked.status == 73, "\(blocked.stderr)")
        #expect(blocked.stderr.contains("runs"))
    }
}

enum Digest {
    /// SHA-256 hex of bytes, with the system's sha256sum (independent of rxbind's own hashing).
    static func hex(_ data: Data) -> String {
        let dir = try! TemporaryDirectory("sha")
        let file = dir.file("f")
        try! data.write(to: URL(fileURLWithPath: file))
        let r = try! runProgram("/usr/bin/sha256sum", [file])
        return String(r.stdout.prefix(64))
    }
}
