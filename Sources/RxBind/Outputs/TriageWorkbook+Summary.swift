import DelimitedText
import Spreadsheet

extension TriageWorkbook {
    /// The summary's columns: A labels, B values, C–G the counts of the input table, H its SHA-256.
    static let summaryWidths: [Double] = [30, 22, 12, 12, 12, 12, 12, 66]
    /// The chart's size in pixels, and the column its left edge is in (G: it fits within G–H, beside the class
    /// table, which takes A–F).
    static let chartSize = (width: 520, height: 260), chartColumn = 6
    /// The form files the summary names one by one; more are named by the first and the last.
    static let formFilesListed = 4

    /// Writes the summary sheet (概览): the run's facts, the counts by class as a table with the chart beside it,
    /// new / carried-over / resolved counts, then the input files. The chart is near the top, so it prints whole
    /// on the first page whatever the number of input files.
    func writeSummary(into book: inout Workbook, _ f: Formats, constantMemory: Bool) throws -> SheetID {
        let sheet = try book.addWorksheet(named: "概览")
        let widths = Self.summaryWidths
        for (i, w) in widths.enumerated() { try book.setColumnWidth(w, columns: i...i, sheet: sheet) }
        let last = widths.count - 1
        var y = 0
        try book.setRow(y, sheet: sheet, height: 24)
        try book.write("执业药师注册绑定失败分诊（rxbind）", sheet: sheet, row: y, column: 0, format: f.title)
        y += 2

        // Facts: a label, and a value that runs on into the empty cells to its right.
        let facts: [(String, String)] = [
            ("批次号", runID), ("截至日期", asOf.iso), ("省份", province?.name ?? "（未确定）"),
            ("工具版本", "rxbind \(toolVersion)"), ("规则版本", Classifier.ruleSetVersion),
            ("模板 SHA-256", templatesSHA256), ("先前案例状态 SHA-256", prior.sha256),
        ]
        for (k, v) in facts {
            try book.write(k, sheet: sheet, row: y, column: 0, format: f.bold)
            try book.write(v, sheet: sheet, row: y, column: 1, format: f.text)
            y += 1
        }
        try writeSpanning("添加申请表", formFilesText, from: 1, through: last, row: y, sheet: sheet, into: &book, f)
        y += 1
        if constantMemory {
            let note = "本工作簿超过 \(TriageWorkbook.standardModeCellLimit) 个单元格，以常量内存模式写出（内联字符串）；"
                + "部分软件（如 WPS、Numbers）可能无法打开，请用 Excel 或 LibreOffice。"
            try writeSpanning(nil, note, from: 0, through: last, row: y, sheet: sheet, into: &book, f)
            y += 1
        }
        y += 1

        // Counts by class, the chart beside them.
        try book.setRow(y, sheet: sheet, height: 21)
        try book.write("按类别统计", sheet: sheet, row: y, column: 0, format: f.title)
        y += 1
        let classHeading = y
        try Self.writeHeadings(["类别", "数量"], widths: Array(widths[0...1]), row: y, sheet: sheet, into: &book, f)
        try book.mergeCells(sheet: sheet, rows: y...y, columns: 2...(Self.chartColumn - 1), text: "含义", format: f.heading)
        y += 1
        let firstCountRow = y
        let counts = outcome.countsByClass
        for cls in CaseClass.allCases {
            let (label, meaning) = cls.workbookText
            try book.write(label, sheet: sheet, row: y, column: 0, format: f.cell)
            try book.write(integer: counts[cls] ?? 0, sheet: sheet, row: y, column: 1, format: f.number)
            try book.mergeCells(sheet: sheet, rows: y...y, columns: 2...(Self.chartColumn - 1), text: meaning,
                                format: f.cell)
            y += 1
        }
        let lastCountRow = y - 1
        try book.insertChart(Chart(kind: .bar, title: "各类别案例数", series: [
            Chart.Series(name: "案例数", categories: CellRange(sheet: "概览", rows: firstCountRow...lastCountRow, columns: 0...0),
                         values: CellRange(sheet: "概览", rows: firstCountRow...lastCountRow, columns: 1...1)),
        ], showsLegend: false, width: Self.chartSize.width, height: Self.chartSize.height),
        sheet: sheet, row: classHeading, column: Self.chartColumn)
        y += 1

        // New / carried-over / resolved, in A–B, still beside the chart.
        let totals: [(String, Int)] = [
            ("今晚案例", outcome.cases.count), ("新案例", outcome.count { $0.isNew }),
            ("此前出现过", outcome.count { !$0.isNew }), ("遗留未结", outcome.carriedOver.count),
            ("今晚解决", outcome.resolved.count),
            ("今晚申请添加", outcome.count { $0.action == .requestAddition }),
            ("已申请（未到重发期）", outcome.count { $0.action == .alreadyRequested }),
            ("申请表数据行", outcome.formRows.count), ("无效行", night.invalidRows.count), ("警告", warnings.count),
        ]
        try book.setRow(y, sheet: sheet, height: 21)
        try book.write("新增 / 遗留 / 解决", sheet: sheet, row: y, column: 0, format: f.title)
        y += 1
        for (k, v) in totals {
            try book.write(k, sheet: sheet, row: y, column: 0, format: f.bold)
            try book.write(integer: v, sheet: sheet, row: y, column: 1)
            y += 1
        }

        // Input files, across every column: below the chart (rows of the default 15 points are 20 pixels).
        y = max(y, classHeading + Self.chartSize.height / 20 + 1) + 1
        try book.setRow(y, sheet: sheet, height: 21)
        try book.write("输入文件", sheet: sheet, row: y, column: 0, format: f.title)
        y += 1
        let headings = ["角色", "文件名", "编码", "分隔符", "读取行数", "无效/跳过行", "警告", "SHA-256"]
        try Self.writeHeadings(headings, widths: widths, row: y, sheet: sheet, into: &book, f)
        y += 1
        var warningsPerInput: [Int: Int] = [:]
        for w in warnings { warningsPerInput[w.ref.input, default: 0] += 1 }
        for (i, s) in night.inputs.enumerated() {
            let role = s.file.role.workbookLabel
            let lines = max(TextLayout.lineCount(role, columnWidth: widths[0]),
                            TextLayout.lineCount(s.file.name, columnWidth: widths[1]))
            if lines > 1 { try book.setRow(y, sheet: sheet, height: TextLayout.rowHeight(lines: lines)) }
            try book.write(role, sheet: sheet, row: y, column: 0, format: f.wrappedCell)
            try book.write(s.file.name, sheet: sheet, row: y, column: 1, format: f.wrappedCell)
            try book.write(s.encoding, sheet: sheet, row: y, column: 2, format: f.cell)
            try book.write(Delimiter(name: s.delimiter)?.workbookLabel ?? s.delimiter, sheet: sheet, row: y, column: 3,
                           format: f.cell)
            try book.write(integer: s.rowsRead, sheet: sheet, row: y, column: 4, format: f.number)
            try book.write(integer: s.rowsRejected, sheet: sheet, row: y, column: 5, format: f.number)
            try book.write(integer: warningsPerInput[i] ?? 0, sheet: sheet, row: y, column: 6, format: f.number)
            try book.write(s.sha256, sheet: sheet, row: y, column: 7, format: f.cell)
            y += 1
        }
        try book.setPageSetup(Self.pageSetup(headingRow: nil), sheet: sheet)
        return sheet
    }

    /// Tonight's forms: each file on its own line, or — for a batch of many parts — how many, the first and the last.
    var formFilesText: String {
        guard let first = formFiles.first, let last = formFiles.last else { return "（今晚无）" }
        if formFiles.count <= Self.formFilesListed { return formFiles.joined(separator: "\n") }
        return "共 \(formFiles.count) 份：\(first) 至 \(last)"
    }

    /// A row whose text takes the columns `from`…`through` (merged, wrapped, as high as the text needs), after an
    /// optional label in column A.
    private func writeSpanning(_ label: String?, _ text: String, from: Int, through: Int, row: Int, sheet: SheetID,
                               into book: inout Workbook, _ f: Formats) throws {
        let width = Self.summaryWidths[from...through].reduce(0, +)
        let lines = TextLayout.lineCount(text, columnWidth: width)
        if lines > 1 { try book.setRow(row, sheet: sheet, height: TextLayout.rowHeight(lines: lines)) }
        if let label { try book.write(label, sheet: sheet, row: row, column: 0, format: f.bold) }
        try book.mergeCells(sheet: sheet, rows: row...row, columns: from...through, text: text,
                            format: label == nil ? f.bold : f.wrappedText)
    }
}
