import Foundation
import Spreadsheet

/// `triage.xlsx`, the staff workbook (SPEC §6 item 2): a summary, one sheet per class with the guidance text, the
/// 15-digit upgrade worklist, invalid rows, warnings, carried-over and resolved cases.
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

    /// A data sheet: its name, headings and widths, and its rows.
    struct Table {
        let name: String
        let headings: [String]
        let widths: [Double]
        /// A note above the headings (the guidance of a class sheet), or nil.
        let note: String?
        let rowCount: Int
        /// The cells of row `i`: text, or a number.
        let row: (Int) -> [Cell]
    }

    enum Cell {
        case text(String)
        case number(Int)
    }

    /// A column of a class sheet: heading, width, and the cell of a case.
    struct Column {
        let heading: String
        let width: Double
        let value: (CaseOutcome) -> Cell
    }

    /// The columns of a class's sheet: what staff need for that class, the guidance last. Fewer columns where a
    /// class needs fewer keeps a national-scale workbook (millions of cells) within the spreadsheet stage's budget.
    static func columns(for cls: CaseClass) -> [Column] {
        let common: [Column] = [
            Column(heading: "身份证号码", width: 21) { .text($0.id.text) },
            Column(heading: "姓名", width: 12) { .text($0.name) },
            Column(heading: "原因", width: 30) { .text($0.reason.code) },
            Column(heading: "标记", width: 24) { .text($0.flagSet.codes) },
            Column(heading: "尝试次数", width: 9) { .number($0.attempts) },
            Column(heading: "首次出现", width: 12) { .text($0.firstSeen.iso) },
            Column(heading: "手机号", width: 14) { .text($0.phone) },
        ]
        let message = Column(heading: "失败原因", width: 28) { .text($0.message) }
        let registryID = Column(heading: "注册系统身份证号", width: 21) { .text($0.registryID) }
        let registrationNo = Column(heading: "注册证编号", width: 20) { .text($0.registrationNo) }
        let specific: [Column]
        switch cls {
        case .portalAccount: specific = [message, registrationNo]
        case .identityMismatch:
            specific = [Column(heading: "对照姓名（注册系统或证书）", width: 18) { .text($0.otherNames) }, registryID, message]
        case .legacyID15: specific = [registryID, registrationNo]
        case .noQualification: specific = [message]
        case .missingRegistryRecord:
            specific = [Column(heading: "证书编号", width: 18) { .text($0.certificateNumbers) },
                        Column(heading: "已申请日期", width: 12) { .text($0.requestedOn?.iso ?? "") }]
        }
        return common + specific + [
            Column(heading: "处理动作", width: 20) { .text($0.action.rawValue) },
            Column(heading: "处理指导", width: 60) { .text($0.guidance) },
        ]
    }

    /// The sheets after the summary, in order.
    var tables: [Table] {
        var tables: [Table] = []
        var byClass: [CaseClass: [Int]] = [:]
        for (i, c) in outcome.cases.enumerated() { byClass[c.caseClass, default: []].append(i) }
        let all = outcome.cases
        for cls in CaseClass.allCases {
            let indices = byClass[cls] ?? []
            let columns = TriageWorkbook.columns(for: cls)
            tables.append(Table(
                name: cls.label, headings: columns.map(\.heading), widths: columns.map(\.width), note: nil,
                rowCount: indices.count,
                row: { i in
                    let c = all[indices[i]]
                    return columns.map { $0.value(c) }
                }))
        }
        let legacy = outcome.legacyWorklist
        tables.append(Table(
            name: "15位号码升级清单",
            headings: ["注册系统身份证号（15位）", "18位身份证号", "姓名", "注册证编号", "执业单位", "注册状态", "注册省份"],
            widths: [24, 21, 12, 20, 28, 10, 16], note: nil, rowCount: legacy.count,
            row: { i in
                let r = legacy[i]
                return [.text(r.heldIDText), .text(r.id.text), .text(r.name), .text(r.registrationNo), .text(r.employer),
                        .text(r.status), .text(r.province)]
            }))
        let names = night.fileNames
        let invalid = night.invalidRows
        tables.append(Table(
            name: "无效行", headings: ["文件", "行号", "原因", "姓名（原值）", "身份证号（原值）"],
            widths: [24, 8, 28, 14, 24], note: nil, rowCount: invalid.count,
            row: { i in
                let r = invalid[i]
                return [.text(names[r.ref.input]), .number(r.ref.line), .text(r.reason.code), .text(r.rawName), .text(r.rawID)]
            }))
        let warnings = self.warnings
        tables.append(Table(
            name: "警告", headings: ["文件", "行号", "类型", "说明"], widths: [24, 8, 28, 50], note: nil,
            rowCount: warnings.count,
            row: { i in
                let w = warnings[i]
                return [.text(names[w.ref.input]), .number(w.ref.line), .text(w.code), .text(w.detail)]
            }))
        let carried = outcome.carriedOver
        tables.append(Table(
            name: "遗留未结", headings: ["身份证号码", "姓名", "类别", "原因", "首次出现", "最近出现", "已开放天数", "累计尝试", "最近申请日期"],
            widths: [21, 12, 26, 30, 12, 12, 10, 9, 12], note: nil, rowCount: carried.count,
            row: { i in
                let r = carried[i].record
                return [.text(r.id.text), .text(r.name), .text(r.caseClass.code), .text(r.reason.code),
                        .text(r.firstSeen.iso), .text(r.lastSeen.iso), .number(carried[i].ageDays), .number(r.attempts),
                        .text(r.lastRequested?.iso ?? "")]
            }))
        let resolved = outcome.resolved
        tables.append(Table(
            name: "已解决", headings: ["身份证号码", "姓名", "解决前类别", "首次出现", "最近出现", "解决日期", "注册证编号", "执业单位"],
            widths: [21, 12, 26, 12, 12, 12, 20, 28], note: nil, rowCount: resolved.count,
            row: { i in
                let r = resolved[i]
                return [.text(r.record.id.text), .text(r.record.name), .text(r.record.caseClass.code),
                        .text(r.record.firstSeen.iso), .text(r.record.lastSeen.iso), .text(asOf.iso),
                        .text(r.registry.registrationNo), .text(r.registry.employer)]
            }))
        return tables
    }

    /// Writes the workbook; returns its hash and size.
    public func write(to path: String, temporaryDirectory: String) throws -> (sha256: String, bytes: Int) {
        let tables = self.tables
        let cells = tables.reduce(0) { $0 + ($1.rowCount + 1) * $1.headings.count } + 200
        let constantMemory = cells > TriageWorkbook.standardModeCellLimit
        var book = try Workbook(
            path: path,
            options: WorkbookOptions(temporaryDirectory: temporaryDirectory, constantMemory: constantMemory,
                                     useZip64: constantMemory, cellLog: Timings.cellLog(for: "triage.xlsx")),
            properties: DocumentProperties(
                created: Date(timeIntervalSince1970: TimeInterval(asOf.daysSinceEpoch) * 86_400),
                title: "绑定失败分诊 \(runID)", subject: "rxbind triage", author: province?.name ?? "rxbind",
                keywords: "rxbind"))
        let bold = try book.format(CellStyle(bold: true))
        let titleFormat = try book.format(CellStyle(bold: true, fontSize: 14))
        let heading = try book.format(CellStyle(bold: true, fillColor: Color(rgb: 0xD9E1F2), border: .thin,
                                                verticalAlignment: .center, wrapsText: true))
        let text = try book.format(CellStyle(numberFormat: "@"))
        let wrap = try book.format(CellStyle(verticalAlignment: .top, wrapsText: true, numberFormat: "@"))

        // Summary.
        let summary = try book.addWorksheet(named: "概览")
        try book.setColumnWidth(26, columns: 0...0, sheet: summary)
        try book.setColumnWidth(22, columns: 1...1, sheet: summary)
        try book.setColumnWidth(12, columns: 2...6, sheet: summary)
        try book.setColumnWidth(66, columns: 7...7, sheet: summary)
        var y = 0
        try book.write("执业药师注册绑定失败分诊（rxbind）", sheet: summary, row: y, column: 0, format: titleFormat)
        y += 2
        let facts: [(String, String)] = [
            ("批次号", runID), ("截至日期", asOf.iso), ("省份", province?.name ?? "（未确定）"),
            ("工具版本", "rxbind \(toolVersion)"), ("规则版本", Classifier.ruleSetVersion),
            ("模板 SHA-256", templatesSHA256), ("先前案例状态 SHA-256", prior.sha256),
            ("加注申请表", formFiles.isEmpty ? "（今晚无）" : formFiles.joined(separator: "、")),
        ]
        for (k, v) in facts {
            try book.write(k, sheet: summary, row: y, column: 0, format: bold)
            try book.write(v, sheet: summary, row: y, column: 1, format: text)
            y += 1
        }
        if constantMemory {
            try book.write("本工作簿超过 \(TriageWorkbook.standardModeCellLimit) 个单元格，以常量内存模式写出（内联字符串）；"
                           + "部分软件（如 WPS、Numbers）可能无法打开，请用 Excel 或 LibreOffice。", sheet: summary, row: y, column: 0, format: bold)
            y += 1
        }
        y += 1
        try book.write("输入文件", sheet: summary, row: y, column: 0, format: titleFormat)
        y += 1
        for (i, h) in ["角色", "文件名", "编码", "分隔符", "读取行数", "无效/跳过行", "警告", "SHA-256"].enumerated() {
            try book.write(h, sheet: summary, row: y, column: i, format: heading)
        }
        y += 1
        var warningsPerInput: [Int: Int] = [:]
        for w in warnings { warningsPerInput[w.ref.input, default: 0] += 1 }
        for (i, s) in night.inputs.enumerated() {
            try book.write(s.file.role.rawValue, sheet: summary, row: y, column: 0)
            try book.write(s.file.name, sheet: summary, row: y, column: 1, format: text)
            try book.write(s.encoding, sheet: summary, row: y, column: 2)
            try book.write(s.delimiter, sheet: summary, row: y, column: 3)
            try book.write(integer: s.rowsRead, sheet: summary, row: y, column: 4)
            try book.write(integer: s.rowsRejected, sheet: summary, row: y, column: 5)
            try book.write(integer: warningsPerInput[i] ?? 0, sheet: summary, row: y, column: 6)
            try book.write(s.sha256, sheet: summary, row: y, column: 7, format: text)
            y += 1
        }
        y += 1
        try book.write("按类别统计", sheet: summary, row: y, column: 0, format: titleFormat)
        y += 1
        for (i, h) in ["类别", "说明", "数量"].enumerated() { try book.write(h, sheet: summary, row: y, column: i, format: heading) }
        y += 1
        let firstCountRow = y
        let counts = outcome.countsByClass
        for cls in CaseClass.allCases {
            try book.write(cls.code, sheet: summary, row: y, column: 0)
            try book.write(cls.label, sheet: summary, row: y, column: 1)
            try book.write(integer: counts[cls] ?? 0, sheet: summary, row: y, column: 2)
            y += 1
        }
        let lastCountRow = y - 1
        try book.insertChart(Chart(kind: .bar, title: "各类别案例数", series: [
            Chart.Series(name: "案例数", categories: CellRange(sheet: "概览", rows: firstCountRow...lastCountRow, columns: 1...1),
                         values: CellRange(sheet: "概览", rows: firstCountRow...lastCountRow, columns: 2...2)),
        ], showsLegend: false, width: 520, height: 260), sheet: summary, row: firstCountRow - 1, column: 4)
        y += 1
        let totals: [(String, Int)] = [
            ("今晚案例", outcome.cases.count), ("新案例", outcome.count { $0.isNew }),
            ("此前出现过", outcome.count { !$0.isNew }), ("遗留未结", outcome.carriedOver.count),
            ("今晚解决", outcome.resolved.count),
            ("今晚申请添加", outcome.count { $0.action == .requestAddition }),
            ("已申请（未到重发期）", outcome.count { $0.action == .alreadyRequested }),
            ("申请表数据行", outcome.formRows.count), ("无效行", night.invalidRows.count), ("警告", warnings.count),
        ]
        // Below the chart, which covers about fourteen rows from the class table.
        y = max(y, firstCountRow + 14)
        try book.write("新增 / 遗留 / 解决", sheet: summary, row: y, column: 0, format: titleFormat)
        y += 1
        for (k, v) in totals {
            try book.write(k, sheet: summary, row: y, column: 0, format: bold)
            try book.write(integer: v, sheet: summary, row: y, column: 1)
            y += 1
        }

        for table in tables {
            let sheet = try book.addWorksheet(named: table.name)
            for (i, w) in table.widths.enumerated() { try book.setColumnWidth(w, columns: i...i, sheet: sheet) }
            for (i, h) in table.headings.enumerated() { try book.write(h, sheet: sheet, row: 0, column: i, format: heading) }
            // The guidance column wraps; every other text cell is plain text.
            let wrapColumn = table.headings.last == "处理指导" ? table.headings.count - 1 : -1
            for r in 0..<table.rowCount {
                for (i, c) in table.row(r).enumerated() {
                    switch c {
                    case .text(let s):
                        try book.write(s, sheet: sheet, row: r + 1, column: i, format: i == wrapColumn ? wrap : text)
                    case .number(let n):
                        try book.write(integer: n, sheet: sheet, row: r + 1, column: i)
                    }
                }
            }
            try book.freezePanes(sheet: sheet, rows: 1)
            try book.setAutoFilter(sheet: sheet, rows: 0...max(0, table.rowCount), columns: 0...(table.headings.count - 1))
        }
        try book.activate(sheet: summary)
        let closing = Timings.begin("  close \((path as NSString).lastPathComponent)")
        _ = try book.close()
        Timings.end(closing)
        return try FileSystem.hash(path)
    }
}
