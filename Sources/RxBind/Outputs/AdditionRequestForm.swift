import Files
import Foundation
import Spreadsheet

/// The addition-request form (添加申请表) for the national pharmacist centre (SPEC §6 item 1).
///
/// Written in libxlsxwriter's standard mode — a shared-strings table — because WPS, Apple Numbers and some import
/// libraries fail on the inline strings of constant-memory mode; memory stays bounded because a form holds at most
/// 5,000 data rows and a larger batch is split into numbered parts, a case's rows never straddling two parts.
public enum AdditionRequestForm {
    /// The most data rows one file holds.
    public static let maxRowsPerPart = 5_000
    /// The sheet row (from 0) of the first data row: title, header block and headings come before it.
    public static let firstDataRow = 3
    /// Every cell of the form is set in 宋体 (SimSun), the serif face of official Chinese documents, which WPS and
    /// Excel on Chinese Windows have (SPEC §12); LibreOffice substitutes a CJK face where it is missing.
    public static let fontName = "宋体"

    /// The field keys in form order: the `rxbind-columns` custom property, tab-separated.
    public static var columnKeys: String { FormField.allCases.map(\.rawValue).joined(separator: "\t") }

    /// One file of a batch.
    public struct Part: Sendable {
        /// 1-based part number and the number of parts.
        public let number: Int, count: Int
        public let rows: [FormRow]
        public let fileName: String
        /// `k/n`, the `rxbind-part` property.
        public var label: String { "\(number)/\(count)" }
        /// 第 k 部分（共 n 部分）, as the header block shows it.
        public var displayLabel: String { "第 \(number) 部分（共 \(count) 部分）" }
    }

    /// Splits the batch into parts of at most `limit` rows without splitting a case.
    public static func parts(_ rows: [FormRow], province: Province, asOf: CalendarDate,
                             limit: Int = maxRowsPerPart) -> [Part] {
        guard !rows.isEmpty else { return [] }
        var groups: [[FormRow]] = []
        var current: [FormRow] = []
        var i = 0
        while i < rows.count {
            var j = i
            while j < rows.count && rows[j].id == rows[i].id { j += 1 }
            let caseRows = rows[i..<j]
            if current.count + caseRows.count > limit && !current.isEmpty {
                groups.append(current)
                current = []
            }
            current.append(contentsOf: caseRows)
            i = j
        }
        groups.append(current)
        let base = "addition-request-\(province.name)-\(asOf.compact)"
        return groups.enumerated().map { k, g in
            Part(number: k + 1, count: groups.count, rows: g,
                 fileName: groups.count == 1 ? base + ".xlsx" : base + "-\(k + 1)of\(groups.count).xlsx")
        }
    }

    /// `rxbind-fingerprint`: the lowercase hex SHA-256 of the batch id followed, for each data row, by a line feed
    /// and the row's cells as text joined by tabs (SPEC §6).
    public static func fingerprint(batch: String, rows: [[String]]) -> String {
        var text = batch
        for r in rows { text += "\n" + r.joined(separator: "\t") }
        return Digest.sha256(text)
    }

