/// The README.md of a night folder: how to run rxbind on it and what expected/ holds.
struct NightReadme {
    let options: GeneratorOptions
    let night: Int
    let asOf: Day
    let dialects: [FailureDialect]
    let failureRows: [Int]
    let rosterRows: Int
    let registryRows: Int
    let cases: [CaseExpectation]
    let invalidRows: [Int]
    let formRows: Int
    let resolved: Int
    /// What staff did before this night (nights from ``Timeline/firstStaffNight`` on).
    let staff: StaffLedger?

    func write(to path: String) throws {
        let sink = try ByteSink(path: path)
        try sink.append(utf8: text)
        try sink.close()
    }

    var text: String {
        var t = ""
        let sequence = options.nights > 1 ? "night \(night) of \(options.nights)" : "one night"
        t += "# A generated night for rxbind (\(sequence))\n\n"
        t += "Written by `rxbind-gen` (Sources/rxbind-gen), which builds every person to a scenario of SPEC §4 and writes\n"
        t += "what it intended into `expected/`. The same command gives the same bytes:\n\n"
        t += "    " + options.commandLine + "\n\n"
        t += "Province \(options.province.fullName), as-of date \(asOf.iso).\n\n"
        t += "## Running rxbind on it\n\n"
        if staff != nil {
            t += "Use the workspace night \(night - 1) ran in, after it and after the staff actions below (the case store\n"
            t += "carries the earlier nights' cases and what staff did with them).\n"
        } else if night > 1 {
            t += "Use the workspace night \(night - 1) ran in, after it (the case store carries the earlier nights' cases).\n"
        } else if options.nights > 1 {
            t += "Use a new workspace; the later nights run in the same one, in order.\n"
        }
        t += "From this folder:\n\n"
        t += "    rxbind run --workspace WORKSPACE --certificates input/certificates.csv --registry input/registry.tsv \\\n"
        t += "        --province \(options.province.fullName) --as-of \(asOf.iso) \\\n"
        t += "        " + dialects.map { "input/" + $0.fileName }.joined(separator: " ") + "\n\n"
        t += "Give the failure files in this order: of two attempts with the same time, the one in the later file names\n"
        t += "the case. `--resend-after` is left at its default of 30 days.\n\n"
        if let staff { t += staffSection(staff) }

        t += "## Inputs\n\n"
        t += "| file | encoding | line ends | delimiter | data rows |\n|---|---|---|---|---|\n"
        for (i, d) in dialects.enumerated() {
            t += "| \(d.fileName) | \(d.encoding.label) | \(d.lineEnd == "\r\n" ? "CRLF" : "LF") | \(d.delimiter == "\t" ? "tab" : "comma") | \(failureRows[i]) |\n"
        }
        let roster = RosterDialect.forNight(night)
        let registry = RegistryDialect.forNight(night)
        t += "| certificates.csv | \(roster.encoding.label) | \(roster.lineEnd == "\r\n" ? "CRLF" : "LF") | comma | \(rosterRows) |\n"
        t += "| registry.tsv | \(TextEncoding.utf16LE.label) | \(registry.lineEnd == "\r\n" ? "CRLF" : "LF") | tab | \(registryRows) |\n\n"
        t += "The failure files hold what real exports hold: GB18030-2005 four-byte codes that glibc's iconv rejects,\n"
        t += "GB18030-2005 private-use codes, ID numbers in full width, with `=\"…\"`, an apostrophe, spaces or hyphens,\n"
        t += "15-digit numbers, names spelt differently in different files (middle-dot look-alikes, full-width letters,\n"
        t += "spaces, U+200B/U+FEFF), repeated attempts (some first under a wrong name), invalid rows of every rule-0\n"
        let duplicates = dialects.contains { $0.index(of: .secondPhone) != nil }
        t += "reason, quoted fields with commas, quotes and line breaks, blank lines, a row with every field empty, short\n"
        t += "and long rows, unknown\(duplicates ? " and duplicate" : "") columns, and a few rows naming another province. The roster and the\n"
        t += "registry hold rows rxbind must skip (unusable ID numbers), certificate statuses other than 有效/已撤销 and\n"
        t += "registry statuses such as 注销, which no rule reads.\n\n"

        t += "## expected/\n\n"
        t += "UTF-8 without BOM, LF line ends.\n\n"
        t += "- `cases.csv` — `id_number,class,reason,flags,attempts,action`: one row per case (each distinct valid\n"
        t += "  18-digit number in the failure files), sorted by number; `flags` `|`-separated in alphabetical order\n"
        t += "  (compare them as a set); `action` as SPEC §6 defines it, with the default `--resend-after 30`.\n"
        t += "- `invalid-rows.csv` — `file,line,reason`: every rule-0 row, in file order then line order; `line` is the\n"
        t += "  physical line the record starts on, the header being line 1.\n"
        t += "- `form-rows.csv` — `id_number,certificate_no`: every row the addition-request form must carry (the valid,\n"
        t += "  name-matching certificates of missing-record cases requested tonight), sorted by number, then certificate.\n"
        if night > 1 {
            t += "- `resolved.csv` — `id_number`: the open cases of earlier nights that are absent tonight and that tonight's\n"
            t += "  registry resolves (a record under the 18-digit number with a matching name), sorted.\n"
        }
        if staff != nil {
            t += "- `closed.csv` — `id_number`: the cases closed after tonight (closed by staff and not opened again: never\n"
            t += "  carried over, never re-checked against the registry, so not resolved even where tonight's registry has a\n"
            t += "  matching record under the 18-digit number), sorted. `rxbind cases --status closed` lists them.\n"
            t += "- `reopened.csv` — `id_number`: the cases staff closed before tonight that fail again tonight with a new\n"
            t += "  attempt, so are open again (each is also in `cases.csv`, classified like any other case of tonight; a\n"
            t += "  missing-record case keeps its last request date across the close), sorted.\n"
        }
        t += "\n## Counts\n\n| class | reason | cases |\n|---|---|---|\n"
        for reason in Reason.allCases {
            t += "| \(reason.caseClass) | \(reason.rawValue) | \(cases.filter { $0.reason == reason }.count) |\n"
        }
        t += "\n| flag | cases |\n|---|---|\n"
        for (flag, name) in Flags.ordered {
            t += "| \(name) | \(cases.filter { $0.flags.contains(flag) }.count) |\n"
        }
        t += "\n| action | cases |\n|---|---|\n"
        for action in Action.allCases {
            t += "| \(action.rawValue) | \(cases.filter { $0.action == action }.count) |\n"
        }
        t += "\nCases: \(cases.count). Invalid rows: \(invalidRows.reduce(0, +)). Form rows: \(formRows)."
        if night > 1 { t += " Resolved: \(resolved)." }
        if let staff {
            t += "\nClosed before tonight: \(staff.closes), of which opened again tonight: \(staff.reopened.count)."
            t += " Notes: \(staff.notes). Closed after tonight: \(staff.closed.count), of which tonight's registry would"
            t += " resolve \(staff.closedRegistryMatches) if they were open."
        }
        t += "\n"
        return t
    }

