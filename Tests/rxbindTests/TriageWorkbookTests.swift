import Foundation
import SpreadsheetReader
import Testing
import TestSupport
@testable import RxBind

/// `triage.xlsx` in the staff's language (SPEC §12), read from the sample nights' workbooks: Chinese labels instead
/// of codes, each class sheet's guidance once above its table, and every sheet set up to print.
@Suite struct TriageWorkbookTests {
    static let repository = URL(fileURLWithPath: SamplesTests.samples).deletingLastPathComponent().path
    static let classCodes = CaseClass.allCases.map(\.code)
    /// Every code the workbook once showed: classes, reasons, flags, actions, invalid-row and warning kinds.
    static let codes = classCodes + Reason.allCases.map(\.code) + Flag.allCases.map(\.code)
        + CaseAction.allCases.map(\.rawValue) + ["ID_TYPE_UNSUPPORTED", "MISSING_NAME"] + IDProblem.allCases.map(\.code)
        + ["UNKNOWN_CERTIFICATE_STATUS", "UNREADABLE_DATE", "OTHER_PROVINCE"]
    static let invalidReasons: [String: InvalidInputRule.Reason] = Dictionary(uniqueKeysWithValues:
        ([.idTypeUnsupported, .missingName] + IDProblem.allCases.map { .id($0) }).map { ($0.code, $0) })

    /// One sheet as a reader sees it: its rows, and the row of its table's headings — the row the print titles
    /// repeat on every page (nil for the summary, which has none).
    struct Sheet {
        let name: String
        let rows: [SheetRow]
        /// The 1-based number of the heading row.
        let headingRow: Int?

        var texts: [String] { rows.flatMap { $0.cells.compactMap(\.value.text) } }
        var headings: [String] {
            guard let h = headingRow, let row = rows.first(where: { $0.number == h }) else { return [] }
            return row.cells.compactMap(\.value.text)
        }
        var dataRows: [SheetRow] { rows.filter { $0.number > (headingRow ?? .max) } }
        func column(_ heading: String) throws -> Int { try #require(headings.firstIndex(of: heading), "\(name): \(heading)") }
        func text(_ row: SheetRow, _ heading: String) throws -> String { row.value(atColumn: try column(heading))?.text ?? "" }
    }

    static func sheets(_ path: String) throws -> [Sheet] {
        let book = try WorkbookReader(path: path)
        return try book.sheets.map { info in
            var rows: [SheetRow] = []
            try book.forEachRow(in: info) { rows.append($0) }
            let titles = book.definedNames.first { $0.name == "_xlnm.Print_Titles" && $0.localSheetIndex == info.index }
            // '门户账号问题'!$6:$6 → 6
            let row = titles.flatMap { $0.formula.split(separator: "$").last.flatMap { Int($0) } }
            return Sheet(name: info.name, rows: rows, headingRow: row)
        }
    }

    /// Runs the sample nights 1…`through` into one workspace in `dir`; returns each night's run folder.
    static func sampleRuns(through last: Int, in dir: TemporaryDirectory) throws -> [String] {
        try (1...last).map { n in try SamplesTests().runNight(n, asOf: "2026-11-2\(n)", workspace: dir.file("ws")) }
    }

