import Foundation
import Testing
import TestSupport

/// SPEC §12: Chinese by default — under a bare environment (cron, systemd) and the C locales too — English with
/// `RXBIND_LANG=en` or an English locale; machine-readable outputs the same in every language.
@Suite struct LanguageTests {
    /// Runs rxbind with exactly this environment (no inherited locale variables), as a scheduler would.
    func rx(_ arguments: [String], _ environment: [String: String]) throws -> ProcessResult {
        var env = ["PATH": "/usr/bin:/bin"]
        for (k, v) in environment { env[k] = v }
        return try runProgram("/usr/bin/env", ["-i"] + env.map { "\($0.key)=\($0.value)" }.sorted() + [RxBindBinary.path] + arguments)
    }

    static let chinese: [[String: String]] = [[:], ["LANG": "C"], ["LANG": "C.UTF-8"], ["LC_ALL": "POSIX"],
                                              ["LANG": "zh_CN.UTF-8"], ["LANG": "en_US.UTF-8", "LC_ALL": "C.UTF-8"],
                                              ["RXBIND_LANG": "zh", "LANG": "en_US.UTF-8"]]
    static let english: [[String: String]] = [["LANG": "en_US.UTF-8"], ["LC_ALL": "en_GB.UTF-8"],
                                              ["LC_MESSAGES": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"],
                                              ["RXBIND_LANG": "en"], ["RXBIND_LANG": "en", "LANG": "zh_CN.UTF-8"]]

    @Test(arguments: chinese)
    func chineseByDefault(_ environment: [String: String]) throws {
        let dir = try TemporaryDirectory("zh")
        let error = try rx(["cases", "--workspace", dir.file("nothing")], environment)
        #expect(error.status == 64)
        #expect(error.stderr.contains("不是 rxbind 工作区"), "\(environment): \(error.stderr)")
        let help = try rx(["run", "--help"], environment)
        #expect(help.stdout.contains("选项：") && help.stdout.contains("工作区文件夹"), "\(environment): \(help.stdout)")
        #expect(!help.stdout.contains("OPTIONS:") && !help.stdout.contains("Show help information"))
        let usage = try rx(["run"], environment)
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("错误：缺少必需的参数 '--workspace <DIR>'"), "\(usage.stderr)")
    }

    @Test(arguments: english)
    func englishWhenAskedFor(_ environment: [String: String]) throws {
        let dir = try TemporaryDirectory("en")
        let error = try rx(["cases", "--workspace", dir.file("nothing")], environment)
        #expect(error.status == 64)
        #expect(error.stderr.contains("is not an rxbind workspace"), "\(environment): \(error.stderr)")
        let help = try rx(["run", "--help"], environment)
        #expect(help.stdout.contains("OPTIONS:") && help.stdout.contains("The workspace folder"), "\(help.stdout)")
        let usage = try rx(["run"], environment)
        #expect(usage.stderr.contains("Error: Missing expected argument '--workspace <DIR>'"), "\(usage.stderr)")
    }

    @Test func machineReadableOutputsDoNotChangeWithTheLanguage() throws {
        let dir = try TemporaryDirectory("machine")
        let args = try People.nightOne.write(into: dir.file("n1"))
        var summaries: [String: String] = [:]
        func night(_ ws: String, _ environment: [String: String]) throws -> String {
            let r = try RxBindBinary.run(["run", "--workspace", dir.file(ws), "--as-of", "2026-11-20", "--province", "江西"] + args,
                                         environment: environment)
            #expect(r.status == 0, "\(r.stderr)")
            summaries[ws] = r.stdout
            return try #require(printedRunID(r.stdout))
        }
        let zh = try night("zh", [:]), en = try night("en", ["RXBIND_LANG": "en"])
        #expect(zh == en)
        // The summary names each class in the staff's language, with the code that cases.csv and --class use, the
        // counts in one column whatever the names' widths.
        let zhLines = try #require(summaries["zh"]).split(separator: "\n").map(String.init)
        let enLines = try #require(summaries["en"]).split(separator: "\n").map(String.init)
        let zhClass = try #require(zhLines.first { $0.hasPrefix("  注册系统无记录（MISSING_REGISTRY_RECORD）") })
        let zhPortal = try #require(zhLines.first { $0.hasPrefix("  门户账号问题（PORTAL_ACCOUNT）") })
        #expect(try #require(enLines.first { $0.hasPrefix("  no registry record (MISSING_REGISTRY_RECORD)") }).count > 0)
        // Where the count starts, in terminal columns (a CJK character takes two).
        func countColumn(_ line: String) -> Int {
            String(line.reversed().drop(while: \.isNumber).reversed())
                .unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
        }
        let classLines = zhLines.filter { $0.hasPrefix("  ") && $0.contains("_") && $0.contains("）  ") }
        #expect(classLines.count == 5, "\(zhLines)")
        #expect(Set(classLines.map(countColumn)).count == 1, "\(classLines)")
        #expect(countColumn(zhClass) == countColumn(zhPortal))
        #expect(!zhLines.contains { $0.hasPrefix("  PORTAL_ACCOUNT") }, "a class shown only by its code")
        // Every output, the workbooks included, is the same bytes.
        #expect(snapshot(of: dir.file("zh/runs/\(zh)")) == snapshot(of: dir.file("en/runs/\(en)")))
        let csvZh = try RxBindBinary.run(["cases", "--workspace", dir.file("zh"), "--format", "csv"])
        let csvEn = try RxBindBinary.run(["cases", "--workspace", dir.file("zh"), "--format", "csv"], environment: ["RXBIND_LANG": "en"])
        #expect(csvZh.stdoutBytes == csvEn.stdoutBytes)
        let idZh = try RxBindBinary.run(["id", "check", "--as-of", "2026-11-20", People.a, "123"])
        let idEn = try RxBindBinary.run(["id", "check", "--as-of", "2026-11-20", People.a, "123"], environment: ["RXBIND_LANG": "en"])
        #expect(idZh.stdout == idEn.stdout && idZh.status == 65 && idEn.status == 65)
    }
}
