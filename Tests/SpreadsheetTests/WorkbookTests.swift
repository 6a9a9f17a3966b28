import Foundation
import Spreadsheet
import SpreadsheetReader
import Testing
import TestSupport

/// A workbook writing `out.xlsx` in `directory`, for tests of single calls.
func makeWorkbook(_ directory: TemporaryDirectory, name: String = "out.xlsx",
                  constantMemory: Bool = false) throws -> Workbook {
    try Workbook(
        path: directory.file(name),
        options: WorkbookOptions(temporaryDirectory: directory.path, constantMemory: constantMemory),
        properties: DocumentProperties(created: sampleCreated)
    )
}

@Suite struct CellTests {
    @Test(arguments: [false, true])
    func anIDNumberIsATextCellNeverANumber(constantMemory: Bool) throws {
        let directory = try TemporaryDirectory("id-text")
        var workbook = try makeWorkbook(directory, constantMemory: constantMemory)
        let sheet = try workbook.addWorksheet(named: "数据")
        try workbook.write("110101199003071234", sheet: sheet, row: 0, column: 0)
        try workbook.write("=SUM(A1:A2)", sheet: sheet, row: 0, column: 1)
        _ = try workbook.close()

        let rows = try readRows(of: directory.file("out.xlsx"), sheet: "数据")
        let source: TextSource = constantMemory ? .inline : .shared
        #expect(rows.first?.cells == [
            SheetCell(column: 0, value: .text("110101199003071234", source), hasFormula: false),
            SheetCell(column: 1, value: .text("=SUM(A1:A2)", source), hasFormula: false),
        ])
        let xml = try partXML("xl/worksheets/sheet1.xml", of: directory.file("out.xlsx"))
        #expect(xml.contains(constantMemory ? #"<c r="A1" t="inlineStr">"# : #"<c r="A1" t="s">"#))
        #expect(!xml.contains("<f>"))
    }

    @Test func everyKindOfCellReadsBackAsWritten() throws {
        let directory = try TemporaryDirectory("kinds")
        var workbook = try makeWorkbook(directory)
        let sheet = try workbook.addWorksheet(named: "数据")
        try workbook.write(number: 3.25, sheet: sheet, row: 0, column: 0)
        try workbook.write(integer: 42, sheet: sheet, row: 0, column: 1)
        try workbook.write(boolean: true, sheet: sheet, row: 0, column: 2)
        try workbook.write(date: CalendarDate(year: 2024, month: 1, day: 1), sheet: sheet, row: 0, column: 3)
        try workbook.write(date: sampleCreated, sheet: sheet, row: 0, column: 4)
        try workbook.write("𠂇 <a&b> \"q\" 'a'", sheet: sheet, row: 1, column: 0)
        try workbook.write("_x0041_ stays as typed", sheet: sheet, row: 1, column: 1)
        try workbook.write("line\u{1}break\r\n", sheet: sheet, row: 1, column: 2)
        _ = try workbook.close()

        let rows = try readRows(of: directory.file("out.xlsx"), sheet: "数据")
        #expect(rows.count == 2)
        #expect(rows[0].cells.map(\.value) == [
            .number(raw: "3.25", value: 3.25), .number(raw: "42", value: 42), .boolean(true),
            .number(raw: "45292", value: 45292), .number(raw: "46347", value: 46347),
        ])
        #expect(rows[1].cells.map(\.value) == [
            .text("𠂇 <a&b> \"q\" 'a'", .shared), .text("_x0041_ stays as typed", .shared),
            .text("line\u{1}break\r\n", .shared),
        ])
        // Dates carry a date number format, so that they show as dates.
        let styles = try partXML("xl/styles.xml", of: directory.file("out.xlsx"))
        #expect(styles.contains(#"formatCode="yyyy-mm-dd""#))
    }

    @Test func anEmptyTextWritesABlankWithAFormatAndNothingWithout() throws {
        let directory = try TemporaryDirectory("empty-text")
        var workbook = try makeWorkbook(directory)
        let sheet = try workbook.addWorksheet(named: "数据")
        let bordered = try workbook.format(CellStyle(border: .thin))
        try workbook.write("", sheet: sheet, row: 0, column: 0)
        try workbook.write("", sheet: sheet, row: 2, column: 0, format: bordered)
        try workbook.writeBlank(sheet: sheet, row: 4, column: 1, format: bordered)
        let closed = try workbook.close()

        #expect(closed.sheets == [ClosedWorkbook.Sheet(name: "数据", rowCount: 2)])
        let rows = try readRows(of: directory.file("out.xlsx"), sheet: "数据")
        #expect(rows.map(\.number) == [3, 5])
        #expect(rows.allSatisfy { $0.cells.isEmpty })
    }

    @Test func rowsWrittenInAnyOrderAreCountedOnce() throws {
        let directory = try TemporaryDirectory("row-order")
        var workbook = try makeWorkbook(directory)
        let sheet = try workbook.addWorksheet(named: "数据")
        for row in [9, 2, 9, 5, 0, 2] {
            try workbook.write("x", sheet: sheet, row: row, column: row % 3)
        }
        try workbook.setRow(7, sheet: sheet, height: 30)
        let closed = try workbook.close()
        #expect(closed.sheets.first?.rowCount == 5)
        #expect(try readRows(of: directory.file("out.xlsx"), sheet: "数据").map(\.number) == [1, 3, 6, 8, 10])
    }

    @Test func anEqualStyleGivesTheSameFormat() throws {
        let directory = try TemporaryDirectory("formats")
        var workbook = try makeWorkbook(directory)
        let sheet = try workbook.addWorksheet(named: "数据")
        let first = try workbook.format(CellStyle(bold: true, border: .thin))
        let second = try workbook.format(CellStyle(bold: true, border: .thin))
        let other = try workbook.format(CellStyle(bold: true, border: .medium))
        #expect(first == second)
        #expect(first != other)
        for row in 0..<100 { try workbook.write("x", sheet: sheet, row: row, column: 0, format: first) }
        try workbook.write("y", sheet: sheet, row: 0, column: 1, format: other)
        _ = try workbook.close()
        // Two formats of ours plus libxlsxwriter's default: one xf each, however many cells use them.
        let styles = try partXML("xl/styles.xml", of: directory.file("out.xlsx"))
        #expect(styles.contains(#"<cellXfs count="3">"#))
    }
}

