import Spreadsheet

extension TriageWorkbook {
    /// The nights up to tonight, oldest first (SPEC §14): the prior state's trend and tonight's line.
    var trendEntries: [TrendEntry] { prior.trend + [outcome.trendEntry(runID: runID, asOf: asOf, prior: prior)] }

    /// The centre's turnaround after tonight: the cases resolved before (and not failing again tonight) and the ones
    /// tonight's registry resolves.
    var turnaround: [Turnaround] {
        let tonight = Set(outcome.cases.map(\.id.packed))
        let before = prior.records.values.filter { $0.status == .resolved && !tonight.contains($0.id.packed) }
        let now = outcome.resolved.map { NightOutcome.resolvedRecord($0.record, asOf: asOf) }
        return Turnaround.of(before + now)
    }

    /// A class's name short enough for a heading of the trend's table.
    static func trendLabel(_ c: CaseClass) -> String {
        switch c {
        case .portalAccount: return "门户账号"
        case .identityMismatch: return "身份不一致"
        case .legacyID15: return "15位号码"
        case .noQualification: return "无资格"
        case .missingRegistryRecord: return "注册无记录"
        }
    }

    /// `趋势`: per night the new, resolved, closed and dormant cases, the form rows sent and the open backlog per
    /// class, with a line chart of the backlog below; then the centre's turnaround per month. Written top to bottom
    /// (constant-memory mode); the chart is a drawing, placed on rows left blank for it.
    func writeTrend(into book: inout Workbook, _ f: Formats) throws {
        let name = "趋势"
        let sheet = try book.addWorksheet(named: name)
        let classes = CaseClass.allCases
        let headings = ["截至日期", "批次号", "新案例", "今晚解决", "结案", "转为休眠", "申请表行数", "未结合计"]
            + classes.map { "未结·" + Self.trendLabel($0) }
        let widths: [Double] = [12, 19, 8, 9, 7, 9, 11, 9] + classes.map { _ in 14 }
        for (i, w) in widths.enumerated() { try book.setColumnWidth(w, columns: i...i, sheet: sheet) }
        try book.setRow(0, sheet: sheet, height: 24)
        try book.mergeCells(sheet: sheet, rows: 0...0, columns: 0...(widths.count - 1),
                            text: "各夜趋势（截至 \(asOf.iso)）", format: f.title)
        let headingRow = 1
        try Self.writeHeadings(headings, widths: widths, row: headingRow, sheet: sheet, into: &book, f)
        let entries = trendEntries
        for (i, t) in entries.enumerated() {
            let y = headingRow + 1 + i
            try book.write(t.asOf.iso, sheet: sheet, row: y, column: 0, format: f.cell)
            try book.write(t.runID, sheet: sheet, row: y, column: 1, format: f.cell)
            for (x, n) in ([t.new, t.resolved, t.closed, t.dormant, t.formRows, t.openBacklog] + t.backlog).enumerated() {
                try book.write(integer: n, sheet: sheet, row: y, column: 2 + x, format: f.number)
            }
        }
        let firstRow = headingRow + 1, lastRow = headingRow + entries.count
        // Frozen headings, filter and page setup now: in constant-memory mode the filter's rows must be the last
        // ones written.
        try Self.finishTable(sheet: sheet, headingRow: headingRow, rows: entries.count, columns: headings.count,
                             into: &book)
        // The backlog over the nights: its total and each class.
        let series = (0...classes.count).map { k in
            Chart.Series(name: k == 0 ? "未结合计" : Self.trendLabel(classes[k - 1]),
                         categories: CellRange(sheet: name, rows: firstRow...lastRow, columns: 0...0),
                         values: CellRange(sheet: name, rows: firstRow...lastRow, columns: (7 + k)...(7 + k)))
        }
        let chartRow = lastRow + 2
        try book.insertChart(Chart(kind: .line, title: "未结案例（按夜）", series: series, width: 860, height: 300),
                             sheet: sheet, row: chartRow, column: 0)

        // Below the chart (about 300 px ≈ 16 rows of the default height): the centre's turnaround.
        var y = chartRow + 17
        try book.mergeCells(sheet: sheet, rows: y...y, columns: 0...(widths.count - 1),
                            text: "国家中心处理时长：从首次报送添加申请到解决的天数（按解决月份）", format: f.title)
        y += 1
        try Self.writeHeadings(["月份", "解决案例数", "中位天数", "90%分位天数"], widths: widths, row: y, sheet: sheet,
                               into: &book, f)
        for t in turnaround {
            y += 1
            try book.write(t.month, sheet: sheet, row: y, column: 0, format: f.cell)
            try book.write(integer: t.cases, sheet: sheet, row: y, column: 1, format: f.number)
            try book.write(number: t.median, sheet: sheet, row: y, column: 2, format: f.number)
            try book.write(integer: t.p90, sheet: sheet, row: y, column: 3, format: f.number)
        }
    }
}
