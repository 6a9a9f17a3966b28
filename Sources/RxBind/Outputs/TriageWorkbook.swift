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

    /// A column of a class sheet.
    enum Field {
        case id, name, reason, flags, attempts, firstSeen, phone, message, otherNames, registryID, registrationNo
        case certificateNumbers, requestedOn, action, guidance

        var heading: String {
            switch self {
            case .id: return "身份证号码"
            case .name: return "姓名"
            case .reason: return "原因"
            case .flags: return "标记"
            case .attempts: return "尝试次数"
            case .firstSeen: return "首次出现"
            case .phone: return "手机号"
            case .message: return "失败原因"
            case .otherNames: return "对照姓名（注册系统或证书）"
            case .registryID: return "注册系统身份证号"
            case .registrationNo: return "注册证编号"
            case .certificateNumbers: return "证书编号"
            case .requestedOn: return "已申请日期"
            case .action: return "处理动作"
            case .guidance: return "处理指导"
            }
        }

        var width: Double {
            switch self {
            case .id, .registryID: return 21
            case .name: return 12
            case .reason: return 30
            case .flags: return 24
            case .attempts: return 9
            case .firstSeen, .requestedOn: return 12
            case .phone: return 14
            case .message: return 28
            case .otherNames, .certificateNumbers: return 18
            case .registrationNo, .action: return 20
            case .guidance: return 60
            }
        }
    }

    /// The columns of a class's sheet: what staff need for that class, the guidance last. Fewer columns where a
    /// class needs fewer keeps a national-scale workbook (millions of cells) within the spreadsheet stage's budget.
    static func fields(for cls: CaseClass) -> [Field] {
        let specific: [Field]
        switch cls {
        case .portalAccount: specific = [.message, .registrationNo]
        case .identityMismatch: specific = [.otherNames, .registryID, .message]
        case .legacyID15: specific = [.registryID, .registrationNo]
        case .noQualification: specific = [.message]
        case .missingRegistryRecord: specific = [.certificateNumbers, .requestedOn]
        }
        return [.id, .name, .reason, .flags, .attempts, .firstSeen, .phone] + specific + [.action, .guidance]
    }

    /// The class sheets' rows: the indices of each class's cases, in ID order.
    var casesByClass: [CaseClass: [Int]] {
        var byClass: [CaseClass: [Int]] = [:]
        for (i, c) in outcome.cases.enumerated() { byClass[c.caseClass, default: []].append(i) }
        return byClass
    }

    /// The sheets after the class sheets, in order.
    var tables: [Table] {
        var tables: [Table] = []
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
        let byClass = casesByClass
        let classCells = CaseClass.allCases.reduce(0) { total, cls in
            total + TriageWorkbook.fields(for: cls).count * ((byClass[cls]?.count ?? 0) + 1)
        }
        let cells = classCells + tables.reduce(0) { $0 + ($1.rowCount + 1) * $1.headings.count } + 200
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

        // Class sheets, one row per case: written field by field with no array or closure per row (a national
        // night has a million rows here). Flags and dates repeat: their texts are made once.
        var flagTexts: [UInt8: String] = [:]
        var dateTexts: [CalendarDate: String] = [:]
        for cls in CaseClass.allCases {
            let fields = TriageWorkbook.fields(for: cls)
            let sheet = try book.addWorksheet(named: cls.label)
            for (i, f) in fields.enumerated() {
                try book.setColumnWidth(f.width, columns: i...i, sheet: sheet)
                try book.write(f.heading, sheet: sheet, row: 0, column: i, format: heading)
            }
            let indices = byClass[cls] ?? []
            for (r, index) in indices.enumerated() {
                let c = outcome.cases[index]
                let y = r + 1
                for (x, field) in fields.enumerated() {
                    let value: String
                    switch field {
                    case .attempts:
                        try book.write(integer: c.attempts, sheet: sheet, row: y, column: x)
                        continue
                    case .id: value = c.id.text
                    case .name: value = c.name
                    case .reason: value = c.reason.code
                    case .flags:
                        let key = c.flagSet.rawValue
                        if let t = flagTexts[key] { value = t } else { value = c.flagSet.codes; flagTexts[key] = value }
                    case .firstSeen:
                        if let t = dateTexts[c.firstSeen] { value = t } else { value = c.firstSeen.iso; dateTexts[c.firstSeen] = value }
                    case .phone: value = c.phone
                    case .message: value = c.message
                    case .otherNames: value = c.otherNames
                    case .registryID: value = c.registryID
                    case .registrationNo: value = c.registrationNo
                    case .certificateNumbers: value = c.certificateNumbers
                    case .requestedOn: value = c.requestedOn?.iso ?? ""
                    case .action: value = c.action.rawValue
                    case .guidance:
                        try book.write(c.guidance, sheet: sheet, row: y, column: x, format: wrap)
                        continue
                    }
                    try book.write(value, sheet: sheet, row: y, column: x, format: text)
                }
            }
            try book.freezePanes(sheet: sheet, rows: 1)
            try book.setAutoFilter(sheet: sheet, rows: 0...max(0, indices.count), columns: 0...(fields.count - 1))
        }

        for table in tables {
            let sheet = try book.addWorksheet(named: table.name)
            for (i, w) in table.widths.enumerated() { try book.setColumnWidth(w, columns: i...i, sheet: sheet) }
            for (i, h) in table.headings.enumerated() { try book.write(h, sheet: sheet, row: 0, column: i, format: heading) }
            for r in 0..<table.rowCount {
                for (i, c) in table.row(r).enumerated() {
                    switch c {
                    case .text(let s):
                        try book.write(s, sheet: sheet, row: r + 1, column: i, format: text)
                    case .number(let n):
                        try book.write(integer: n, sheet: sheet, row: r + 1, column: i)
                    }
                }
            }
            try book.freezePanes(sheet: sheet, rows: 1)
            try book.setAutoFilter(sheet: sheet, rows: 0...max(0, table.rowCount), columns: 0...(table.headings.count - 1))
        }
        try book.activate(sheet: summary)
        let closing = Timings.begin("  close \(FileSystem.lastComponent(of: path))")
        _ = try book.close()
        Timings.end(closing)
        return try FileSystem.hash(path)
    }
}
