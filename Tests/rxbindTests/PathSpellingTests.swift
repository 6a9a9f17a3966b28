import Foundation
import Testing
import TestSupport

/// SPEC §11: workspace, template and input paths are what people type. One character (the landed tool crashed with
/// signal 4 on `--workspace w`: Foundation's NSString path functions trap on Linux), a trailing `/`, `./`, spaces,
/// Chinese, absolute, through a symlink — every command works with every spelling.
@Suite struct PathSpellingTests {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/templates"

    /// How the workspace is spelt; `link` goes through a symlink to a folder named `real`.
    static let spellings = ["w", "w/", "./w", "my ws", "工作区/", "ABSOLUTE", "link/ws"]

    @Test(arguments: spellings)
    func everyCommandWorksWithThisSpelling(_ spelling: String) throws {
        let dir = try TemporaryDirectory("paths")
        let cwd = dir.path
        // Inputs with spellings of their own: a one-character name, a spaced Chinese folder, `./`.
        let night = People.nightOne
        try FileManager.default.createDirectory(atPath: dir.file("输入 文件"), withIntermediateDirectories: true)
        _ = try night.write(into: dir.file("输入 文件"))
        try FileManager.default.moveItem(atPath: dir.file("输入 文件/failures.csv"), toPath: dir.file("f"))
        // Templates as a one-character folder given with a trailing slash.
        try FileManager.default.copyItem(atPath: Self.templates, toPath: dir.file("t"))
        try FileManager.default.createDirectory(atPath: dir.file("real"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.file("link"), withDestinationPath: dir.file("real"))

        let ws = spelling == "ABSOLUTE" ? dir.file("abs") : spelling
        func rx(_ arguments: [String]) throws -> ProcessResult {
            try RxBindBinary.run(arguments, in: cwd)
        }
        let run = try rx(["run", "--workspace", ws, "--as-of", "2026-11-20", "--province", "江西", "--templates", "t/",
                          "--certificates", "输入 文件/certificates.csv", "--registry", "./输入 文件/registry.csv", "f"])
        #expect(run.status == 0, "run: \(run.stderr)")
        let id = try #require(printedRunID(run.stdout), "\(run.stdout)")
        let folder = (spelling == "ABSOLUTE" ? ws : cwd + "/" + ws)
        #expect(FileManager.default.fileExists(atPath: folder + "/runs/" + id + "/manifest.json"))

        let cases = try rx(["cases", "--workspace", ws])
        #expect(cases.status == 0, "cases: \(cases.stderr)")
        let verify = try rx(["audit", "verify", "--workspace", ws, id])
        #expect(verify.status == 0, "verify: \(verify.stdout)\(verify.stderr)")
        let rerun = try rx(["audit", "rerun", "--workspace", ws, id])
        #expect(rerun.status == 0, "rerun: \(rerun.stdout)\(rerun.stderr)")
        let runs = try rx(["runs", "--workspace", ws])
        #expect(runs.status == 0 && runs.stdout.contains(id), "runs: \(runs.stdout)\(runs.stderr)")
        let verifyAll = try rx(["audit", "verify", "--all", "--workspace", ws])
        #expect(verifyAll.status == 0, "verify --all: \(verifyAll.stdout)\(verifyAll.stderr)")
        let keep = try rx(["audit", "rerun", "--workspace", ws, id, "--keep", "k/"])
        #expect(keep.status == 0, "rerun --keep: \(keep.stdout)\(keep.stderr)")

        // The form, given by a path through the workspace's spelling, and by a one-character copy.
        let runFolder = (ws.hasSuffix("/") ? ws : ws + "/") + "runs/" + id
        let form = try #require(try FileManager.default.contentsOfDirectory(atPath: folder + "/runs/" + id)
            .first { $0.hasPrefix("addition-request-") })
        try FileManager.default.copyItem(atPath: folder + "/runs/" + id + "/" + form, toPath: dir.file("x"))
        let check = try rx(["form", "check", runFolder + "/" + form])
        #expect(check.status == 0, "form check: \(check.stdout)\(check.stderr)")
        let checkShort = try rx(["form", "check", "x"])
        #expect(checkShort.status == 0, "form check x: \(checkShort.stdout)\(checkShort.stderr)")

        let revert = try rx(["revert", "--workspace", ws, id, "--why", "路径测试"])
        #expect(revert.status == 0, "revert: \(revert.stderr)")
        #expect(runIDs(folder).isEmpty)
        for r in [run, cases, verify, rerun, runs, verifyAll, keep, check, checkShort, revert] {
            #expect(!r.stderr.contains("Fatal error") && r.status != 132, "crashed: \(r.stderr)")
        }
    }
}