    /// How to apply `input/staff-actions.csv` before the night runs.
    private func staffSection(_ staff: StaffLedger) -> String {
        var t = "## Staff actions before this night\n\n"
        t += "After night \(night - 1) and before this night, staff work on the open cases (SPEC §14): `input/staff-actions.csv`\n"
        t += "(`action,id_number,text`, UTF-8 without BOM, LF, no field quoted) holds \(staff.closes) closes and \(staff.notes) notes.\n"
        t += "Apply them in the file's order with `rxbind cases close` and `rxbind cases note`; from this folder:\n\n"
        t += "    tail -n +2 input/staff-actions.csv | while IFS=, read -r action id text; do\n"
        t += "        case $action in\n"
        t += "            close) rxbind cases close --workspace WORKSPACE --id \"$id\" --why \"$text\" ;;\n"
        t += "            note)  rxbind cases note --workspace WORKSPACE --id \"$id\" \"$text\" ;;\n"
        t += "        esac\n"
        t += "    done\n\n"
        t += "that is:\n\n"
        for (key, a) in staff.inOrder {
            let id = ResidentNumber.text(ofSortKey: key)
            switch a.kind {
            case .close: t += "    rxbind cases close --workspace WORKSPACE --id \(id) --why \"\(a.text)\"\n"
            case .note: t += "    rxbind cases note --workspace WORKSPACE --id \(id) \"\(a.text)\"\n"
            }
        }
        t += "\nA closed case is not carried over and not re-checked against the registry. Of the cases closed before\n"
        t += "tonight, those that fail again with a new attempt are opened again (`expected/reopened.csv`); the others stay\n"
        t += "closed (`expected/closed.csv`), among them cases tonight's registry would resolve if they were open. rxbind\n"
        t += "dates the closes and notes by the day they are applied (the clock), not by an as-of date.\n\n"
        return t
    }
}