@Suite struct WorkbookFileTests {
    @Test(arguments: [false, true])
    func theSameContentGivesTheSameBytes(constantMemory: Bool) throws {
        let directory = try TemporaryDirectory("identical")
        try writeFormSample(to: directory.file("a.xlsx"), temporaryDirectory: directory.path,
                            constantMemory: constantMemory)
        try writeStaffSample(to: directory.file("b.xlsx"), temporaryDirectory: directory.path,
                             constantMemory: constantMemory)
        try writeFormSample(to: directory.file("c.xlsx"), temporaryDirectory: directory.path,
                            constantMemory: constantMemory)
        try writeStaffSample(to: directory.file("d.xlsx"), temporaryDirectory: directory.path,
                             constantMemory: constantMemory)
        let bytes = try ["a", "b", "c", "d"].map { try Data(contentsOf: URL(fileURLWithPath: directory.file("\($0).xlsx"))) }
        #expect(bytes[0] == bytes[2])
        #expect(bytes[1] == bytes[3])
        #expect(bytes[0] != bytes[1])
    }

    @Test func theFormPrintsLandscapeOnA4OnePageWideWithRepeatedHeadings() throws {
        let directory = try TemporaryDirectory("print")
        let closed = try writeFormSample(to: directory.file("form.xlsx"), temporaryDirectory: directory.path)
        // Title, header block, headings, 12 data rows, footer: the empty rows between them are not stored.
        #expect(closed.sheets == [ClosedWorkbook.Sheet(name: "添加申请表", rowCount: 1 + 1 + 1 + 12 + 1)])

        let workbookXML = try partXML("xl/workbook.xml", of: closed.path)
        #expect(workbookXML.contains(#"<definedName name="_xlnm.Print_Titles" localSheetId="0">'添加申请表'!$4:$4</definedName>"#))
        let reader = try WorkbookReader(path: closed.path)
        #expect(reader.definedNames == [DefinedName(name: "_xlnm.Print_Titles", localSheetIndex: 0, formula: "'添加申请表'!$4:$4")])

        let sheetXML = try partXML("xl/worksheets/sheet1.xml", of: closed.path)
        #expect(sheetXML.contains(#"<pageSetUpPr fitToPage="1"/>"#))
        // One page wide is Excel's default fitToWidth, which libxlsxwriter (like Excel) leaves out; fitToHeight 0
        // is "as many pages tall as needed".
        #expect(sheetXML.contains(#"<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>"#))
        #expect(sheetXML.contains(#"<printOptions horizontalCentered="1"/>"#))
        #expect(sheetXML.contains(#"<mergeCell ref="A1:E1"/>"#))
        #expect(sheetXML.contains("<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter>"))
    }

