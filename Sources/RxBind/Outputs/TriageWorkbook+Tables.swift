import Spreadsheet

extension TriageWorkbook {
    /// A sheet after the class sheets: its name, its columns and its rows. These sheets are small beside the class
    /// sheets, so a row is handed over as an array.
    struct Table {
        struct Column {
            let heading: String
            /// Width in digits of the default font.
            let width: Double
            /// The text differs from row to row and may not fit on one line: it wraps and its row is measured.
            let wraps: Bool

            init(_ heading: String, _ width: Double, wraps: Bool = false) {
                self.heading = heading
                self.width = width
                self.wraps = wraps
            }
        }

        let name: String
        let columns: [Column]
        let rowCount: Int
        /// The cells of row `i`: text, or a number.
        let row: (Int) -> [Cell]
    }

    enum Cell {
        case text(String)
        case number(Int)
    }

    /// The sheets after the class sheets, in order.
    var tables: [Table] {
        typealias C = Table.Column
        var tables: [Table] = []
        let legacy = outcome.legacyWorklist
        tables.append(Table(
            name: "15位号码升级清单",
            columns: [C("注册系统身份证号（15位）", 24), C("18位身份证号", 21), C("姓名", 12, wraps: true),
                      C("注册证编号", 20, wraps: true), C("执业单位", 28, wraps: true), C("注册状态", 10, wraps: true),
                      C("注册省份", 16, wraps: true)],
            rowCount: legacy.count,
            row: { i in
                let r = legacy[i]
                return [.text(r.heldIDText), .text(r.id.text), .text(r.name), .text(r.registrationNo), .text(r.employer),
                        .text(r.status), .text(r.province)]
            }))
        let names = night.fileNames
        let invalid = night.invalidRows
        tables.append(Table(
            name: "无效行",
            columns: [C("文件", 24, wraps: true), C("行号", 8), C("原因", 46, wraps: true), C("处理办法", 56, wraps: true),
                      C("姓名（原值）", 14, wraps: true), C("身份证号（原值）", 24, wraps: true)],
            rowCount: invalid.count,
            row: { i in
                let r = invalid[i]
                let (reason, advice) = r.reason.workbookText
                return [.text(names[r.ref.input]), .number(r.ref.line), .text(reason), .text(advice), .text(r.rawName),
                        .text(r.rawID)]
            }))
        let warnings = self.warnings
        tables.append(Table(
            name: "警告",
            columns: [C("文件", 24, wraps: true), C("行号", 8), C("类型", 22, wraps: true), C("说明", 50, wraps: true)],
            rowCount: warnings.count,
            row: { i in
                let w = warnings[i]
                let (kind, detail) = w.kind.workbookText
                return [.text(names[w.ref.input]), .number(w.ref.line), .text(kind), .text(detail)]
            }))
        let carried = outcome.carriedOver
        tables.append(Table(
            name: "遗留未结",
            columns: [C("身份证号码", 21), C("姓名", 12, wraps: true), C("类别", 24, wraps: true), C("原因", 34, wraps: true),
                      C("首次出现", 12), C("最近出现", 12), C("已开放天数", 10), C("累计尝试", 9), C("最近申请日期", 12),
                      C("工作人员备注", 30, wraps: true)],
            rowCount: carried.count,
            row: { i in
                let r = carried[i].record
                return [.text(r.id.text), .text(r.name), .text(r.caseClass.workbookLabel), .text(r.reason.workbookLabel),
                        .text(r.firstSeen.iso), .text(r.lastSeen.iso), .number(carried[i].ageDays), .number(r.attempts),
                        .text(r.lastRequested?.iso ?? ""), .text(Self.staffNotesText(r.notes))]
            }))
        // SPEC §14: dormant cases leave the carried-over list for a sheet of their own.
        let dormant = outcome.dormant
        let asOf = self.asOf
        tables.append(Table(
            name: "休眠",
            columns: [C("身份证号码", 21), C("姓名", 12, wraps: true), C("类别", 24, wraps: true), C("原因", 34, wraps: true),
                      C("首次出现", 12), C("最近出现", 12), C("无新尝试天数", 12), C("累计尝试", 9),
                      C("今晚转为休眠", 12), C("工作人员备注", 30, wraps: true)],
            rowCount: dormant.count,
            row: { i in
                let r = dormant[i].record
                return [.text(r.id.text), .text(r.name), .text(r.caseClass.workbookLabel), .text(r.reason.workbookLabel),
                        .text(r.firstSeen.iso), .text(r.lastSeen.iso), .number(asOf.days(since: r.lastSeen)),
                        .number(r.attempts), .text(dormant[i].becameDormant ? "是" : ""), .text(Self.staffNotesText(r.notes))]
            }))
        // Cases staff closed that stayed closed tonight: off the carried-over list, kept in view with the reason.
        let closed = closedCases
        tables.append(Table(
            name: "已结案",
            columns: [C("身份证号码", 21), C("姓名", 12, wraps: true), C("类别", 24, wraps: true), C("首次出现", 12),
                      C("最近出现", 12), C("结案日期", 12), C("结案原因", 30, wraps: true),
                      C("工作人员备注", 30, wraps: true)],
            rowCount: closed.count,
            row: { i in
                let r = closed[i]
                let close = r.notes.last { $0.kind == .close }
                return [.text(r.id.text), .text(r.name), .text(r.caseClass.workbookLabel), .text(r.firstSeen.iso),
                        .text(r.lastSeen.iso), .text(close?.date.iso ?? ""), .text(close?.text ?? ""),
                        .text(Self.staffNotesText(r.notes.filter { $0.kind == .note }))]
            }))
        let resolved = outcome.resolved
        tables.append(Table(
            name: "已解决",
            columns: [C("身份证号码", 21), C("姓名", 12, wraps: true), C("解决前类别", 24, wraps: true), C("首次出现", 12),
                      C("最近出现", 12), C("解决日期", 12), C("注册证编号", 20, wraps: true), C("执业单位", 28, wraps: true)],
            rowCount: resolved.count,
            row: { i in
                let r = resolved[i]
                return [.text(r.record.id.text), .text(r.record.name), .text(r.record.caseClass.workbookLabel),
                        .text(r.record.firstSeen.iso), .text(r.record.lastSeen.iso), .text(asOf.iso),
                        .text(r.registry.registrationNo), .text(r.registry.employer)]
            }))
        return tables
    }

