import Foundation
import Spreadsheet
import SpreadsheetReader
import Testing
import TestSupport

/// Switching off Excel's warnings for ranges, and hiding a sheet (Workbook+Warnings.swift).
@Suite struct WarningsTests {
    @Test func numberStoredAsTextIsSwitchedOffForTheColumnsGiven() throws {
        let directory = try TemporaryDirectory("ignore-warnings")
        var workbook = try makeWorkbook(directory)
        let sheet = try workbook.addWorksheet(named: "数据")
        for row in 3...9 { try workbook.write("110101199003071234", sheet: sheet, row: row, column: 3) }
        try workbook.ignore(.numberStoredAsText, rows: 3...9, columns: [3...4, 6...6], sheet: sheet)
        try workbook.ignore(.twoDigitTextYear, rows: 0...0, columns: [0...0], sheet: sheet)
        _ = try workbook.close()
        let xml = try partXML("xl/worksheets/sheet1.xml", of: directory.file("out.xlsx"))
        #expect(xml.contains(#"<ignoredError sqref="D4:E10 G4:G10" numberStoredAsText="1"/>"#), "\(xml)")
        #expect(xml.contains(#"<ignoredError sqref="A1:A1" twoDigitTextYear="1"/>"#), "\(xml)")
    }

    @Test func aSecondCallForTheSameWarningReplacesTheFirst() throws {
        let directory = try TemporaryDirectory("ignore-twice")
        var workbook = try makeWorkbook(directory)
        let sheet = try workbook.addWorksheet(named: "数据")
        try workbook.write("1", sheet: sheet, row: 0, column: 0)
        try workbook.ignore(.numberStoredAsText, rows: 0...0, columns: [0...0], sheet: sheet)
        try workbook.ignore(.numberStoredAsText, rows: 0...1, columns: [1...1], sheet: sheet)
        _ = try workbook.close()
        let xml = try partXML("xl/worksheets/sheet1.xml", of: directory.file("out.xlsx"))
        #expect(xml.contains(#"sqref="B1:B2" numberStoredAsText="1""#))
        #expect(!xml.contains(#"sqref="A1:A1""#))
    }

    @Test func cellsOutsideTheSheetOrNoColumnsAreRefused() throws {
        let directory = try TemporaryDirectory("ignore-bad")
        var workbook = try makeWorkbook(directory)
        let sheet = try workbook.addWorksheet(named: "数据")
        #expect(throws: SpreadsheetError.self) { try workbook.ignore(.numberStoredAsText, rows: 0...1, columns: [], sheet: sheet) }
        #expect(throws: SpreadsheetError.self) {
            try workbook.ignore(.numberStoredAsText, rows: 0...1_048_576, columns: [0...0], sheet: sheet)
        }
        #expect(throws: SpreadsheetError.self) {
            try workbook.ignore(.numberStoredAsText, rows: 0...1, columns: [0...16_384], sheet: sheet)
        }
    }

    @Test func aHiddenSheetIsStillReadAndTheFirstCannotBeHidden() throws {
        let directory = try TemporaryDirectory("hide")
        var workbook = try makeWorkbook(directory)
        let first = try workbook.addWorksheet(named: "表")
        let second = try workbook.addWorksheet(named: "校验")
        try workbook.write("shown", sheet: first, row: 0, column: 0)
        try workbook.write("hidden", sheet: second, row: 0, column: 0)
        #expect(throws: SpreadsheetError.self) { try workbook.hide(sheet: first) }
        try workbook.hide(sheet: second)
        _ = try workbook.close()
        let book = try WorkbookReader(path: directory.file("out.xlsx"))
        #expect(book.sheets.map(\.visibility) == [.visible, .hidden])
        #expect(try readRows(of: directory.file("out.xlsx"), sheet: "校验").first?.value(atColumn: 0)?.text == "hidden")
    }
}
