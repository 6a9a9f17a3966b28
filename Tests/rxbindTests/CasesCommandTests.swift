import Foundation
import Testing
import TestSupport

@Suite struct CasesCommandTests {
    @Test func filtersByStatusClassAndIDInATableOrCSV() throws {
        let dir = try TemporaryDirectory("cases")
        let ws = dir.file("ws")
        let args = try People.nightOne.write(into: dir.file("n1"))
        #expect(try RxBindBinary.run(["run", "--workspace", ws, "--as-of", "2026-11-20", "--province", "江西"] + args).status == 0)

        let all = try RxBindBinary.run(["cases", "--workspace", ws, "--format", "csv"])
        #expect(all.status == 0)
        #expect(all.stdoutBytes.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 with BOM")
        #expect(Set(try csvIDs(all.stdout)) == [People.a, People.b, People.c, People.f])

        let missing = try RxBindBinary.run(["cases", "--workspace", ws, "--class", "MISSING_REGISTRY_RECORD", "--format", "csv"])
        #expect(Set(try csvIDs(missing.stdout)) == [People.a, People.f])

        // --id takes the 15-digit form too.
        let one = try RxBindBinary.run(["cases", "--workspace", ws, "--id", People.fifteen(People.b), "--format", "csv"])
        #expect(try csvIDs(one.stdout) == [People.b])
        #expect(one.stdout.contains("LEGACY_ID_15"))

        let table = try RxBindBinary.run(["cases", "--workspace", ws, "--status", "open"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("共 4 个案例"))
        #expect(table.stdout.hasPrefix("身份证号"), "headings in Chinese: \(table.stdout)")
        let english = try RxBindBinary.run(["cases", "--workspace", ws, "--status", "open"], environment: ["RXBIND_LANG": "en"])
        #expect(english.stdout.hasPrefix("ID") && english.stdout.contains("4 case(s)"), "\(english.stdout)")
        #expect(table.stdout.contains(String(People.a.prefix(6)) + "********" + String(People.a.suffix(4))))
        #expect(!table.stdout.contains(People.a), "the table masks numbers")
        let none = try RxBindBinary.run(["cases", "--workspace", ws, "--status", "resolved"])
        #expect(none.stdout.contains("共 0 个案例"))

        #expect(try RxBindBinary.run(["cases", "--workspace", ws, "--class", "NOPE"]).status == 64)
        #expect(try RxBindBinary.run(["cases", "--workspace", ws, "--id", "12345"]).status == 64)
        let noWorkspace = try RxBindBinary.run(["cases", "--workspace", dir.file("nothing-here")])
        #expect(noWorkspace.status == 64)
        #expect(noWorkspace.stderr.contains("不是 rxbind 工作区") && noWorkspace.stderr.contains("nothing-here"))
    }
}