    @Test func classSheetsShowChineseLabelsAndTheirGuidanceOnceAboveTheTable() throws {
        let dir = try TemporaryDirectory("triage-labels")
        let run = try Self.sampleRuns(through: 1, in: dir)[0]
        let cases = Dictionary(uniqueKeysWithValues: try NightFiles.records(run + "/cases.csv").map { ($0["id_number"]!, $0) })
        let guidance = try Templates(directory: Self.repository + "/templates").guidance
        let sheets = try Self.sheets(run + "/triage.xlsx")
        var rowsSeen = 0
        for cls in CaseClass.allCases {
            let sheet = try #require(sheets.first { $0.name == cls.workbookLabel })
            let heading = try #require(sheet.headingRow)
            #expect(sheet.headings.first == "身份证号码")
            #expect(sheet.headings.last == "处理动作")
            #expect(!sheet.headings.contains("处理指导"), "no guidance column: the guidance is above the table")
            var reasons = Set<String>(), flags = Set<String>()
            for row in sheet.dataRows {
                let id = try sheet.text(row, "身份证号码")
                let c = try #require(cases[id], "\(cls): \(id) is one of tonight's cases")
                #expect(c["class"] == cls.code)
                let reason = try #require(Reason(rawValue: c["reason"]!))
                let flagCodes = c["flags"]!.split(separator: "|").map { Flag(rawValue: String($0))! }
                #expect(try sheet.text(row, "原因") == reason.workbookLabel)
                #expect(try sheet.text(row, "标记") == flagCodes.map(\.workbookLabel).joined(separator: "、"))
                #expect(try sheet.text(row, "处理动作") == CaseAction(rawValue: c["action"]!)!.workbookLabel)
                reasons.insert(c["reason"]!)
                flags.formUnion(flagCodes.map(\.code))
                rowsSeen += 1
            }
            // The guidance: the class's text once, each present reason's and flag's text once, all above the
            // heading row; nothing the templates say is repeated on the rows.
            let above = sheet.rows.filter { $0.number < heading }.flatMap { $0.cells.compactMap(\.value.text) }
            var expected = [guidance.text(for: cls)]
            expected += Reason.allCases.filter { reasons.contains($0.code) }.compactMap { guidance.text(for: $0) }
            expected += Flag.allCases.filter { flags.contains($0.code) }.compactMap { guidance.text(for: $0) }
            for text in expected {
                #expect(sheet.texts.filter { $0 == text }.count == 1, "\(cls): once: \(text.prefix(20))…")
                #expect(above.contains(text), "\(cls): above the table: \(text.prefix(20))…")
            }
            for flag in Flag.allCases where flags.contains(flag.code) {
                #expect(above.contains("标记：" + flag.workbookLabel), "\(cls): the legend names \(flag)")
            }
            for text in sheet.texts {
                for code in Self.codes { #expect(!text.contains(code), "\(cls): a cell shows \(code): \(text)") }
            }
        }
        #expect(rowsSeen == cases.count, "every case on its class's sheet")
        // The labels, spelt out for two common cases.
        let portal = try #require(sheets.first { $0.name == "门户账号问题" })
        #expect(try portal.dataRows.allSatisfy { try portal.text($0, "原因") == "注册系统记录与门户实名一致" })
        #expect(try portal.dataRows.allSatisfy { try portal.text($0, "处理动作") == "指导药师处理门户账号" })
        #expect(try portal.dataRows.contains { try portal.text($0, "标记") == "二级实名账号" })
    }

    @Test func invalidRowsSayWhyAndWhatToDoInChinese() throws {
        let dir = try TemporaryDirectory("triage-labels")
        let run = try Self.sampleRuns(through: 1, in: dir)[0]
        let expected = try NightFiles.records(run + "/invalid-rows.csv")
        let sheet = try #require(try Self.sheets(run + "/triage.xlsx").first { $0.name == "无效行" })
        #expect(sheet.headings == ["文件", "行号", "原因", "处理办法", "姓名（原值）", "身份证号（原值）"])
        let rows = sheet.dataRows
        try #require(rows.count == expected.count)
        for (row, want) in zip(rows, expected) {
            #expect(try sheet.text(row, "文件") == want["file"])
            #expect(row.value(atColumn: try sheet.column("行号")) == .number(raw: want["line"]!, value: Double(want["line"]!)!))
            let reason = try #require(Self.invalidReasons[want["reason"]!])
            #expect(try sheet.text(row, "原因") == reason.workbookText.label)
            #expect(try sheet.text(row, "处理办法") == reason.workbookText.advice)
        }
        #expect(Set(expected.map { $0["reason"]! }) == Set(Self.invalidReasons.keys), "the sample has every rule-0 reason")
        // What the staff read for a damaged ID and a wrong check digit.
        for (row, want) in zip(rows, expected) where want["reason"] == "ID_MANGLED_BY_SPREADSHEET" {
            #expect(try sheet.text(row, "处理办法") == "在电子表格软件中将该列设为文本后重新导出")
        }
        for (row, want) in zip(rows, expected) where want["reason"] == "ID_CHECKSUM" {
            #expect(try sheet.text(row, "原因") == "18位身份证号的校验码不符")
            #expect(try sheet.text(row, "处理办法").contains("与药师逐位核对身份证号"))
        }
    }

    @Test func theSummaryNamesTheAdditionRequestFormAndTheInputsInChinese() throws {
        let dir = try TemporaryDirectory("triage-labels")
        let run = try Self.sampleRuns(through: 1, in: dir)[0]
        let sheets = try Self.sheets(run + "/triage.xlsx")
        let summary = try #require(sheets.first { $0.name == "概览" })
        let form = try #require(try FileManager.default.contentsOfDirectory(atPath: run).first { $0.hasPrefix("addition-request-") })
        let formRow = try #require(summary.rows.first { $0.value(atColumn: 0)?.text == "添加申请表" })
        #expect(formRow.value(atColumn: 1)?.text == form)
        for sheet in sheets { #expect(!sheet.texts.contains { $0.contains("加注申请表") }, "\(sheet.name)") }
        // The class table: Chinese labels and tonight's counts.
        let cases = try NightFiles.records(run + "/cases.csv")
        for cls in CaseClass.allCases {
            let row = try #require(summary.rows.first { $0.value(atColumn: 0)?.text == cls.workbookLabel }, "\(cls)")
            let n = cases.filter { $0["class"] == cls.code }.count
            #expect(row.value(atColumn: 1) == .number(raw: String(n), value: Double(n)))
            #expect(row.value(atColumn: 2)?.text == cls.workbookText.meaning)
        }
        // The inputs: roles and delimiters in Chinese, in argument order.
        let inputs = summary.rows.drop { $0.value(atColumn: 0)?.text != "角色" }.dropFirst()
        #expect(inputs.map { $0.value(atColumn: 0)?.text } == ["绑定失败导出", "绑定失败导出", "资格证书库（--certificates）", "注册系统快照（--registry）"])
        #expect(inputs.map { $0.value(atColumn: 1)?.text } == ["failures-a.csv", "failures-b.csv", "certificates.csv", "registry.tsv"])
        #expect(inputs.map { $0.value(atColumn: 3)?.text } == ["逗号", "逗号", "逗号", "制表符"])
        for text in summary.texts {
            for code in Self.codes { #expect(!text.contains(code), "the summary shows \(code)") }
        }
    }

    @Test func nightTwoShowsCarriedOverResolvedAndAlreadyRequestedCasesInChinese() throws {
        let dir = try TemporaryDirectory("triage-night-2")
        let runs = try Self.sampleRuns(through: 2, in: dir)
        let first = Dictionary(uniqueKeysWithValues: try NightFiles.records(runs[0] + "/cases.csv").map { ($0["id_number"]!, $0) })
        let sheets = try Self.sheets(runs[1] + "/triage.xlsx")
        let carried = try #require(sheets.first { $0.name == "遗留未结" })
        let resolved = try #require(sheets.first { $0.name == "已解决" })
        #expect(!carried.dataRows.isEmpty && !resolved.dataRows.isEmpty)
        for row in carried.dataRows {
            let was = try #require(first[try carried.text(row, "身份证号码")])
            #expect(try carried.text(row, "类别") == CaseClass(rawValue: was["class"]!)!.workbookLabel)
            #expect(try carried.text(row, "原因") == Reason(rawValue: was["reason"]!)!.workbookLabel)
        }
        for row in resolved.dataRows {
            let was = try #require(first[try resolved.text(row, "身份证号码")])
            #expect(try resolved.text(row, "解决前类别") == CaseClass(rawValue: was["class"]!)!.workbookLabel)
        }
        // Cases requested on night 1: the already-requested text once, above the table; each row its own date.
        let missing = try #require(sheets.first { $0.name == "注册系统无记录" })
        let waiting = try missing.dataRows.filter { try missing.text($0, "处理动作") == "已申请，等待国家中心处理" }
        #expect(!waiting.isEmpty)
        #expect(try waiting.allSatisfy { try missing.text($0, "已申请日期") == "2026-11-21" })
        let note = missing.rows.filter { $0.number < missing.headingRow! }
            .filter { $0.value(atColumn: 0)?.text == "已申请，等待国家中心处理" }
        #expect(note.count == 1)
        #expect(note.first?.value(atColumn: 1)?.text == "已于各行“已申请日期”所示日期报送添加申请，请等待国家中心处理，暂勿重复报送。")
        #expect(!missing.texts.contains { $0.contains("{requested_on}") })
        for sheet in sheets {
            for text in sheet.texts {
                for code in Self.codes { #expect(!text.contains(code), "\(sheet.name) shows \(code): \(text)") }
            }
        }
    }

    @Test func everySheetIsSetUpToPrintOnA4LandscapeOnePageWideItsHeadingsOnEveryPage() throws {
        let dir = try TemporaryDirectory("triage-labels")
        let run = try Self.sampleRuns(through: 1, in: dir)[0]
        let path = run + "/triage.xlsx"
        let book = try WorkbookReader(path: path)
        let sheets = try Self.sheets(path)
        for (info, sheet) in zip(book.sheets, sheets) {
            let xml = String(decoding: try book.partData(info.part), as: UTF8.self)
            #expect(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"), "\(info.name)")
            let setup = try #require(xml.firstMatch(of: /<pageSetup [^>]*\/>/).map { String($0.0) }, "\(info.name)")
            #expect(setup.contains("paperSize=\"9\"") && setup.contains("orientation=\"landscape\""), "\(info.name): \(setup)")
            // One page wide, any number tall: fitToWidth's default is 1, so libxlsxwriter leaves it out.
            #expect(setup.contains("fitToHeight=\"0\""), "\(info.name): \(setup)")
            #expect(!setup.contains("fitToWidth=") || setup.contains("fitToWidth=\"1\""), "\(info.name): \(setup)")
            #expect(xml.contains("&amp;A"), "\(info.name): the footer names the sheet")
            guard info.name != "概览" else {
                #expect(sheet.headingRow == nil, "the summary has no heading row to repeat")
                continue
            }
            let heading = try #require(sheet.headingRow, "\(info.name) repeats its heading row on every page")
            #expect(sheet.headings.count >= 4, "\(info.name): the print titles are the heading row")
            #expect(xml.contains("ySplit=\"\(heading)\""), "\(info.name): frozen below the headings")
            #expect(xml.contains("<autoFilter ref=\"A\(heading):"), "\(info.name): the filter starts at the headings")
        }
    }

    @Test func rowsAreHighEnoughForTheirWrappedText() throws {
        // A lower bound that does not depend on how rxbind estimates: a text `w` columns wide in a cell `c` columns
        // wide takes at least ⌈w / c⌉ lines of 15 points. LibreOffice keeps the heights the file gives.
        let dir = try TemporaryDirectory("triage-labels")
        let run = try Self.sampleRuns(through: 1, in: dir)[0]
        let book = try WorkbookReader(path: run + "/triage.xlsx")
        for info in book.sheets where info.name != "概览" {
            let xml = String(decoding: try book.partData(info.part), as: UTF8.self)
            var widths: [Int: Double] = [:]
            for m in xml.matches(of: /<col min="(\d+)" max="(\d+)" width="([\d.]+)"/) {
                for c in Int(m.1)!...Int(m.2)! { widths[c - 1] = Double(m.3)! }
            }
            var heights: [Int: Double] = [:]
            for m in xml.matches(of: /<row r="(\d+)"[^>]*? ht="([\d.]+)"/) { heights[Int(m.1)!] = Double(m.2)! }
            var spans: [[Int]: Int] = [:]  // [row, first column] → last column of a merged cell (sheets of ≤ 26 columns)
            for m in xml.matches(of: /<mergeCell ref="([A-Z])(\d+):([A-Z])\d+"/) {
                spans[[Int(m.2)!, Int(m.1.unicodeScalars.first!.value) - 65]] = Int(m.3.unicodeScalars.first!.value) - 65
            }
            var checked = 0
            try book.forEachRow(in: info) { row in
                for cell in row.cells {
                    guard let text = cell.value.text, !text.isEmpty else { continue }
                    var width = widths[cell.column] ?? 8.43
                    if let last = spans[[row.number, cell.column]] {
                        width = (cell.column...last).reduce(0) { $0 + (widths[$1] ?? 8.43) }
                    }
                    let columns = text.split(separator: "\n", omittingEmptySubsequences: false)
                        .reduce(0) { $0 + max(1, Int((Double(columnsOf($1)) / width).rounded(.up))) }
                    #expect((heights[row.number] ?? 15) >= 15 * Double(columns) - 0.5,
                            "\(info.name) row \(row.number): \(columns) lines in \(heights[row.number] ?? 15) points")
                    checked += 1
                }
            }
            #expect(checked > 0)
        }
    }
}

/// Columns a text takes: East Asian wide characters two (counted here independently of rxbind).
private func columnsOf(_ s: Substring) -> Int {
    s.unicodeScalars.reduce(0) { n, u in
        let v = u.value
        return n + ((0x2E80...0xA4CF).contains(v) || (0xFF00...0xFF60).contains(v) || (0x20000...0x3FFFD).contains(v) ? 2 : 1)
    }
}
