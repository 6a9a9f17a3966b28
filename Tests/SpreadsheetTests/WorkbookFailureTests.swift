import Foundation
import Spreadsheet
import SpreadsheetReader
import Testing
import TestSupport

/// The libxlsxwriter message of the error, or nil for another kind of error.
private func libraryMessage(_ error: SpreadsheetError?) -> String? {
    if case .library(_, let message, _, _, _) = error { return message }
    return nil
}

/// The error closing `workbook` throws; records an issue when it closes without one.
func closeFailure(_ workbook: consuming Workbook, sourceLocation: SourceLocation = #_sourceLocation) -> SpreadsheetError? {
    do {
        _ = try workbook.close()
        Issue.record("close() succeeded", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

private func contents(_ directory: TemporaryDirectory) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
}

@Suite struct UnwritableDestinationTests {
    @Test func aMissingFolderIsALibraryErrorAndLeavesNoFile() throws {
        let directory = try TemporaryDirectory("missing-folder")
        let path = directory.file("missing/out.xlsx")
        var workbook = try Workbook(path: path, options: WorkbookOptions(temporaryDirectory: directory.path),
                                    properties: DocumentProperties(created: sampleCreated))
        let sheet = try workbook.addWorksheet(named: "数据")
        try workbook.write("x", sheet: sheet, row: 0, column: 0)
        let error = closeFailure(workbook)
        #expect(libraryMessage(error) == "Error creating output xlsx file. Usually a permissions error.")
        #expect(error?.path == path)
        if case .library(_, _, _, _, let systemError) = error { #expect(systemError == "No such file or directory") }
        #expect(error?.errorDescription?.contains(path) == true)
        #expect(try contents(directory).isEmpty)
    }

    @Test(arguments: [false, true])
    func aFolderThatIsAFileIsALibraryErrorAndLeavesNoFile(constantMemory: Bool) throws {
        // Root ignores permission bits, so "unwritable" is made with a regular file where the folder should be.
        let directory = try TemporaryDirectory("file-as-folder")
        try Data("x".utf8).write(to: URL(fileURLWithPath: directory.file("taken")))
        let path = directory.file("taken/out.xlsx")
        var workbook = try Workbook(
            path: path, options: WorkbookOptions(temporaryDirectory: directory.path, constantMemory: constantMemory),
            properties: DocumentProperties(created: sampleCreated)
        )
        let sheet = try workbook.addWorksheet(named: "数据")
        try workbook.write("x", sheet: sheet, row: 0, column: 0)
        let error = closeFailure(workbook)
        #expect(libraryMessage(error) == "Error creating output xlsx file. Usually a permissions error.")
        if case .library(_, _, _, _, let systemError) = error { #expect(systemError == "Not a directory") }
        #expect(try contents(directory) == ["taken"])
        #expect(openDescriptors(into: directory.path).isEmpty)
    }

    @Test func aFailedCloseLeavesAnEarlierFileAtThePathAsItWas() throws {
        let directory = try TemporaryDirectory("keep-earlier")
        let path = directory.file("out.xlsx")
        try Data("earlier".utf8).write(to: URL(fileURLWithPath: path))
        var workbook = try Workbook(path: path, options: WorkbookOptions(temporaryDirectory: directory.path),
                                    properties: DocumentProperties(created: sampleCreated))
        _ = try workbook.addWorksheet(named: "数据")
        // Removing the temporary folder makes close fail before libxlsxwriter writes anything.
        let temporary = try TemporaryDirectory("gone")
        var other = try Workbook(path: path, options: WorkbookOptions(temporaryDirectory: temporary.path),
                                 properties: DocumentProperties(created: sampleCreated))
        _ = try other.addWorksheet(named: "数据")
        try FileManager.default.removeItem(atPath: temporary.path)
        let error = closeFailure(other)
        #expect(error == .invalidTemporaryDirectory(directory: temporary.path, reason: "does not exist", path: path))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("earlier".utf8))
        // A successful close replaces it.
        _ = try workbook.close()
        #expect(try WorkbookReader(path: path).sheets.map(\.name) == ["数据"])
    }

    @Test func aMissingTemporaryFolderIsRefusedAtOnce() throws {
        let directory = try TemporaryDirectory("no-temp")
        let error = #expect(throws: SpreadsheetError.self) {
            _ = try Workbook(path: directory.file("out.xlsx"),
                             options: WorkbookOptions(temporaryDirectory: directory.file("nope")),
                             properties: DocumentProperties(created: sampleCreated))
        }
        #expect(error == .invalidTemporaryDirectory(directory: directory.file("nope"), reason: "does not exist",
                                                    path: directory.file("out.xlsx")))
    }
}

@Suite struct DroppedWorkbookTests {
    @Test(arguments: [false, true])
    func aWorkbookNeverClosedWritesNothingAndClosesItsTemporaryFiles(constantMemory: Bool) throws {
        let directory = try TemporaryDirectory("dropped")
        do {
            var workbook = try makeWorkbook(directory, constantMemory: constantMemory)
            let first = try workbook.addWorksheet(named: "一")
            _ = try workbook.addWorksheet(named: "二")
            for row in 0..<2_000 { try workbook.write("110101199003071234", sheet: first, row: row, column: 0) }
            if constantMemory { #expect(openDescriptors(into: directory.path).count == 2) }
        }
        #expect(try contents(directory).isEmpty)
        #expect(openDescriptors(into: directory.path).isEmpty)
    }

    @Test func anEmptyConstantMemorySheetLeavesNoOpenFileAfterClose() throws {
        let directory = try TemporaryDirectory("empty-sheet")
        var workbook = try makeWorkbook(directory, constantMemory: true)
        let sheet = try workbook.addWorksheet(named: "有数据")
        _ = try workbook.addWorksheet(named: "空")
        try workbook.write("x", sheet: sheet, row: 0, column: 0)
        let closed = try workbook.close()
        #expect(closed.sheets.map(\.rowCount) == [1, 0])
        #expect(openDescriptors(into: directory.path).isEmpty)
    }
}

@Suite struct IncompleteFileTests {
    /// STYLE.md, Traps: with its temporary folder full, libxlsxwriter's workbook_close reports success for a file
    /// no reader opens. Close must throw, leave no file, and leave no file open on the full folder (else it
    /// could not be unmounted). Needs root to mount the small tmpfs; skipped otherwise. (Seen here in both
    /// modes: workbook_close returned success, and reading back found a part cut short.)
    @Test(.enabled(if: TinyFileSystem.isAvailable, "mounting a 256 KB tmpfs needs root"),
          arguments: [true, false])
    func aFullTemporaryFolderIsCaughtAndLeavesNothing(constantMemory: Bool) throws {
        let output = try TemporaryDirectory("full-temp")
        let tiny = try TinyFileSystem(kilobytes: 256)
        let path = output.file("big.xlsx")
        let error = #expect(throws: SpreadsheetError.self) {
            try writeStaffSample(to: path, temporaryDirectory: tiny.path, constantMemory: constantMemory,
                                 rowsPerSheet: 20_000)
        }
        switch error {
        case .rowCountMismatch?, .unreadableResult?, .sheetsMismatch?, .library?: break
        default: Issue.record("unexpected error \(String(describing: error))")
        }
        #expect(error?.path == path)
        #expect(error?.errorDescription?.contains(path) == true)
        #expect(try contents(output).isEmpty)
        #expect(openDescriptors(into: tiny.path).isEmpty)
        #expect(tiny.unmount())
    }
}

@Suite struct BadInputTests {
    @Test func aRowAboveTheLastFlushedOneIsRefusedInConstantMemoryMode() throws {
        let directory = try TemporaryDirectory("row-order")
        var workbook = try makeWorkbook(directory, constantMemory: true)
        let sheet = try workbook.addWorksheet(named: "数据")
        try workbook.write("first", sheet: sheet, row: 5, column: 0)
        try workbook.write("same row", sheet: sheet, row: 5, column: 1)
        let error = #expect(throws: SpreadsheetError.self) { try workbook.write("late", sheet: sheet, row: 3, column: 0) }
        #expect(libraryMessage(error) == "Worksheet row or column index out of range.")
        #expect(error?.errorDescription?.contains("cell A4 of sheet “数据”") == true)
        #expect(error?.errorDescription?.contains("late") == false)
        let calls: [(inout Workbook) throws -> Void] = [
            { try $0.write(number: 1, sheet: sheet, row: 4, column: 0) },
            { try $0.setRow(2, sheet: sheet, height: 20) },
            { try $0.mergeCells(sheet: sheet, rows: 4...6, columns: 0...1, text: "title") },
        ]
        for call in calls {
            let error = #expect(throws: SpreadsheetError.self) { try call(&workbook) }
            #expect(libraryMessage(error) == "Worksheet row or column index out of range.")
        }
        let closed = try workbook.close()
        #expect(closed.sheets.first?.rowCount == 1)
    }

    @Test func textLongerThanExcelAllowsIsRefused() throws {
        let directory = try TemporaryDirectory("long-text")
        var workbook = try makeWorkbook(directory)
        let sheet = try workbook.addWorksheet(named: "数据")
        let longest = String(repeating: "药", count: 32_767)
        try workbook.write(longest, sheet: sheet, row: 0, column: 0)
        let calls: [(inout Workbook) throws -> Void] = [
            { try $0.write(longest + "x", sheet: sheet, row: 1, column: 0) },
            { try $0.mergeCells(sheet: sheet, rows: 2...2, columns: 0...3, text: longest + "x") },
        ]
        for call in calls {
            let error = #expect(throws: SpreadsheetError.self) { try call(&workbook) }
            #expect(libraryMessage(error) == "String exceeds Excel's limit of 32,767 characters.")
        }
        _ = try workbook.close()
        #expect(try readRows(of: directory.file("out.xlsx"), sheet: "数据").map { $0.cells.first?.value.text } == [longest])
    }

    @Test(arguments: [
        ("", "is empty"),
        (String(repeating: "表", count: 32), "is longer than Excel's limit of 31 characters"),
        ("a/b", "holds one of the characters [ ] : * ? / \\ that Excel forbids"),
        ("a[1]", "holds one of the characters [ ] : * ? / \\ that Excel forbids"),
        ("what?", "holds one of the characters [ ] : * ? / \\ that Excel forbids"),
        ("'quoted", "starts or ends with an apostrophe"),
        ("tab\there", "holds a control character"),
        ("History", "is reserved by Excel"),
        ("汇总", "is already used by another sheet of the workbook (Excel compares names without case)"),
        ("SUMMARY", "is already used by another sheet of the workbook (Excel compares names without case)"),
    ])
    func badSheetNamesAreRefusedWithTheRuleTheyBreak(name: String, reason: String) throws {
        let directory = try TemporaryDirectory("sheet-names")
        var workbook = try makeWorkbook(directory)
        _ = try workbook.addWorksheet(named: "汇总")
        _ = try workbook.addWorksheet(named: "Summary")
        _ = try workbook.addWorksheet(named: String(repeating: "表", count: 31))
        let error = #expect(throws: SpreadsheetError.self) { _ = try workbook.addWorksheet(named: name) }
        #expect(error == .invalidSheetName(name: name, reason: reason, path: directory.file("out.xlsx")))
    }

    @Test func valuesNoWorkbookCanHoldAreRefused() throws {
        let directory = try TemporaryDirectory("bad-values")
        var workbook = try makeWorkbook(directory)
        let sheet = try workbook.addWorksheet(named: "数据")
        let calls: [(inout Workbook) throws -> Void] = [
            { try $0.write(number: .nan, sheet: sheet, row: 0, column: 0) },
            { try $0.write(number: -.infinity, sheet: sheet, row: 0, column: 0) },
            { try $0.write(integer: Int.max, sheet: sheet, row: 0, column: 0) },
            { try $0.write(date: CalendarDate(year: 2023, month: 2, day: 29), sheet: sheet, row: 0, column: 0) },
            { try $0.write(date: CalendarDate(year: 1899, month: 12, day: 31), sheet: sheet, row: 0, column: 0) },
            { try $0.write(date: Date(timeIntervalSince1970: 1_795_219_200 + 3600), sheet: sheet, row: 0, column: 0) },
            { try $0.write("a\u{0}b", sheet: sheet, row: 0, column: 0) },
            { try $0.write("x", sheet: sheet, row: -1, column: 0) },
            { try $0.write("x", sheet: sheet, row: 1_048_576, column: 0) },
            { try $0.write("x", sheet: sheet, row: 0, column: 16_384) },
            { _ = try $0.format(CellStyle(fontSize: 500)) },
            { _ = try $0.format(CellStyle(numberFormat: String(repeating: "0", count: 128))) },
            { try $0.setColumnWidth(-1, columns: 0...1, sheet: sheet) },
            { try $0.setPageSetup(PageSetup(fitToPagesWide: 0), sheet: sheet) },
            { try $0.insertChart(Chart(kind: .pie, series: []), sheet: sheet, row: 0, column: 0) },
            { try $0.insertChart(Chart(kind: .pie, title: "=A1", series: [
                .init(name: "n", categories: CellRange(sheet: "数据", rows: 0...1, columns: 0...0),
                      values: CellRange(sheet: "数据", rows: 0...1, columns: 1...1)),
            ]), sheet: sheet, row: 0, column: 0) },
            { try $0.insertChart(Chart(kind: .pie, series: [
                .init(name: "n", categories: CellRange(sheet: "没有", rows: 0...1, columns: 0...0),
                      values: CellRange(sheet: "没有", rows: 0...1, columns: 1...1)),
            ]), sheet: sheet, row: 0, column: 0) },
            { try $0.setCustomProperty(name: "p", string: "a\u{0}") },
        ]
        for call in calls {
            let error = #expect(throws: SpreadsheetError.self) { try call(&workbook) }
            guard case .invalidArgument(_, let action, let path)? = error else {
                Issue.record("expected invalidArgument, got \(String(describing: error))")
                continue
            }
            #expect(!action.isEmpty)
            #expect(path == directory.file("out.xlsx"))
        }
        // Limits libxlsxwriter checks itself come back with its code and message.
        let longFooter = #expect(throws: SpreadsheetError.self) {
            try workbook.setPageSetup(PageSetup(footer: String(repeating: "页", count: 256)), sheet: sheet)
        }
        #expect(libraryMessage(longFooter) == "Parameter exceeds Excel's limit of 255 characters.")
        try workbook.setCustomProperty(name: "p", string: "v")
        let twice = #expect(throws: SpreadsheetError.self) { try workbook.setCustomProperty(name: "p", string: "w") }
        #expect(twice == .invalidArgument(reason: "a property of that name was already set",
                                          action: "setting the custom property “p”", path: directory.file("out.xlsx")))
        // None of the refused calls left a row behind.
        #expect(try workbook.close().sheets.first?.rowCount == 0)
    }

    @Test func aCreationDateAtTheEpochIsRefused() throws {
        let directory = try TemporaryDirectory("epoch")
        let error = #expect(throws: SpreadsheetError.self) {
            _ = try Workbook(path: directory.file("out.xlsx"), options: WorkbookOptions(temporaryDirectory: directory.path),
                             properties: DocumentProperties(created: Date(timeIntervalSince1970: 0)))
        }
        guard case .invalidArgument? = error else { Issue.record("got \(String(describing: error))"); return }
    }

    @Test func aWorkbookWithoutSheetsIsNotWritten() throws {
        let directory = try TemporaryDirectory("no-sheets")
        let workbook = try makeWorkbook(directory)
        let error = closeFailure(workbook)
        #expect(error == .noSheets(path: directory.file("out.xlsx")))
        #expect(try contents(directory).isEmpty)
    }
}
