import Foundation
import SpreadsheetReader
import Testing
import TestSupport

/// `form check` says which rows changed (SPEC §13): forms written by the built binary, edited the way clerks and
/// programs edit them, then checked. The data rows of the reference night's form start at spreadsheet row 4, so
/// row 7 holds 序号 4.
@Suite struct FormCheckLocatingTests {
    func check(_ files: [String], language: String = "en") throws -> ProcessResult {
        try RxBindBinary.run(["form", "check", "--as-of", "2026-11-21"] + files, environment: ["RXBIND_LANG": language])
    }

    func errors(_ r: ProcessResult) -> [String] {
        r.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("  error: ") || $0.hasPrefix("  错误：") }
    }

    /// Debian's openpyxl, as `scripts/deps.sh test` installs it (python3-openpyxl, for /usr/bin/python3).
    static let python = "/usr/bin/python3"

    /// Runs a Python program with the system interpreter and openpyxl.
    static func openpyxl(_ program: String, _ args: [String]) throws {
        let probe = try runProgram(python, ["-c", "import openpyxl"])
        try #require(probe.status == 0, "openpyxl is missing for \(python): apt-get install python3-openpyxl (make test does)")
        let r = try runProgram(python, ["-c", program] + args)
        try #require(r.status == 0, "\(r.stderr)")
    }

    @Test func oneChangedCellIsNamedBySeqSpreadsheetRowAndColumn() throws {
        let dir = try TemporaryDirectory("locate-cell")
        let form = try FormCheckTests.freshForm(dir)
        let edited = dir.file("edited.xlsx")
        try FormCheckTests.edit(form, edited, "set-cell", ["B7", "张冒名"])
        let r = try check([edited])
        #expect(r.status == 65)
        #expect(r.stdout.contains("fingerprint does NOT match — FAILED"), "\(r.stdout)")
        #expect(errors(r) == [
            "  error: the fingerprint does not match: the rows below were changed, added or removed after rxbind wrote the file",
            "  error: No. 4 (row 7) was changed: 姓名 is now “张冒名”",
        ], "\(r.stdout)")
        // The same report in Chinese, the default language.
        let zh = try check([edited], language: "zh")
        #expect(zh.stdout.contains("  错误：序号 4（第 7 行）被改动：姓名现为“张冒名”"), "\(zh.stdout)")

        // A changed ID: its column named, the number masked.
        let id = dir.file("id.xlsx")
        try FormCheckTests.edit(form, id, "set-cell", ["D8", "110101198009159207"])
        let r2 = try check([id])
        #expect(r2.stdout.contains("No. 5 (row 8) was changed: 身份证号码 is now “110101********9207”"), "\(r2.stdout)")
        #expect(!r2.stdout.contains("110101198009159207"))
    }

    @Test func aRemarkTypedIntoADataRowIsAChangedRow() throws {
        let dir = try TemporaryDirectory("locate-remark")
        let form = try FormCheckTests.freshForm(dir)
        let edited = dir.file("edited.xlsx")
        try FormCheckTests.edit(form, edited, "set-cell", ["J10", "已电话核实 13912345678"])
        let r = try check([edited])
        #expect(r.status == 65)
        // The phone number typed into the remark is masked like any phone number on the terminal.
        #expect(r.stdout.contains("No. 7 (row 10) was changed: 备注 is now “已电话核实 139****5678”"), "\(r.stdout)")
        #expect(!r.stdout.contains("13912345678"))
    }

    @Test func oneDeletedRowIsListedAndTheRowsAfterItAreNotBlamed() throws {
        let dir = try TemporaryDirectory("locate-deleted")
        let form = try FormCheckTests.freshForm(dir)
        let edited = dir.file("edited.xlsx")
        try FormCheckTests.edit(form, edited, "delete-row", ["6"])
        let r = try check([edited])
        #expect(r.status == 65)
        #expect(errors(r) == [
            "  error: the fingerprint does not match: the rows below were changed, added or removed after rxbind wrote the file",
            "  error: No. 3 (row 6 as written) was removed",
        ], "\(r.stdout)")
    }

    @Test func anAddedRowIsListedWithItsRow() throws {
        let dir = try TemporaryDirectory("locate-added")
        let form = try FormCheckTests.freshForm(dir)
        let edited = dir.file("edited.xlsx")
        try FormCheckTests.edit(form, edited, "duplicate-row", ["6"])
        let r = try check([edited])
        #expect(r.status == 65)
        #expect(r.stdout.contains("No. 3 (row 7) was added: rxbind did not write it (ID 110101********881X, name 许秀芳)"),
                "\(r.stdout)")
        #expect(r.stdout.contains("appears more than once (edited.xlsx row 6, edited.xlsx row 7)"), "\(r.stdout)")
    }

    @Test func twoSwappedRowsPassWithANote() throws {
        let dir = try TemporaryDirectory("locate-swapped")
        let form = try FormCheckTests.freshForm(dir)
        let edited = dir.file("edited.xlsx")
        try FormCheckTests.edit(form, edited, "swap-rows", ["5", "9"])
        #expect(try SpreadsheetOutputTests.formRows(edited).rows[1][1] == .text("张凤兰", .shared), "the rows did move")
        let r = try check([edited])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(errors(r).isEmpty)
        #expect(r.stdout.contains("(rows re-ordered, data intact) — OK"), "\(r.stdout)")
        #expect(r.stdout.contains("  note: the rows were re-ordered after rxbind wrote the file (2 not where they were written)"),
                "\(r.stdout)")
        // Re-ordered rows are still imported.
        let csv = try RxBindBinary.run(["form", "check", "--as-of", "2026-11-21", "--format", "csv", edited])
        #expect(csv.status == 0)
        #expect(csv.stdout.split(whereSeparator: \.isNewline).count == 1 + (try SpreadsheetOutputTests.formRows(form).rows.count))
    }

    @Test func theSamePartGivenTwiceIsOneFindingNamingBothFiles() throws {
        let dir = try TemporaryDirectory("locate-twice")
        let form = try FormCheckTests.freshForm(dir)
        let again = dir.file("again.xlsx")
        try FileManager.default.copyItem(atPath: form, toPath: again)
        let r = try check([form, again])
        #expect(r.status == 65)
        #expect(errors(r) == ["  error: part 1/1 was given more than once (form.xlsx, again.xlsx): import one copy only"],
                "\(r.stdout)")
        #expect(r.stdout.contains("2 file(s) checked: 2 FAILED"))
        let zh = try check([form, again], language: "zh")
        #expect(zh.stdout.contains("  错误：第 1 部分（共 1 部分）提供了不止一份（form.xlsx、again.xlsx）：只应导入其中一份"),
                "\(zh.stdout)")
    }

    @Test func anIDStoredAsANumberIsNamedByItsCell() throws {
        let dir = try TemporaryDirectory("locate-number")
        let form = try FormCheckTests.freshForm(dir)
        let edited = dir.file("edited.xlsx")
        try FormCheckTests.edit(form, edited, "number-cell", ["D7", "1.10101197901047E+17"])
        let r = try check([edited])
        #expect(r.status == 65)
        #expect(r.stdout.contains("  error: D7, No. 4 (row 7): the ID is stored as a number"), "\(r.stdout)")
        #expect(r.stdout.contains("No. 4 (row 7) was changed: 身份证号码"), "\(r.stdout)")
    }

    @Test func aMissingFingerprintIsSaidTheSameWayInTheHeadingAndTheDetail() throws {
        let dir = try TemporaryDirectory("locate-no-fingerprint")
        let form = try FormCheckTests.freshForm(dir)
        let edited = dir.file("edited.xlsx")
        try FormCheckTests.edit(form, edited, "drop-property", ["rxbind-fingerprint"])
        let r = try check([edited])
        #expect(r.status == 65)
        #expect(r.stdout.contains("fingerprint MISSING — FAILED"), "\(r.stdout)")
        #expect(r.stdout.contains("error: the rxbind-fingerprint property is missing"))
        #expect(!r.stdout.contains("does NOT match") && !r.stdout.contains("does not match"), "\(r.stdout)")
        let zh = try check([edited], language: "zh")
        #expect(zh.stdout.contains("缺少指纹 — 不通过") && zh.stdout.contains("错误：缺少 rxbind-fingerprint 属性"), "\(zh.stdout)")
        #expect(!zh.stdout.contains("指纹不一致"))
    }

    @Test func aFormWithoutDigestsKeepsTheFingerprintVerdict() throws {
        let dir = try TemporaryDirectory("locate-legacy")
        let form = try FormCheckTests.freshForm(dir)
        let legacy = dir.file("legacy.xlsx"), edited = dir.file("edited.xlsx")
        try FormCheckTests.edit(form, legacy, "drop-digests", [])
        #expect(try check([legacy]).status == 0, "a form without digests still passes when nothing changed")
        try FormCheckTests.edit(legacy, edited, "set-cell", ["B7", "张冒名"])
        let r = try check([edited])
        #expect(r.status == 65)
        #expect(errors(r).count == 1, "\(r.stdout)")
        #expect(r.stdout.contains("error: the fingerprint does not match: a data row was changed, added or removed"))
        #expect(r.stdout.contains("carries no row digests"))
    }

    @Test func aFormReSavedByLibreOfficeAndThenEditedIsStillLocated() throws {
        let dir = try TemporaryDirectory("locate-libreoffice")
        let form = try FormCheckTests.freshForm(dir)
        let out = dir.file("resaved")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let resaved = try resaveWithLibreOffice(form, outputDirectory: out)
        let book = try WorkbookReader(path: resaved)
        #expect(book.sheets.first?.name == "添加申请表", "the form stays the first sheet")
        #expect(book.sheets.contains { $0.name == "rxbind校验数据" && $0.visibility != .visible }, "\(book.sheets)")
        #expect(try check([resaved]).status == 0)
        let edited = dir.file("edited.xlsx")
        try FormCheckTests.edit(resaved, edited, "set-cell", ["B7", "张冒名"])
        let r = try check([edited])
        #expect(r.status == 65)
        #expect(r.stdout.contains("No. 4 (row 7) was changed: 姓名 is now “张冒名”"), "\(r.stdout)")
    }

    @Test func aFormReSavedByOpenpyxlPassesAndThenAnEditIsLocated() throws {
        let dir = try TemporaryDirectory("locate-openpyxl")
        let form = try FormCheckTests.freshForm(dir)
        let resaved = dir.file("resaved.xlsx"), edited = dir.file("edited.xlsx")
        // openpyxl 3.0 keeps the hidden sheet but drops every custom property (docProps/custom.xml).
        try Self.openpyxl("import openpyxl, sys\nopenpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])", [form, resaved])
        #expect(try SpreadsheetOutputTests.properties(resaved)["rxbind-fingerprint"] == nil, "openpyxl dropped the properties")
        let r = try check([resaved])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("fingerprint matches — OK"), "\(r.stdout)")
        #expect(r.stdout.contains("note: the file's custom properties (rxbind-batch, rxbind-fingerprint …) are gone"))
        try Self.openpyxl("""
            import openpyxl, sys
            book = openpyxl.load_workbook(sys.argv[1])
            book['添加申请表']['B7'] = '张冒名'
            book.save(sys.argv[2])
            """, [resaved, edited])
        let r2 = try check([edited])
        #expect(r2.status == 65)
        #expect(r2.stdout.contains("No. 4 (row 7) was changed: 姓名 is now “张冒名”"), "\(r2.stdout)")
        #expect(r2.stdout.contains("batch 20261121-"), "the batch comes from the digest sheet")
    }
}
