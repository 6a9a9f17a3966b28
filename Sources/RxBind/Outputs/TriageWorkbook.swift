import Files
import Foundation
import Spreadsheet

/// `triage.xlsx`, the staff workbook (SPEC §6 item 2, §12, §14): a summary, one sheet per class with its guidance
/// once above the table, the 15-digit upgrade worklist, invalid rows with what to do about them, warnings,
/// carried-over, dormant, closed and resolved cases with staff notes, and the trend of the nights.
///
/// The workbook is Chinese whatever the environment (WorkbookLabels.swift); codes stay in the CSV files and the
/// manifest. Every sheet prints: A4 landscape, one page wide, its heading row on every page, the sheet's name and
/// the page number in the footer, and rows of wrapped text as high as their text needs (LibreOffice does not grow
/// them when it opens a file).
///
/// Standard mode (a shared-strings table, which WPS, Numbers and importers need) up to 500,000 cells; above that —
/// a national-scale night — constant-memory mode, said on the summary sheet. Every sheet is written top to bottom,
/// each row once, as constant-memory mode requires.
public struct TriageWorkbook: Sendable {
    /// Above this many cells the workbook is written in constant-memory mode.
    public static let standardModeCellLimit = 500_000

    public let runID: String
    public let asOf: CalendarDate
    public let province: Province?
    public let night: Night
    public let prior: PriorState
    public let outcome: NightOutcome
    public let warnings: [InputWarning]
    public let templatesSHA256: String
    public let formFiles: [String]
    /// The guidance texts (`templates/guidance.yaml`), shown once above each class sheet's table.
    public let guidance: Guidance

    /// Writes the workbook; returns its hash and size. `beforeClosing` runs once every sheet is filled, before the
    /// close (where libxlsxwriter does most of its work, holding the library lock).
    public func write(to path: String, temporaryDirectory: String,
                      beforeClosing: () throws -> Void = {}) throws -> (sha256: String, bytes: Int) {
        let groups = classGroups
        let tables = self.tables
        let cells = groups.reduce(0) { $0 + $1.cellCount }
            + tables.reduce(0) { $0 + ($1.rowCount + 1) * $1.columns.count } + 200 + 20 * prior.trend.count
        let constantMemory = cells > TriageWorkbook.standardModeCellLimit
        var book = try Workbook(
            path: path,
            options: WorkbookOptions(temporaryDirectory: temporaryDirectory, constantMemory: constantMemory,
                                     useZip64: constantMemory, cellLog: Timings.cellLog(for: "triage.xlsx")),
            properties: DocumentProperties(
                created: Date(timeIntervalSince1970: TimeInterval(asOf.daysSinceEpoch) * 86_400),
                title: "绑定失败分诊 \(runID)", subject: "rxbind triage", author: province?.name ?? "rxbind",
                keywords: "rxbind"))
        let formats = try Formats(&book)
        let summary = try writeSummary(into: &book, formats, constantMemory: constantMemory)
        var texts = CaseTexts()
        for group in groups { try writeClassSheet(group, into: &book, formats, &texts) }
        for table in tables { try write(table, into: &book, formats) }
        try writeTrend(into: &book, formats)
        try book.activate(sheet: summary)
        try beforeClosing()
        let closing = Timings.begin("  close \(FileSystem.lastComponent(of: path))")
        _ = try book.close()
        Timings.end(closing)
        return try FileSystem.hash(path)
    }

    /// The formats the sheets share, made once per workbook (libxlsxwriter frees formats only when it closes).
    struct Formats {
        /// The summary's title and each sheet's.
        let title: FormatID
        /// Labels of the summary's facts and counts.
        let bold: FormatID
        /// A table's heading row: filled, boxed, wrapped.
        let heading: FormatID
        /// A value of the summary: text, never a number or a formula.
        let text: FormatID
        /// A value of the summary that may take several lines.
        let wrappedText: FormatID
        /// A table's text cell, boxed, top-aligned; one line.
        let cell: FormatID
        /// A table's text cell that may take several lines.
        let wrappedCell: FormatID
        /// A table's number cell.
        let number: FormatID
        /// The label of a line of guidance above a class sheet's table.
        let guidanceLabel: FormatID
        /// The text of a line of guidance.
        let guidanceText: FormatID

        init(_ book: inout Workbook) throws {
            let line = Color(rgb: 0xBFBFBF)
            title = try book.format(CellStyle(bold: true, fontSize: 14, verticalAlignment: .center))
            bold = try book.format(CellStyle(bold: true, verticalAlignment: .top, wrapsText: true))
            heading = try book.format(CellStyle(bold: true, fillColor: Color(rgb: 0xD9E1F2), border: .thin,
                                                verticalAlignment: .center, wrapsText: true))
            text = try book.format(CellStyle(verticalAlignment: .top, numberFormat: "@"))
            wrappedText = try book.format(CellStyle(verticalAlignment: .top, wrapsText: true, numberFormat: "@"))
            cell = try book.format(CellStyle(border: .thin, borderColor: line, verticalAlignment: .top, numberFormat: "@"))
            wrappedCell = try book.format(CellStyle(border: .thin, borderColor: line, verticalAlignment: .top,
                                                    wrapsText: true, numberFormat: "@"))
            number = try book.format(CellStyle(border: .thin, borderColor: line, verticalAlignment: .top))
            guidanceLabel = try book.format(CellStyle(bold: true, fillColor: Color(rgb: 0xFFF2CC), border: .thin,
                                                      borderColor: line, verticalAlignment: .top, wrapsText: true))
            guidanceText = try book.format(CellStyle(fillColor: Color(rgb: 0xFFF2CC), border: .thin, borderColor: line,
                                                     verticalAlignment: .top, wrapsText: true, numberFormat: "@"))
        }
    }

    /// How every sheet prints: A4 landscape, shrunk to one page wide and as many tall as it takes, the heading row
    /// (when the sheet has one) on every page, the sheet's name and the page number in the footer.
    static func pageSetup(headingRow: Int?) -> PageSetup {
        PageSetup(paper: .a4, orientation: .landscape, fitToPagesWide: 1, repeatedRows: headingRow.map { $0...$0 },
                  margins: .init(left: 0.4, right: 0.4, top: 0.5, bottom: 0.6), footer: "&L&A&R第 &P 页，共 &N 页")
    }

    /// Writes a table's heading row, as high as its longest wrapped heading needs.
    static func writeHeadings(_ headings: [String], widths: [Double], row: Int, sheet: SheetID,
                              into book: inout Workbook, _ f: Formats) throws {
        let lines = zip(headings, widths).map { TextLayout.lineCount($0, columnWidth: $1) }.max() ?? 1
        try book.setRow(row, sheet: sheet, height: TextLayout.rowHeight(lines: lines) + 3)
        for (i, h) in headings.enumerated() { try book.write(h, sheet: sheet, row: row, column: i, format: f.heading) }
    }

    /// Frozen headings, the auto-filter over the heading row and `rows` rows below it, and the page setup.
    static func finishTable(sheet: SheetID, headingRow: Int, rows: Int, columns: Int, into book: inout Workbook) throws {
        try book.freezePanes(sheet: sheet, rows: headingRow + 1)
        try book.setAutoFilter(sheet: sheet, rows: headingRow...(headingRow + rows), columns: 0...(columns - 1))
        try book.setPageSetup(pageSetup(headingRow: headingRow), sheet: sheet)
    }
}
