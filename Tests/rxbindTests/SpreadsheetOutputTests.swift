import Foundation
import SpreadsheetReader
import Testing
import TestSupport

/// The spreadsheets a run writes, checked by reading what is inside them (SPEC §6 items 1–2).
@Suite struct SpreadsheetOutputTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Fixtures/spec-night"
    static let formColumns = ["seq", "name", "sex", "id_number", "certificate_no", "category", "year", "issued_on", "reason", "remark"]

    /// Runs the reference night into a fresh workspace; returns the run folder.
    static func specRun(_ dir: TemporaryDirectory, files: [String] = ["failures-a.csv", "failures-b.csv"],
                        extra: [String] = []) throws -> String {
        let input = fixture + "/input"
        let r = try RxBindBinary.run(["run", "--workspace", dir.file("ws"), "--certificates", input + "/certificates.csv",
                                      "--registry", input + "/registry.tsv", "--as-of", "2026-11-21",
                                      "--province", "新疆维吾尔自治区"] + extra + files.map { input + "/" + $0 })
        try #require(r.status == 0, "\(r.stderr)")
        return dir.file("ws/runs/" + (try #require(runIDs(dir.file("ws")).first)))
    }

    /// The form's data rows: the consecutive rows after the header row (the first row whose first ten cells are all
    /// text) whose 序号 is a number.
    static func formRows(_ path: String) throws -> (header: [String], rows: [[CellValue]]) {
        let book = try WorkbookReader(path: path)
        var header: [String]? = nil
        var rows: [[CellValue]] = []
        var done = false
        var last = 0
        try book.forEachRow(in: book.sheets[0]) { row in
            guard !done else { return }
            let cells = (0..<10).map { row.value(atColumn: $0) }
            if header == nil {
                if cells.allSatisfy({ $0?.text?.isEmpty == false }) { header = cells.map { $0!.text! }; last = row.number }
                return
            }
            guard row.number == last + 1, case .number = cells[0] else { done = true; return }
            last = row.number
            rows.append(cells.map { $0 ?? .text("", .shared) })
        }
        return (try #require(header), rows)
    }

    static func text(_ v: CellValue) -> String {
        switch v {
        case .text(let s, _): return s
        case .number(let raw, _): return raw
        default: return ""
        }
    }

    static func properties(_ path: String) throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try WorkbookReader(path: path).customProperties().map { ($0.name, $0.value) })
    }

    @Test func theFormCarriesExactlyTheRequestedPairsAsTextWithItsFingerprint() throws {
        let dir = try TemporaryDirectory("form")
        let run = try Self.specRun(dir)
        let path = run + "/addition-request-新疆维吾尔自治区-20261121.xlsx"
        let (header, rows) = try Self.formRows(path)
        #expect(header == ["序号", "姓名", "性别", "身份证号码", "资格证书编号", "资格类别", "取得年度", "签发日期", "申请原因", "备注"])
        let expected = try NightFiles.records(Self.fixture + "/expected/form-rows.csv").map { [$0["id_number"]!, $0["certificate_no"]!] }
        #expect(rows.map { [Self.text($0[3]), Self.text($0[4])] } == expected.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) })
        for (i, row) in rows.enumerated() {
            #expect(row[0] == .number(raw: String(i + 1), value: Double(i + 1)), "序号 is a whole number")
            for c in 1..<10 {
                if case .text(_, let source) = row[c] { #expect(source == .shared) } else { Issue.record("row \(i + 1) column \(c) is not text") }
            }
            let id = Self.text(row[3])
            let sexDigit = Int(String(Array(id)[16]))!
            #expect(Self.text(row[2]) == (sexDigit % 2 == 1 ? "男" : "女"))
        }
        let props = try Self.properties(path)
        let batch = try #require(props["rxbind-batch"])
        #expect(batch == (run as NSString).lastPathComponent)
        #expect(props["rxbind-part"] == "1/1")
        #expect(props["rxbind-columns"] == Self.formColumns.joined(separator: "\t"))
        let text = batch + rows.map { "\n" + $0.map(Self.text).joined(separator: "\t") }.joined()
        #expect(props["rxbind-fingerprint"] == sha256(text))

        let book = try WorkbookReader(path: path)
        let sheetXML = String(decoding: try book.partData(book.sheets[0].part), as: UTF8.self)
        #expect(!sheetXML.contains("inlineStr"))
        #expect(book.partNames.contains("xl/sharedStrings.xml"))
        #expect(sheetXML.contains("orientation=\"landscape\""))
        #expect(sheetXML.contains("paperSize=\"9\""))
        // Fit to one page wide, any number tall: fitToPage with fitToHeight 0 (fitToWidth defaults to 1 and is omitted).
        #expect(sheetXML.contains("fitToPage=\"1\""))
        #expect(sheetXML.contains("fitToHeight=\"0\""))
        #expect(!sheetXML.contains("fitToWidth=") || sheetXML.contains("fitToWidth=\"1\""))
        #expect(book.definedNames.contains { $0.name == "_xlnm.Print_Titles" && $0.formula.contains("$1:$3") })
        let core = try book.coreProperties()
        #expect(core.createdText == "2026-11-21T00:00:00Z")
        #expect(core.creator == "新疆维吾尔自治区")
    }

    @Test func theTriageWorkbookHasItsSheetsChartAndTextCells() throws {
        let dir = try TemporaryDirectory("triage")
        let run = try Self.specRun(dir)
        let book = try WorkbookReader(path: run + "/triage.xlsx")
        #expect(book.sheets.map(\.name) == ["概览", "门户账号问题", "身份信息不一致", "注册系统为15位身份证号", "无执业药师资格",
                                             "注册系统无记录", "15位号码升级清单", "无效行", "警告", "遗留未结", "休眠", "已结案", "已解决",
                                             "趋势"])
        #expect(book.partNames.contains { $0.hasPrefix("xl/charts/chart") })
        #expect(book.partNames.contains("xl/sharedStrings.xml"))
        let cases = try NightFiles.records(run + "/cases.csv")
        let classes = ["PORTAL_ACCOUNT", "IDENTITY_MISMATCH", "LEGACY_ID_15", "NO_QUALIFICATION", "MISSING_REGISTRY_RECORD"]
        for (i, cls) in classes.enumerated() {
            let sheet = book.sheets[i + 1]
            var ids: [String] = []
            // The guidance comes first (once, above the table: TriageWorkbookTests), then the heading row.
            var headingRow: Int? = nil
            try book.forEachRow(in: sheet) { row in
                guard headingRow != nil else {
                    if row.value(atColumn: 0)?.text == "身份证号码" {
                        headingRow = row.number
                        #expect(!row.cells.contains { $0.value.text == "处理指导" }, "\(sheet.name): no guidance column")
                    }
                    return
                }
                guard case .text(let id, .shared) = try #require(row.value(atColumn: 0)) else {
                    Issue.record("an ID in \(sheet.name) is not a shared-string text cell"); return
                }
                ids.append(id)
            }
            let heading = try #require(headingRow, "\(sheet.name) has a heading row")
            #expect(heading > 2, "\(sheet.name): the guidance is above the headings")
            #expect(ids == cases.filter { $0["class"] == cls }.map { $0["id_number"]! }, "\(cls)")
            let xml = String(decoding: try book.partData(sheet.part), as: UTF8.self)
            #expect(xml.contains("ySplit=\"\(heading)\""), "frozen below the heading row")
            #expect(xml.contains("<autoFilter ref=\"A\(heading):"))
            #expect(!xml.contains("inlineStr"))
        }
        var invalid = 0
        try book.forEachRow(in: book.sheets[7]) { _ in invalid += 1 }
        #expect(invalid == 1 + 73)
    }

    @Test func twoRunsOfTheSameNightAreByteIdentical() throws {
        let a = try TemporaryDirectory("same-a"), b = try TemporaryDirectory("same-b")
        let runA = try Self.specRun(a, files: ["failures-b.csv"]), runB = try Self.specRun(b, files: ["failures-b.csv"])
        let names = try FileManager.default.contentsOfDirectory(atPath: runA).sorted()
        #expect(names.contains("triage.xlsx") && names.contains { $0.hasPrefix("addition-request-") })
        #expect(try FileManager.default.contentsOfDirectory(atPath: runB).sorted() == names)
        for n in names {
            #expect(FileManager.default.contents(atPath: runA + "/" + n) == FileManager.default.contents(atPath: runB + "/" + n), "\(n)")
        }
    }

    @Test func anEditedTemplateChangesTheFormWithoutARebuild() throws {
        let dir = try TemporaryDirectory("edited-template")
        let templates = dir.file("templates")
        try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        for f in ["form.yaml", "guidance.yaml"] {
            try FileManager.default.copyItem(atPath: repo + "/templates/" + f, toPath: templates + "/" + f)
        }
        var form = try String(contentsOfFile: templates + "/form.yaml", encoding: .utf8)
        form = form.replacingOccurrences(of: "heading: 资格证书编号", with: "heading: 证书管理号")
        form += "  - label: 备案编号\n    value: 新药监-2026-001\n"
        try form.write(toFile: templates + "/form.yaml", atomically: true, encoding: .utf8)
        let run = try Self.specRun(dir, files: ["failures-b.csv"], extra: ["--templates", templates])
        let path = run + "/addition-request-新疆维吾尔自治区-20261121.xlsx"
        #expect(try Self.formRows(path).header[4] == "证书管理号")
        let book = try WorkbookReader(path: path)
        var texts: [String] = []
        try book.forEachRow(in: book.sheets[0]) { row in texts += row.cells.compactMap { $0.value.text } }
        #expect(texts.contains("备案编号："))
        #expect(texts.contains("新药监-2026-001"))
    }

    @Test func aBatchOverFiveThousandRowsIsSplitIntoNumberedParts() throws {
        let dir = try TemporaryDirectory("parts")
        var night = SmallNight()
        // 2,600 people with two certificates each and 100 with one: 5,300 rows, no case split across parts.
        for i in 0..<2700 {
            let id = validID("360102" + String(format: "%04d%02d%02d", 1960 + i / 336, 1 + i / 28 % 12, 1 + i % 28) + "123")
            let name = "测试" + String(i)
            night.failures.append(People.failure(id, name))
            night.certificates.append(People.certificate(id, name, String(format: "2015%09d", 2 * i)))
            if i < 2600 { night.certificates.append(People.certificate(id, name, String(format: "2015%09d", 2 * i + 1))) }
        }
        let args = try night.write(into: dir.file("night"))
        let r = try RxBindBinary.run(["run", "--workspace", dir.file("ws"), "--as-of", "2026-11-20", "--province", "江西"] + args)
        #expect(r.status == 0, "\(r.stderr)")
        let run = dir.file("ws/runs/" + (try #require(runIDs(dir.file("ws")).first)))
        let forms = try FileManager.default.contentsOfDirectory(atPath: run).filter { $0.hasPrefix("addition-request-") }.sorted()
        #expect(forms == ["addition-request-江西省-20261120-1of2.xlsx", "addition-request-江西省-20261120-2of2.xlsx"])
        var seq = 0
        var seen = Set<String>()
        for (k, f) in forms.enumerated() {
            let rows = try Self.formRows(run + "/" + f).rows
            #expect(rows.count <= 5000)
            #expect(try Self.properties(run + "/" + f)["rxbind-part"] == "\(k + 1)/2")
            let ids = Set(rows.map { Self.text($0[3]) })
            #expect(seen.isDisjoint(with: ids), "a case's rows never straddle two parts")
            seen.formUnion(ids)
            for row in rows { seq += 1; #expect(Self.text(row[0]) == String(seq), "序号 runs on across parts") }
        }
        #expect(seq == 5300)
        // A provincial-size workbook (2,700 cases) is written in standard mode: shared strings, no inline strings.
        let triage = try WorkbookReader(path: run + "/triage.xlsx")
        #expect(triage.partNames.contains("xl/sharedStrings.xml"))
        for sheet in triage.sheets {
            #expect(!String(decoding: try triage.partData(sheet.part), as: UTF8.self).contains("inlineStr"), "\(sheet.name)")
        }
    }

    @Test func aNationalScaleWorkbookIsWrittenInConstantMemoryModeAndSaysSo() throws {
        // 56,000 cases × 9 columns: past the 500,000 cells of standard mode.
        let dir = try TemporaryDirectory("constant-memory")
        var night = SmallNight()
        for i in 0..<56_000 {
            let id = validID(String(format: "%02d0102%04d%02d%02d%03d", [11, 36, 44, 65][i % 4], 1950 + i / 336 % 50,
                                    1 + i / 28 % 12, 1 + i % 28, i / 4 % 1000))
            night.failures.append(People.failure(id, "测试" + String(i)))
        }
        let args = try night.write(into: dir.file("night"))
        let r = try RxBindBinary.run(["run", "--workspace", dir.file("ws"), "--as-of", "2026-11-20", "--province", "江西"] + args)
        #expect(r.status == 0, "\(r.stderr)")
        let run = dir.file("ws/runs/" + (try #require(runIDs(dir.file("ws")).first)))
        let book = try WorkbookReader(path: run + "/triage.xlsx")
        var summary: [String] = []
        try book.forEachRow(in: book.sheets[0]) { row in summary += row.cells.compactMap { $0.value.text } }
        #expect(summary.contains { $0.contains("常量内存模式") }, "the summary sheet says which mode")
        let sheet = try #require(book.sheet(named: "无执业药师资格"))
        #expect(String(decoding: try book.partData(sheet.part), as: UTF8.self).contains("inlineStr"))
        var ids = 0
        var headingRow: Int? = nil
        var guidance: [String] = []
        try book.forEachRow(in: sheet) { row in
            if headingRow == nil {
                if row.value(atColumn: 0)?.text == "身份证号码" { headingRow = row.number }
                guidance += row.cells.compactMap { $0.value.text }
            }
            if case .text(let id, .inline)? = row.value(atColumn: 0), id.count == 18 { ids += 1 }
        }
        #expect(ids == 56_000, "every case, its ID a text cell")
        // The guidance block above the table, written before the headings as constant-memory mode requires.
        let heading = try #require(headingRow)
        #expect(guidance.contains { $0.contains("中国人事考试网") })
        let xml = String(decoding: try book.partData(sheet.part), as: UTF8.self)
        #expect(xml.contains("ySplit=\"\(heading)\""))
        #expect(xml.contains("<autoFilter ref=\"A\(heading):I\(heading + 56_000)\"/>"))
    }

    @Test func libreOfficeReadsEveryIDIntact() throws {
        let dir = try TemporaryDirectory("libreoffice")
        let run = try Self.specRun(dir, files: ["failures-b.csv"])
        let ids = Set(try NightFiles.records(run + "/cases.csv").map { $0["id_number"]! })
        let formIDs = Set(try NightFiles.records(run + "/cases.csv").filter { $0["action"] == "REQUEST_ADDITION" }.map { $0["id_number"]! })
        let out = dir.file("csv")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: run) where file.hasSuffix(".xlsx") {
            // Token 12 = -1: every sheet to its own CSV (LibreOffice ≥ 7.2; its default writes the first sheet only).
            let r = try runProgram("/usr/bin/soffice", ["-env:UserInstallation=file://" + dir.file("lo-profile"), "--headless",
                "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                "--outdir", out, run + "/" + file])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let csvs = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".csv") }
        #expect(csvs.count >= 12, "\(csvs)")
        var found = Set<String>(), formFound = Set<String>()
        for name in csvs {
            let text = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
            #expect(!text.contains("E+17"), "no ID in scientific notation in \(name)")
            let cells = text.split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == "\r" || $0 == "\"" }).map(String.init)
            for c in cells where ids.contains(c) {
                found.insert(c)
                if name.hasPrefix("addition-request") { formFound.insert(c) }
            }
        }
        #expect(found == ids, "every case's ID is intact in the triage workbook")
        #expect(formFound == formIDs, "every requested ID is intact on the form")
    }

    @Test func aFullTemporaryOrOutputFolderExits73WithNoWorkbookVisible() throws {
        let dir = try TemporaryDirectory("full-xlsx")
        var night = SmallNight()
        for i in 0..<2500 {
            let id = validID("360102" + String(format: "%04d%02d%02d", 1960 + i / 336, 1 + i / 28 % 12, 1 + i % 28) + "456")
            night.failures.append(People.failure(id, "测试" + String(i)))
            night.certificates.append(People.certificate(id, "测试" + String(i), String(format: "2016%09d", i)))
        }
        let args = try night.write(into: dir.file("night"))
        let ws = dir.file("ws")
        // 128 KiB (/bin/sh is dash: ulimit -f counts 512-byte blocks) holds the new case store's files (its migrations
        // included) but not the workbooks of 2,500 cases, which are written first. libxlsxwriter reports success for the file it could not
        // finish (STYLE.md, Traps); reading it back is what catches it.
        let r = try runProgram("/bin/sh", ["-c", "ulimit -f 256; exec \"$0\" \"$@\"", RxBindBinary.path, "run",
                                           "--workspace", ws, "--as-of", "2026-11-20", "--province", "江西"] + args)
        #expect(r.status == 73, "\(r.stderr)")
        #expect(r.stderr.contains("无法写") && r.stderr.contains(".staging"), "names the folder it was writing: \(r.stderr)")
        #expect(runIDs(ws).isEmpty)
        let everything = FileManager.default.enumerator(atPath: ws)?.allObjects as? [String] ?? []
        #expect(!everything.contains { $0.hasSuffix(".xlsx") }, "\(everything)")
        // The next run, with room, completes.
        #expect(try RxBindBinary.run(["run", "--workspace", ws, "--as-of", "2026-11-20", "--province", "江西"] + args).status == 0)
    }
}

/// SHA-256 hex with the system's sha256sum (independent of rxbind).
func sha256(_ text: String) -> String {
    let r = try? runProgram("/bin/sh", ["-c", "sha256sum"], stdin: Data(text.utf8))
    return String(r?.stdout.prefix(64) ?? "")
}
