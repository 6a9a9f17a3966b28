import Foundation
import Spreadsheet
import SpreadsheetReader
import Testing
import TestSupport

/// A sheet in the style of openpyxl and other libraries: a namespace prefix, rows and cells without `r`,
/// inline strings, rich text with a phonetic run, formula results, errors, booleans, empty cells between
/// filled ones, and XML entities.
private let prefixedSheet = """
    <?xml version="1.0" encoding="UTF-8"?>
    <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
      <x:dimension ref="A1:H5"/>
      <x:sheetData>
        <x:row>
          <x:c t="inlineStr"><x:is><x:t xml:space="preserve"> 前后空格 </x:t></x:is></x:c>
          <x:c><x:v>1.10101199003071E+17</x:v></x:c>
          <x:c t="b"><x:v>1</x:v></x:c>
          <x:c t="b"><x:v>0</x:v></x:c>
        </x:row>
        <x:row r="4" spans="2:8">
          <x:c r="B4" t="e"><x:v>#N/A</x:v></x:c>
          <x:c r="E4" t="s"><x:v>0</x:v></x:c>
          <x:c r="F4" t="str"><x:f>A1&amp;"x"</x:f><x:v>a&lt;b</x:v></x:c>
          <x:c r="G4" s="3"/>
          <x:c r="H4" t="inlineStr"><x:is><x:r><x:t>富</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>文本</x:t></x:r>\
    <x:rPh sb="0" eb="1"><x:t>ふ</x:t></x:rPh></x:is></x:c>
        </x:row>
        <x:row>
          <x:c><x:f>1/2</x:f><x:v>-0.5</x:v></x:c>
          <x:c t="d"><x:v>2026-11-21T00:00:00Z</x:v></x:c>
          <x:c t="s"><x:v>1</x:v></x:c>
          <x:c t="s"><x:v>2</x:v></x:c>
        </x:row>
        <x:row r="7"/>
      </x:sheetData>
    </x:worksheet>
    """

private let richSharedStrings = """
    <?xml version="1.0" encoding="UTF-8"?>
    <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
      <si><r><t>A&amp;B</t></r><r><rPr><b/></rPr><t xml:space="preserve"> &#x20087;&#21307;</t></r>\
    <rPh sb="0" eb="1"><t>ignored</t></rPh><phoneticPr fontId="1"/></si>
      <si><t>_x005F_x0041_ line_x000D_</t></si>
      <si><t/></si>
    </sst>
    """

@Suite struct HandMadePackageTests {
    @Test func everyKindOfCellIsReadFromAnOpenpyxlStyleSheet() throws {
        let directory = try TemporaryDirectory("openpyxl")
        let path = directory.file("other.xlsx")
        // No _rels/.rels: the reader falls back on the conventional xl/workbook.xml.
        try makePackage(at: path, parts: minimalPackage(sheetXML: prefixedSheet, sharedStringsXML: richSharedStrings)
            .filter { $0.name != "_rels/.rels" })
        let reader = try WorkbookReader(path: path)
        #expect(reader.sheets == [SheetInfo(name: "Sheet1", index: 0, part: "xl/worksheets/sheet1.xml",
                                            kind: .worksheet, visibility: .visible)])
        #expect(try reader.rowCount(of: reader.sheets[0]) == 4)
        var rows: [SheetRow] = []
        try reader.forEachRow(in: reader.sheets[0]) { rows.append($0) }
        #expect(rows == [
            SheetRow(number: 1, cells: [
                SheetCell(column: 0, value: .text(" 前后空格 ", .inline)),
                SheetCell(column: 1, value: .number(raw: "1.10101199003071E+17", value: 1.10101199003071e17)),
                SheetCell(column: 2, value: .boolean(true)),
                SheetCell(column: 3, value: .boolean(false)),
            ]),
            SheetRow(number: 4, cells: [
                SheetCell(column: 1, value: .error("#N/A")),
                SheetCell(column: 4, value: .text("A&B 𠂇医", .shared)),
                SheetCell(column: 5, value: .text("a<b", .formulaResult), hasFormula: true),
                SheetCell(column: 7, value: .text("富文本", .inline)),
            ]),
            SheetRow(number: 5, cells: [
                SheetCell(column: 0, value: .number(raw: "-0.5", value: -0.5), hasFormula: true),
                SheetCell(column: 1, value: .date("2026-11-21T00:00:00Z")),
                SheetCell(column: 2, value: .text("_x0041_ line\r", .shared)),
                SheetCell(column: 3, value: .text("", .shared)),
            ]),
            SheetRow(number: 7, cells: []),
        ])
        #expect(rows[1].value(atColumn: 4)?.text == "A&B 𠂇医")
        #expect(rows[1].value(atColumn: 6) == nil)
    }

    @Test func propertiesAreReadInStoredOrderWithTheirTypes() throws {
        let directory = try TemporaryDirectory("properties")
        let path = directory.file("props.xlsx")
        var parts = minimalPackage(sheetXML: "<worksheet><sheetData/></worksheet>")
        parts[0].text = """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="meta/core.xml"/>\
            <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="/meta/custom.xml"/>\
            </Relationships>
            """
        parts.append(("meta/core.xml", """
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>表 &amp; 单</dc:title>\
            <dc:creator>张三</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2026-11-21T08:00:00+08:00\
            </dcterms:created></cp:coreProperties>
            """))
        parts.append(("meta/custom.xml", """
            <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" \
            xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
            <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="z-last"><vt:lpwstr>a&lt;b</vt:lpwstr></property>\
            <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="count"><vt:i4>42</vt:i4></property>\
            <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="4" name="ok"><vt:bool>true</vt:bool></property>\
            <property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="5" name="ratio"><vt:r8>0.25</vt:r8></property>\
            </Properties>
            """))
        try makePackage(at: path, parts: parts)
        let reader = try WorkbookReader(path: path)
        let core = try reader.coreProperties()
        #expect(core.title == "表 & 单")
        #expect(core.creator == "张三")
        #expect(core.createdText == "2026-11-21T08:00:00+08:00")
        #expect(core.created == Date(timeIntervalSince1970: 1_795_219_200))
        #expect(try reader.customProperties() == [
            CustomProperty(name: "z-last", value: "a<b", type: "lpwstr"),
            CustomProperty(name: "count", value: "42", type: "i4"),
            CustomProperty(name: "ok", value: "true", type: "bool"),
            CustomProperty(name: "ratio", value: "0.25", type: "r8"),
        ])
    }

    @Test func aPackageWithoutPropertiesHasEmptyOnes() throws {
        let directory = try TemporaryDirectory("no-properties")
        let path = directory.file("bare.xlsx")
        try makePackage(at: path, parts: minimalPackage(sheetXML: "<worksheet><sheetData/></worksheet>"))
        let reader = try WorkbookReader(path: path)
        #expect(try reader.coreProperties() == CoreProperties())
        #expect(try reader.customProperties().isEmpty)
        #expect(try reader.rowCount(of: reader.sheets[0]) == 0)
    }

    @Test func anErrorThrownByTheRowClosurePassesThroughUnchanged() throws {
        struct Stop: Error, Equatable {}
        let directory = try TemporaryDirectory("stop")
        let path = directory.file("rows.xlsx")
        try makePackage(at: path, parts: minimalPackage(sheetXML: prefixedSheet, sharedStringsXML: richSharedStrings))
        let reader = try WorkbookReader(path: path)
        var seen = 0
        #expect(throws: Stop()) {
            try reader.forEachRow(in: reader.sheets[0]) { _ in
                seen += 1
                if seen == 2 { throw Stop() }
            }
        }
        #expect(seen == 2)
    }
}

