import Spreadsheet

extension TriageWorkbook {
    /// A column of a class sheet.
    enum Field {
        case id, name, reason, flags, attempts, firstSeen, phone, message, otherNames, registryID, registrationNo
        case certificateNumbers, requestedOn, action
        /// What staff recorded on the case before tonight (SPEC §14): only on a sheet where some case has notes.
        case staffNotes

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
            case .staffNotes: return "工作人员备注"
            }
        }

        /// The width in digits of the default font: the reason and action columns hold their longest label on one
        /// line (a test checks it), the others the usual value.
        var width: Double {
            switch self {
            case .id, .registryID: return 21
            case .name: return 12
            case .reason: return 34
            case .flags: return 24
            case .attempts: return 9
            case .firstSeen, .requestedOn: return 12
            case .phone: return 14
            case .message: return 34
            case .otherNames, .certificateNumbers: return 18
            case .registrationNo: return 20
            case .action: return 28
            case .staffNotes: return 30
            }
        }

        /// Whether the column's text differs from case to case and may not fit on one line: its cells wrap and
        /// their rows are measured. (Labels — reason, action — fit their columns; flags are measured once per
        /// combination.)
        var wraps: Bool {
            switch self {
            case .name, .flags, .message, .otherNames, .registrationNo, .certificateNumbers, .staffNotes: return true
            case .id, .reason, .attempts, .firstSeen, .phone, .registryID, .requestedOn, .action: return false
            }
        }
    }

    /// The columns of a class's sheet: what staff need for that class, the action last. Fewer columns where a
    /// class needs fewer keeps a national-scale workbook (millions of cells) within the spreadsheet stage's budget.
    static func fields(for cls: CaseClass, withNotes: Bool = false) -> [Field] {
        let specific: [Field]
        switch cls {
        case .portalAccount: specific = [.message, .registrationNo]
        case .identityMismatch: specific = [.otherNames, .registryID, .message]
        case .legacyID15: specific = [.registryID, .registrationNo]
        case .noQualification: specific = [.message]
        case .missingRegistryRecord: specific = [.certificateNumbers, .requestedOn]
        }
        return [.id, .name, .reason, .flags, .attempts, .firstSeen, .phone] + specific + [.action]
            + (withNotes ? [.staffNotes] : [])
    }

    /// One class's sheet: its cases, and what its guidance block covers.
    struct ClassGroup {
        let caseClass: CaseClass
        /// Indices of the class's cases in the outcome, in ID order.
        var indices: [Int] = []
        /// Which reasons the cases have, by position in `Reason.allCases`.
        var reasons = [Bool](repeating: false, count: Reason.allCases.count)
        /// Every flag some case carries.
        var flags = FlagSet(rawValue: 0)
        /// Some case was already requested on an earlier night.
        var alreadyRequested = false
        /// Some case carries staff notes from before tonight.
        var hasNotes = false

        var fields: [Field] { TriageWorkbook.fields(for: caseClass, withNotes: hasNotes) }

        /// The cells the sheet will hold, roughly: for choosing the workbook's mode.
        var cellCount: Int { (indices.count + 1) * fields.count + 30 }
    }

    /// The class sheets, in class order, from one pass over tonight's cases.
    var classGroups: [ClassGroup] {
        let classes = CaseClass.allCases, reasons = Reason.allCases
        var groups = classes.map { ClassGroup(caseClass: $0) }
        for (i, c) in outcome.cases.enumerated() {
            let k = classes.firstIndex(of: c.caseClass)!
            groups[k].indices.append(i)
            groups[k].reasons[reasons.firstIndex(of: c.reason)!] = true
            groups[k].flags.formUnion(c.flagSet)
            if c.action == .alreadyRequested { groups[k].alreadyRequested = true }
            if !c.isNew, prior.records[c.id.packed]?.notes.isEmpty == false { groups[k].hasNotes = true }
        }
        return groups
    }

    /// The lines of guidance above a class sheet's table, label and text: the class's text, the texts of the
    /// reasons its cases have, the texts of the flags its cases carry (a legend of the 标记 column), and the
    /// already-requested text once — each row shows its own date in 已申请日期.
    func guidanceLines(for group: ClassGroup) -> [(label: String, text: String)] {
        var lines = [(label: "处理指导", text: guidance.text(for: group.caseClass))]
        for (reason, present) in zip(Reason.allCases, group.reasons) where present {
            if let text = guidance.text(for: reason) { lines.append(("原因：" + reason.workbookLabel, text)) }
        }
        for flag in Flag.allCases where group.flags.isSuperset(of: FlagSet([flag])) {
            if let text = guidance.text(for: flag) { lines.append(("标记：" + flag.workbookLabel, text)) }
        }
        if group.alreadyRequested {
            var text = guidance.alreadyRequestedText(requestedOn: "各行“\(Field.requestedOn.heading)”所示日期")
            if !guidance.alreadyRequestedNamesTheDate { text += "（报送日期见各行“\(Field.requestedOn.heading)”）" }
            lines.append((CaseAction.alreadyRequested.workbookLabel, text))
        }
        return lines
    }

    /// Writes one class's sheet: a title, the guidance once, a blank row, the heading row, one row per case.
    ///
    /// Every row is written once, top to bottom (constant-memory mode), so the guidance comes before the headings.
    /// A national night has a million case rows: they are written field by field, with no array or closure per
    /// row, and only the columns whose text varies are measured for the row's height.
    func writeClassSheet(_ group: ClassGroup, into book: inout Workbook, _ f: Formats,
                         _ texts: inout CaseTexts) throws {
        let fields = group.fields
        let widths = fields.map(\.width)
        let sheet = try book.addWorksheet(named: group.caseClass.workbookLabel)
        for (i, w) in widths.enumerated() { try book.setColumnWidth(w, columns: i...i, sheet: sheet) }

        let headingRow = try writeGuidance(for: group, widths: widths, sheet: sheet, into: &book, f) + 1
        try Self.writeHeadings(fields.map(\.heading), widths: widths, row: headingRow, sheet: sheet, into: &book, f)

        let formats = fields.map { $0.wraps ? f.wrappedCell : f.cell }
        let measured = fields.indices.filter { fields[$0].wraps }
        var y = headingRow
        for index in group.indices {
            let c = outcome.cases[index]
            y += 1
            var lines = 1
            let notes = group.hasNotes ? Self.staffNotesText(prior.records[c.id.packed]?.notes ?? []) : ""
            for x in measured {
                let field = fields[x]
                let text = field == .staffNotes ? notes : field == .flags ? "" : texts.value(field, of: c)
                lines = max(lines, field == .flags ? texts.flagLines(c.flagSet)
                                                   : TextLayout.lineCount(text, columnWidth: widths[x]))
            }
            if lines > 1 { try book.setRow(y, sheet: sheet, height: TextLayout.rowHeight(lines: lines)) }
            for (x, field) in fields.enumerated() {
                if field == .attempts {
                    try book.write(integer: c.attempts, sheet: sheet, row: y, column: x, format: f.number)
                } else if field == .staffNotes {
                    try book.write(notes, sheet: sheet, row: y, column: x, format: formats[x])
                } else {
                    try book.write(texts.value(field, of: c), sheet: sheet, row: y, column: x, format: formats[x])
                }
            }
        }
        try Self.finishTable(sheet: sheet, headingRow: headingRow, rows: group.indices.count, columns: fields.count,
                             into: &book)
    }

    /// Writes the title (the class and its count) across the sheet, then each line of guidance: its label in
    /// column A, its text across the other columns, the row as high as the longer of the two needs. Returns the
    /// row after the last line, left blank before the headings.
    private func writeGuidance(for group: ClassGroup, widths: [Double], sheet: SheetID, into book: inout Workbook,
                               _ f: Formats) throws -> Int {
        let last = widths.count - 1
        try book.setRow(0, sheet: sheet, height: 24)
        try book.mergeCells(sheet: sheet, rows: 0...0, columns: 0...last,
                            text: "\(group.caseClass.workbookLabel)（\(group.indices.count) 例）", format: f.title)
        var y = 1
        let textWidth = widths.dropFirst().reduce(0, +)
        for line in guidanceLines(for: group) {
            let lines = max(TextLayout.lineCount(line.label, columnWidth: widths[0]),
                            TextLayout.lineCount(line.text, columnWidth: textWidth))
            try book.setRow(y, sheet: sheet, height: TextLayout.rowHeight(lines: lines) + 2)
            try book.write(line.label, sheet: sheet, row: y, column: 0, format: f.guidanceLabel)
            try book.mergeCells(sheet: sheet, rows: y...y, columns: 1...last, text: line.text, format: f.guidanceText)
            y += 1
        }
        return y
    }

    /// The text of a case's cell. Flags and dates repeat from row to row: their texts are made once each.
    struct CaseTexts {
        /// The flags' labels and their lines in the 标记 column, by the flag set's raw value.
        private var flagTexts: [(text: String, lines: Int)?] = Array(repeating: nil, count: 1 << Flag.allCases.count)
        private var dateTexts: [CalendarDate: String] = [:]

        mutating func value(_ field: Field, of c: CaseOutcome) -> String {
            switch field {
            case .id: return c.id.text
            case .name: return c.name
            case .reason: return c.reason.workbookLabel
            case .flags: return flags(c.flagSet).text
            case .attempts: return String(c.attempts)
            case .firstSeen: return date(c.firstSeen)
            case .phone: return c.phone
            case .message: return c.message
            case .otherNames: return c.otherNames
            case .registryID: return c.registryID
            case .registrationNo: return c.registrationNo
            case .certificateNumbers: return c.certificateNumbers
            case .requestedOn: return c.requestedOn.map { date($0) } ?? ""
            case .action: return c.action.workbookLabel
            case .staffNotes: return ""  // from the prior state, written by the sheet itself
            }
        }

        mutating func flagLines(_ set: FlagSet) -> Int { flags(set).lines }

        private mutating func flags(_ set: FlagSet) -> (text: String, lines: Int) {
            let key = Int(set.rawValue)
            if let known = flagTexts[key] { return known }
            let text = set.workbookLabels
            let made = (text: text, lines: TextLayout.lineCount(text, columnWidth: Field.flags.width))
            flagTexts[key] = made
            return made
        }

        private mutating func date(_ d: CalendarDate) -> String {
            if let t = dateTexts[d] { return t }
            let t = d.iso
            dateTexts[d] = t
            return t
        }
    }
}