    /// Writes one part into `directory`; returns its hash and size.
    public static func write(_ part: Part, into directory: String, temporaryDirectory: String, layout: FormLayout,
                             province: Province, runID: String, asOf: CalendarDate) throws -> (sha256: String, bytes: Int) {
        let path = directory + "/" + part.fileName
        let properties = DocumentProperties(
            created: Date(timeIntervalSince1970: TimeInterval(asOf.daysSinceEpoch) * 86_400),
            title: layout.title, subject: "批次 \(runID) \(part.displayLabel)", author: province.name,
            company: layout.applicant(for: province), category: "添加申请表", keywords: "rxbind")
        var book = try Workbook(path: path, options: WorkbookOptions(temporaryDirectory: temporaryDirectory, cellLog: Timings.cellLog(for: part.fileName)),
                                properties: properties)
        let columns = layout.columns.count
        let lastColumn = columns - 1
        let sheet = try book.addWorksheet(named: "添加申请表")

        let font = fontName
        let title = try book.format(CellStyle(bold: true, fontSize: 16, fontName: font, horizontalAlignment: .center,
                                              verticalAlignment: .center))
        let value = try book.format(CellStyle(fontName: font, horizontalAlignment: .left, verticalAlignment: .center,
                                              numberFormat: "@"))
        let heading = try book.format(CellStyle(bold: true, fontName: font, fillColor: Color(rgb: 0xD9E1F2), border: .thin,
                                                horizontalAlignment: .center, verticalAlignment: .center, wrapsText: true))
        let cell = try book.format(CellStyle(fontName: font, border: .thin, verticalAlignment: .center, wrapsText: true,
                                             numberFormat: "@"))
        let number = try book.format(CellStyle(fontName: font, border: .thin, horizontalAlignment: .center,
                                               verticalAlignment: .center))
        let footerLabel = try book.format(CellStyle(bold: true, fontName: font, verticalAlignment: .center))
        let footerValue = try book.format(CellStyle(fontName: font, border: .thin, verticalAlignment: .center,
                                                    wrapsText: true, numberFormat: "@"))

        for (i, c) in layout.columns.enumerated() {
            try book.setColumnWidth(c.width, columns: i...i, sheet: sheet)
        }
        // Title, header block, column headings: rows 0–2, repeated on every printed page.
        try book.setRow(0, sheet: sheet, height: 30)
        try book.mergeCells(sheet: sheet, rows: 0...0, columns: 0...lastColumn, text: layout.title, format: title)
        let header = [
            layout.applicantLabel + "：" + layout.applicant(for: province), layout.dateLabel + "：" + asOf.iso,
            layout.batchLabel + "：" + runID, part.displayLabel,
        ]
        // Each "label：value" in one cell merged over a share of the columns, so nothing spills into its neighbour.
        for (text, span) in zip(header, headerSpans(layout.columns.map(\.width), pairs: header.count)) {
            if span.count > 1 {
                try book.mergeCells(sheet: sheet, rows: 1...1, columns: span, text: text, format: value)
            } else {
                try book.write(text, sheet: sheet, row: 1, column: span.lowerBound, format: value)
            }
        }
        try book.setRow(2, sheet: sheet, height: 30)
        for (i, c) in layout.columns.enumerated() {
            try book.write(c.heading, sheet: sheet, row: 2, column: i, format: heading)
        }
        // Data: 序号 a number, every other cell a string (ID and certificate numbers are text, never numbers).
        let widths = layout.columns.map(\.width)
        let texts = part.rows.map { $0.cellTexts(layout) }
        for (r, cells) in texts.enumerated() {
            let row = part.rows[r]
            let y = firstDataRow + r
            // Wrapped cells do not grow their row when a file is opened: give the row the lines its longest text needs.
            let lines = zip(cells, widths).map { text, width in
                Int((Double(displayWidth(text)) / max(1, width - 1)).rounded(.up))
            }.max() ?? 1
            if lines > 1 { try book.setRow(y, sheet: sheet, height: Double(min(lines, 20)) * 12.75 + 3) }
            try book.write(integer: row.seq, sheet: sheet, row: y, column: 0, format: number)
            for (i, text) in cells.dropFirst().enumerated() {
                try book.write(text, sheet: sheet, row: y, column: i + 1, format: cell)
            }
        }
        // Footer: a blank row, then one row per line — the label over the first two columns (序号 alone is too
        // narrow for 省局审核意见), the value merged over the rest, boxed for handwriting when left empty.
        var y = firstDataRow + part.rows.count + 1
        for (i, line) in layout.footer.enumerated() {
            try book.setRow(y, sheet: sheet, height: i == 0 ? 45 : 24)
            try book.mergeCells(sheet: sheet, rows: y...y, columns: 0...1, text: line.label + "：", format: footerLabel)
            try book.mergeCells(sheet: sheet, rows: y...y, columns: 2...lastColumn, text: line.value, format: footerValue)
            y += 1
        }
        try book.freezePanes(sheet: sheet, rows: firstDataRow)
        // ID, certificate numbers and years are digits stored as text on purpose: no green "number stored as text"
        // triangle on every one of them.
        if !part.rows.isEmpty {
            let data = firstDataRow...(firstDataRow + part.rows.count - 1)
            let textColumns = [FormField.id_number, .certificate_no, .year].compactMap { FormField.allCases.firstIndex(of: $0) }
            try book.ignore(.numberStoredAsText, rows: data, columns: columnRuns(textColumns), sheet: sheet)
        }
        try book.setPageSetup(PageSetup(paper: .a4, orientation: .landscape, fitToPagesWide: 1, repeatedRows: 0...2,
                                        margins: .init(left: 0.4, right: 0.4, top: 0.6, bottom: 0.6),
                                        centersHorizontally: true, footer: "&C第 &P 页，共 &N 页"), sheet: sheet)
        try book.setCustomProperty(name: "rxbind-batch", string: runID)
        try book.setCustomProperty(name: "rxbind-part", string: part.label)
        try book.setCustomProperty(name: "rxbind-columns", string: columnKeys)
        let rowsFingerprint = fingerprint(batch: runID, rows: texts)
        try book.setCustomProperty(name: "rxbind-fingerprint", string: rowsFingerprint)
        try writeDigests(FormDigests(batch: runID, part: part.label, columns: columnKeys, fingerprint: rowsFingerprint,
                                     rows: texts), into: &book)
        let closing = Timings.begin("  close \(FileSystem.lastComponent(of: path))")
        _ = try book.close()
        Timings.end(closing)
        return try FileSystem.hash(path)
    }