@Suite struct WrittenWorkbookTests {
    /// Writes a workbook with every kind of cell the writer offers.
    private func writeSample(_ path: String, temporary: String, constantMemory: Bool) throws {
        var workbook = try Workbook(path: path,
                                    options: WorkbookOptions(temporaryDirectory: temporary, constantMemory: constantMemory),
                                    properties: DocumentProperties(created: Date(timeIntervalSince1970: 1_795_219_200),
                                                                   title: "样例", author: "rxbind"))
        let sheet = try workbook.addWorksheet(named: "样例")
        let text = try workbook.format(CellStyle(border: .thin, numberFormat: "@"))
        try workbook.write("110101199003071234", sheet: sheet, row: 0, column: 0, format: text)
        try workbook.write("𠂇医 & <药>", sheet: sheet, row: 0, column: 2)
        try workbook.write(integer: 7, sheet: sheet, row: 1, column: 0)
        try workbook.write(number: 0.1, sheet: sheet, row: 1, column: 1)
        try workbook.write(boolean: false, sheet: sheet, row: 1, column: 2)
        try workbook.write(date: CalendarDate(year: 2024, month: 1, day: 1), sheet: sheet, row: 3, column: 1)
        try workbook.setCustomProperty(name: "rxbind-batch", string: "20261121-0a1b2c3d")
        _ = try workbook.close()
    }

    private let expectedRows = { (source: TextSource) in [
        SheetRow(number: 1, cells: [
            SheetCell(column: 0, value: .text("110101199003071234", source)),
            SheetCell(column: 2, value: .text("𠂇医 & <药>", source)),
        ]),
        SheetRow(number: 2, cells: [
            SheetCell(column: 0, value: .number(raw: "7", value: 7)),
            SheetCell(column: 1, value: .number(raw: "0.1", value: 0.1)),
            SheetCell(column: 2, value: .boolean(false)),
        ]),
        SheetRow(number: 4, cells: [SheetCell(column: 1, value: .number(raw: "45292", value: 45292))]),
    ] }

    @Test(arguments: [false, true])
    func filesWrittenBySpreadsheetReadBack(constantMemory: Bool) throws {
        let directory = try TemporaryDirectory("written")
        let path = directory.file("sample.xlsx")
        try writeSample(path, temporary: directory.path, constantMemory: constantMemory)
        #expect(try readRows(of: path, sheet: "样例") == expectedRows(constantMemory ? .inline : .shared))
        #expect(try WorkbookReader(path: path).customProperties()
            == [CustomProperty(name: "rxbind-batch", value: "20261121-0a1b2c3d", type: "lpwstr")])
    }

    /// LibreOffice keeps every value, writes shared strings for inline ones, and keeps custom properties.
    @Test func aFileResavedByLibreOfficeReadsTheSame() throws {
        let directory = try TemporaryDirectory("libreoffice")
        try FileManager.default.createDirectory(atPath: directory.file("out"), withIntermediateDirectories: false)
        let path = directory.file("sample.xlsx")
        try writeSample(path, temporary: directory.path, constantMemory: true)
        let resaved = try resaveWithLibreOffice(path, outputDirectory: directory.file("out"))
        // LibreOffice stores a boolean as the formula FALSE() with its cached value, so only values are compared.
        let values = { (rows: [SheetRow]) in rows.map { row in row.cells.map { "\(row.number) \($0.column) \($0.value)" } } }
        let resavedRows = try readRows(of: resaved, sheet: "样例")
        #expect(values(resavedRows) == values(expectedRows(.shared)))
        #expect(resavedRows[1].cells[2].hasFormula)
        let reader = try WorkbookReader(path: resaved)
        #expect(try reader.customProperties().first { $0.name == "rxbind-batch" }?.value == "20261121-0a1b2c3d")
        #expect(try reader.coreProperties().title == "样例")
    }
}