    /// The closed cases that are not tonight's (a closed case failing again tonight is open again), in ID order.
    var closedCases: [CaseRecord] {
        let tonight = Set(outcome.cases.map(\.id.packed))
        return prior.records.values.filter { $0.status == .closed && !tonight.contains($0.id.packed) }
            .sorted { $0.id < $1.id }
    }

    /// Staff notes and closes, oldest first, one per line: `2026-12-03 结案：本人不是执业药师`.
    static func staffNotesText(_ notes: [CaseRecord.StaffNote]) -> String {
        notes.map { "\($0.date.iso) \($0.kind == .close ? "结案" : "备注")：\($0.text)" }.joined(separator: "\n")
    }

    /// Writes a table's sheet: the heading row, then each row as high as its longest wrapped text needs.
    func write(_ table: Table, into book: inout Workbook, _ f: Formats) throws {
        let sheet = try book.addWorksheet(named: table.name)
        let widths = table.columns.map(\.width)
        for (i, w) in widths.enumerated() { try book.setColumnWidth(w, columns: i...i, sheet: sheet) }
        try Self.writeHeadings(table.columns.map(\.heading), widths: widths, row: 0, sheet: sheet, into: &book, f)
        let formats = table.columns.map { $0.wraps ? f.wrappedCell : f.cell }
        for r in 0..<table.rowCount {
            let y = r + 1
            let cells = table.row(r)
            var lines = 1
            for (i, c) in cells.enumerated() where table.columns[i].wraps {
                if case .text(let s) = c { lines = max(lines, TextLayout.lineCount(s, columnWidth: widths[i])) }
            }
            if lines > 1 { try book.setRow(y, sheet: sheet, height: TextLayout.rowHeight(lines: lines)) }
            for (i, c) in cells.enumerated() {
                switch c {
                case .text(let s):
                    try book.write(s, sheet: sheet, row: y, column: i, format: formats[i])
                case .number(let n):
                    try book.write(integer: n, sheet: sheet, row: y, column: i, format: f.number)
                }
            }
        }
        try Self.finishTable(sheet: sheet, headingRow: 0, rows: table.rowCount, columns: table.columns.count, into: &book)
    }
}