    @Test func documentAndCustomPropertiesReadBack() throws {
        let directory = try TemporaryDirectory("properties")
        let closed = try writeFormSample(to: directory.file("form.xlsx"), temporaryDirectory: directory.path)
        let reader = try WorkbookReader(path: closed.path)
        let core = try reader.coreProperties()
        #expect(core.title == "添加申请表")
        #expect(core.creator == "rxbind")
        #expect(core.createdText == "2026-11-21T00:00:00Z")
        #expect(core.created == sampleCreated)
        #expect(try reader.customProperties() == [
            CustomProperty(name: "rxbind-batch", value: "20261121-0a1b2c3d", type: "lpwstr"),
            CustomProperty(name: "rxbind-part", value: "1/1", type: "lpwstr"),
        ])
    }

    @Test(arguments: [Chart.Kind.column, .bar, .pie, .line])
    func theChartIsStoredAndReferenced(kind: Chart.Kind) throws {
        let directory = try TemporaryDirectory("chart")
        let closed = try writeStaffSample(to: directory.file("staff.xlsx"), temporaryDirectory: directory.path,
                                          chart: kind)
        let reader = try WorkbookReader(path: closed.path)
        #expect(reader.partNames.contains("xl/charts/chart1.xml"))
        let chartXML = try partXML("xl/charts/chart1.xml", of: closed.path)
        let plot = switch kind { case .pie: "<c:pieChart>"; case .bar, .column: "<c:barChart>"; case .line: "<c:lineChart>" }
        #expect(chartXML.contains(plot))
        if kind == .bar || kind == .column { #expect(chartXML.contains(kind == .bar ? #"<c:barDir val="bar"/>"# : #"<c:barDir val="col"/>"#)) }
        #expect(chartXML.contains("<c:f>'汇总'!$A$2:$A$4</c:f>"))
        #expect(chartXML.contains("<c:f>'汇总'!$B$2:$B$4</c:f>"))
        #expect(try partXML("xl/worksheets/sheet1.xml", of: closed.path).contains(#"<drawing r:id="rId1"/>"#))
        #expect(try partXML("xl/drawings/_rels/drawing1.xml.rels", of: closed.path).contains(#"Target="../charts/chart1.xml""#))
        #expect(try partXML("[Content_Types].xml", of: closed.path).contains(#"PartName="/xl/charts/chart1.xml""#))
    }

    @Test func theStaffWorkbookHasFrozenHeadingsAndAutoFilters() throws {
        let directory = try TemporaryDirectory("staff")
        let closed = try writeStaffSample(to: directory.file("staff.xlsx"), temporaryDirectory: directory.path)
        #expect(closed.sheets.map(\.name) == ["汇总", "证书未注册", "姓名不符", "身份证号码错误"])
        #expect(closed.sheets.map(\.rowCount) == [4, 21, 21, 21])
        let sheetXML = try partXML("xl/worksheets/sheet2.xml", of: closed.path)
        #expect(sheetXML.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheetXML.contains(#"<autoFilter ref="A1:C21"/>"#))
        #expect(try partXML("xl/workbook.xml", of: closed.path).contains(#"name="_xlnm._FilterDatabase""#))
        let counts = try readRows(of: closed.path, sheet: "汇总").dropFirst().map { $0.value(atColumn: 1) }
        #expect(counts == [.number(raw: "7", value: 7), .number(raw: "14", value: 14), .number(raw: "21", value: 21)])
    }

    @Test func aLargeConstantMemoryWorkbookIsVerifiedRowByRow() throws {
        let directory = try TemporaryDirectory("large")
        let closed = try writeStaffSample(to: directory.file("large.xlsx"), temporaryDirectory: directory.path,
                                          constantMemory: true, rowsPerSheet: 20_000)
        #expect(closed.sheets.map(\.rowCount) == [4, 20_001, 20_001, 20_001])
        #expect(closed.byteCount > 0)
        #expect(closed.byteCount == (try FileManager.default.attributesOfItem(atPath: closed.path)[.size] as? Int))
        // Nothing but the file itself is left in the folder: no temporary or staging file.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["large.xlsx"])
        #expect(openDescriptors(into: directory.path).isEmpty)
    }
}
