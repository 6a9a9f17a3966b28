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
        if night > 1 {
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
        t += "\n"
        return t
    }
}
