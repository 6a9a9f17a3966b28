import Spreadsheet

/// `rxbind cases`: the terminal table (ID numbers masked, headings in the process's language) and the CSV file
/// (full numbers and codes: a data output, the same in every language).
public enum CaseTable {
    /// `--format csv`'s header.
    public static let csvHeader = ["id_number", "name", "status", "class", "reason", "flags", "first_seen", "last_seen",
                                   "attempts", "last_requested", "resolved_on", "history", "closed_on", "notes"]

    /// One CSV row (full numbers: a data output).
    public static func csvRow(_ r: CaseRecord) -> [String] {
        [r.id.text, r.name, r.status.rawValue, r.caseClass.code, r.reason.code, r.flags.map(\.code).joined(separator: "|"),
         r.firstSeen.iso, r.lastSeen.iso, String(r.attempts), r.lastRequested?.iso ?? "", r.resolvedOn?.iso ?? "",
         r.history.map { "\($0.date.iso) \($0.caseClass.code)/\($0.reason.code)" }.joined(separator: "; "),
         r.closedOn?.iso ?? "", r.notes.map { "\($0.date.iso) \($0.kind.rawValue): \($0.text)" }.joined(separator: "; ")]
    }

    /// The CSV file's bytes: UTF-8 with BOM, a header row, values a spreadsheet would evaluate quoted (SPEC §6).
    public static func csv(_ records: [CaseRecord]) -> [UInt8] {
        var out = CSVOutput.bom
        out += Array(CSVOutput.line(csvHeader).utf8)
        for r in records { out += Array(CSVOutput.line(csvRow(r)).utf8) }
        return out
    }

    /// The terminal table: masked numbers, aligned for CJK text.
    public static func text(_ records: [CaseRecord]) -> String {
        let header = [localized(.casesColumnID), localized(.casesColumnName), localized(.casesColumnStatus),
                      localized(.casesColumnClass), localized(.casesColumnReason), localized(.casesColumnFlags),
                      localized(.casesColumnFirstSeen), localized(.casesColumnLastSeen), localized(.casesColumnAttempts),
                      localized(.casesColumnRequested)]
        let rows = records.map { r in
            [r.id.masked, r.name, RxBindError.text(r.status), r.caseClass.code, r.reason.code,
             r.flags.map(\.code).joined(separator: "|"), r.firstSeen.iso, r.lastSeen.iso, String(r.attempts),
             r.lastRequested?.iso ?? ""]
        }
        return TextTable.render([header] + rows) + "\n" + localized(.casesCount, ["count": records.count])
    }
}

extension CaseTable {
    /// `rxbind cases --id`: the case's table line, then its history, notes and closes (ID masked).
    public static func details(_ records: [CaseRecord]) -> String {
        guard !records.isEmpty else { return text(records) }
        return records.map { r in
            var lines = [localized(.detailsHeading, ["id": r.id.masked, "name": r.name, "status": RxBindError.text(r.status),
                                                      "class": r.caseClass.code, "reason": r.reason.code]),
                         localized(.detailsSeen, ["first": r.firstSeen.iso, "last": r.lastSeen.iso, "attempts": r.attempts,
                                                   "requested": r.lastRequested?.iso ?? localized(.detailsNever)])]
            if !r.history.isEmpty {
                lines.append(localized(.detailsHistory, ["history": r.history.map {
                    "\($0.date.iso) \($0.caseClass.code)/\($0.reason.code)" }.joined(separator: "; ")]))
            }
            for n in r.notes {
                lines.append(localized(n.kind == .close ? .detailsClose : .detailsNote, ["date": n.date.iso, "text": n.text]))
            }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    /// What `rxbind cases note` and `close` say.
    public static func said(_ r: StaffActions.Result) -> String {
        localized(r.note.kind == .close ? .caseClosed : .noteAdded,
                  ["id": r.id.masked, "date": r.note.date.iso, "seq": r.seq, "status": RxBindError.text(r.status)])
    }
}

/// Columns aligned by terminal width, East Asian wide characters counting two.
public enum TextTable {
    /// The rows, the first being the heading, two spaces between columns, no trailing spaces.
    public static func render(_ rows: [[String]]) -> String {
        var widths: [Int] = []
        for row in rows {
            for (i, c) in row.enumerated() {
                if i == widths.count { widths.append(0) }
                widths[i] = max(widths[i], displayWidth(c))
            }
        }
        return rows.map { cells in
            cells.enumerated().map { i, c in
                i == cells.count - 1 ? c : c + String(repeating: " ", count: widths[i] - displayWidth(c) + 2)
            }.joined()
        }.joined(separator: "\n")
    }

    /// Terminal columns a text takes: East Asian wide characters count two.
    public static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { n, u in n + (TextLayout.isWide(u.value) ? 2 : 1) }
    }
}