    /// The digests sheet (``FormDigests``), hidden, after the form sheet so that the form stays the first sheet.
    static func writeDigests(_ digests: FormDigests, into book: inout Workbook) throws {
        let sheet = try book.addWorksheet(named: FormDigests.sheetName)
        try book.setColumnWidth(20, columns: 0...1, sheet: sheet)
        try book.setColumnWidth(80, columns: 2...2, sheet: sheet)
        try book.write(FormDigests.marker, sheet: sheet, row: 0, column: 0)
        try book.write(FormDigests.version, sheet: sheet, row: 0, column: 1)
        try book.write(FormDigests.note, sheet: sheet, row: 0, column: 2)
        var y = 1
        for (key, value) in digests.facts {
            try book.write(key, sheet: sheet, row: y, column: 0)
            try book.write(value, sheet: sheet, row: y, column: 1)
            y += 1
        }
        for (x, heading) in FormDigests.headings.enumerated() { try book.write(heading, sheet: sheet, row: y, column: x) }
        y += 1
        for block in digests.blocks {
            try book.write(integer: block.first, sheet: sheet, row: y, column: 0)
            try book.write(integer: block.count, sheet: sheet, row: y, column: 1)
            try book.write(block.text, sheet: sheet, row: y, column: 2)
            y += 1
        }
        try book.hide(sheet: sheet)
    }

    /// Columns as runs of adjacent ones: [3, 4, 6] → [3...4, 6...6].
    static func columnRuns(_ columns: [Int]) -> [ClosedRange<Int>] {
        var runs: [ClosedRange<Int>] = []
        for c in columns.sorted() {
            if let last = runs.last, last.upperBound + 1 == c {
                runs[runs.count - 1] = last.lowerBound...c
            } else {
                runs.append(c...c)
            }
        }
        return runs
    }

    /// The columns each header-block cell spans: consecutive runs of columns, each at least as wide as its share
    /// of the total width, the first taking the widest share (the applicant's name is the longest text).
    static func headerSpans(_ widths: [Double], pairs: Int) -> [ClosedRange<Int>] {
        let total = widths.reduce(0, +)
        let shares = [0.4, 0.2, 0.25, 0.15].prefix(pairs)
        var spans: [ClosedRange<Int>] = []
        var start = 0
        for (p, share) in shares.enumerated() {
            var end = start
            var width = widths[start]
            let remaining = pairs - p - 1
            while end + 1 < widths.count - remaining && width < share * total { end += 1; width += widths[end] }
            if p == pairs - 1 { end = widths.count - 1 }
            spans.append(start...end)
            start = end + 1
        }
        return spans
    }

    /// Columns a text takes in a spreadsheet: CJK and full-width characters count two.
    static func displayWidth(_ s: String) -> Int { TextTable.displayWidth(s) }
}
