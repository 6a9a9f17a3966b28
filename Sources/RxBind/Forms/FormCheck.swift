import Foundation
import SpreadsheetReader

/// `rxbind form check` (SPEC §10): what the national centre — and the province, before sending — runs on received
/// addition-request forms, whoever re-saved them.
public enum FormCheck {
    /// A finding that makes a file fail.
    public enum Finding: Sendable, Hashable {
        case unreadable(String)
        case noHeaderRow
        case fingerprintMissing
        case fingerprintMismatch
        case invalidID(row: Int, id: String, reason: IDProblem)
        case idStoredAsNumber(row: Int, raw: String)
        case duplicate(row: Int, id: String, certificate: String, files: [String])
        case rosterDisagrees(row: Int, id: String, certificate: String, detail: String)
        case missingParts(batch: String, missing: [String])

        /// A sentence for the terminal: ID numbers masked.
        public var message: String {
            switch self {
            case .unreadable(let d): return "not a readable workbook: \(d)"
            case .noHeaderRow: return "no form header row (序号, 姓名, 身份证号码, 资格证书编号 …) was found: this is not an addition-request form"
            case .fingerprintMissing: return "the rxbind-fingerprint property is missing: the rows cannot be shown to be the ones rxbind wrote"
            case .fingerprintMismatch: return "the fingerprint does not match: a data row was changed, added or removed after rxbind wrote the file"
            case let .invalidID(row, id, reason): return "row \(row): ID \(ResidentID.mask(id)) is invalid (\(reason.code))"
            case let .idStoredAsNumber(row, raw): return "row \(row): the ID is stored as a number (\(raw.count) characters), so its digits are not to be trusted"
            case let .duplicate(row, id, cert, files):
                return "row \(row): ID \(ResidentID.mask(id)) with certificate \(cert) appears more than once (\(files.joined(separator: ", ")))"
            case let .rosterDisagrees(row, id, cert, detail):
                return "row \(row): ID \(ResidentID.mask(id)), certificate \(cert): \(detail)"
            case let .missingParts(batch, missing):
                return "batch \(batch) is split into parts and part \(missing.joined(separator: ", ")) was not given"
            }
        }
    }

    /// What one file holds and what was found in it.
    public struct FileReport: Sendable {
        public let path: String
        public var batch: String?
        public var part: String?
        public var province: String?
        public var rows: [[String]] = []
        /// Whether the fingerprint property matched the rows.
        public var fingerprintMatches = false
        public var findings: [Finding] = []
        public var warnings: [String] = []

        public var name: String { FileSystem.lastComponent(of: path) }
        public var passed: Bool { findings.isEmpty }
    }

    /// The report over every file given, in the order given.
    public struct Report: Sendable {
        public let files: [FileReport]
        public var passed: Bool { files.allSatisfy(\.passed) }
    }

    /// Checks the files.
    public static func check(_ paths: [String], asOf: CalendarDate, roster: Roster?) -> Report {
        var reports = paths.map { read($0, asOf: asOf) }
        // Duplicates within and across files: every file holding a duplicated (ID, certificate) fails.
        var holders: [String: [(file: Int, row: Int)]] = [:]
        for (f, r) in reports.enumerated() {
            for (i, row) in r.rows.enumerated() { holders[row[3] + "\t" + row[4], default: []].append((f, i + 1)) }
        }
        for key in holders.keys.sorted() {
            let places = holders[key]!
            guard places.count > 1 else { continue }
            let parts = key.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let files = places.map { reports[$0.file].name + " row \($0.row)" }
            for p in places {
                reports[p.file].findings.append(.duplicate(row: p.row, id: parts[0], certificate: parts[1], files: files))
            }
        }
        // A split batch must come whole.
        var batches: [String: (count: Int, parts: Set<Int>, files: [Int])] = [:]
        for (f, r) in reports.enumerated() {
            guard let b = r.batch, let p = r.part, let (k, n) = parsePart(p), n > 1 else { continue }
            var entry = batches[b] ?? (n, [], [])
            entry.parts.insert(k)
            entry.files.append(f)
            batches[b] = entry
        }
        for b in batches.keys.sorted() {
            let e = batches[b]!
            let missing = (1...e.count).filter { !e.parts.contains($0) }.map { "\($0)/\(e.count)" }
            if !missing.isEmpty { for f in e.files { reports[f].findings.append(.missingParts(batch: b, missing: missing)) } }
        }
        if let roster {
            for f in reports.indices { compare(&reports[f], with: roster) }
        }
        return Report(files: reports)
    }

    static func parsePart(_ text: String) -> (Int, Int)? {
        let p = text.split(separator: "/")
        guard p.count == 2, let k = Int(p[0]), let n = Int(p[1]), k >= 1, k <= n else { return nil }
        return (k, n)
    }

    /// Reads one file: its properties, its data rows as text, and the findings that need nothing else.
    static func read(_ path: String, asOf: CalendarDate) -> FileReport {
        var report = FileReport(path: path)
        do {
            let book = try WorkbookReader(path: path)
            let properties = Dictionary(try book.customProperties().map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
            report.batch = properties["rxbind-batch"]
            report.part = properties["rxbind-part"]
            report.province = try book.coreProperties().creator
            let keys = properties["rxbind-columns"]?.split(separator: "\t").map(String.init)
            guard let sheet = try findForm(in: book, keys: keys, into: &report, asOf: asOf) else {
                report.findings.append(.noHeaderRow)
                return report
            }
            _ = sheet
            if let expected = properties["rxbind-fingerprint"] {
                let actual = AdditionRequestForm.fingerprint(batch: report.batch ?? "", rows: report.rows)
                report.fingerprintMatches = actual == expected.lowercased()
                if !report.fingerprintMatches { report.findings.insert(.fingerprintMismatch, at: 0) }
            } else {
                report.findings.insert(.fingerprintMissing, at: 0)
            }
        } catch {
            report.findings = [.unreadable((error as? LocalizedError)?.errorDescription ?? String(describing: error))]
        }
        return report
    }

    /// Finds the header row on some sheet, maps the columns and reads the data rows and the footer.
    static func findForm(in book: WorkbookReader, keys: [String]?, into report: inout FileReport,
                         asOf: CalendarDate) throws -> SheetInfo? {
        for sheet in book.sheets {
            var columns: [Int]? = nil      // column of each FormField, in form order
            var lastRow = 0
            var inData = false
            var rows: [[String]] = []
            var findings: [FormCheck.Finding] = []
            var footer: [String: String] = [:]
            try book.forEachRow(in: sheet) { row in
                if columns == nil {
                    columns = headerColumns(row, keys: keys)
                    if columns != nil { lastRow = row.number; inData = true }
                    return
                }
                let cols = columns!
                let cells = cols.map { row.value(atColumn: $0) }
                if inData {
                    let empty = cells.allSatisfy { $0 == nil || $0?.text == "" }
                    let footerLabel = (cells[0]?.text ?? "").hasSuffix("：")
                    if row.number == lastRow + 1 && !empty && !footerLabel {
                        lastRow = row.number
                        let n = rows.count + 1
                        var texts = cells.map { text($0) }
                        // 序号 is a number; its text is its decimal digits.
                        if case .number(_, let v)? = cells[0], v == v.rounded(), abs(v) < 1e15 { texts[0] = String(Int(v)) }
                        if case .number(let raw, _)? = cells[3] {
                            findings.append(.idStoredAsNumber(row: n, raw: raw))
                        } else if case .failure(let p) = ResidentID.read(texts[3], asOf: asOf) {
                            findings.append(.invalidID(row: n, id: texts[3], reason: p))
                        }
                        rows.append(texts)
                        return
                    }
                    inData = false
                }
                // The footer: a label ending in ： and whatever is filled in after it.
                let label = row.cells.first.flatMap { $0.value.text } ?? ""
                if label.hasSuffix("：") {
                    footer[String(label.dropLast())] = row.cells.dropFirst().compactMap { text($0.value) }
                        .joined().trimmingCharacters(in: .whitespaces)
                }
            }
            if columns != nil {
                report.rows = rows
                report.findings += findings
                for label in ["经办人", "联系电话", "日期"] where (footer[label] ?? "").isEmpty {
                    report.warnings.append("the footer field \(label) is empty")
                }
                return sheet
            }
        }
        return nil
    }

    /// The columns of the form's fields when `row` is its header row: with `rxbind-columns`, the first row whose
    /// first cells are all text (a template may relabel headings); without, the row holding the default headings.
    static func headerColumns(_ row: SheetRow, keys: [String]?) -> [Int]? {
        let fields = FormField.allCases
        if let keys, keys == fields.map(\.rawValue) {
            let texts = (0..<keys.count).map { row.value(atColumn: $0)?.text ?? "" }
            return texts.allSatisfy({ !$0.isEmpty }) ? Array(0..<keys.count) : nil
        }
        var columns: [Int] = []
        for f in fields {
            guard let c = row.cells.first(where: { TextNormalization.field($0.value.text ?? "") == f.defaultHeading }) else { return nil }
            columns.append(c.column)
        }
        return columns
    }

    static func text(_ v: CellValue?) -> String {
        switch v {
        case .text(let s, _)?: return s
        case .number(let raw, _)?: return raw
        case .boolean(let b)?: return b ? "TRUE" : "FALSE"
        case .error(let e)?: return e
        case .date(let d)?: return d
        case nil: return ""
        }
    }

    /// With `--certificates`: each row's certificate number, ID and name must agree with the roster.
    static func compare(_ report: inout FileReport, with roster: Roster) {
        for (i, row) in report.rows.enumerated() {
            guard case .success(let id) = ResidentID.read(row[3], asOf: CalendarDate(year: 9999, month: 12, day: 31)!) else { continue }
            let certificates = roster.certificates(for: id.id)
            let number = row[4]
            guard let cert = certificates.first(where: { $0.number == number }) else {
                let detail = certificates.isEmpty ? "the roster holds no certificate under this ID"
                    : "the roster holds this ID with other certificate numbers"
                report.findings.append(.rosterDisagrees(row: i + 1, id: row[3], certificate: number, detail: detail))
                continue
            }
            if !NameKey(raw: row[1]).matches(cert.nameKey) {
                report.findings.append(.rosterDisagrees(row: i + 1, id: row[3], certificate: number,
                                                        detail: "the roster holds this certificate under another name"))
            } else if cert.isRevoked {
                report.findings.append(.rosterDisagrees(row: i + 1, id: row[3], certificate: number,
                                                        detail: "the roster says this certificate is revoked"))
            }
        }
    }

    /// `--format csv`: the valid rows of every passing file, the form's columns plus `file` and `batch`.
    public static func importCSV(_ report: Report) -> [UInt8] {
        var text = CSVOutput.line(FormField.allCases.map(\.rawValue) + ["file", "batch"])
        for f in report.files where f.passed {
            for row in f.rows { text += CSVOutput.line(row + [f.name, f.batch ?? ""]) }
        }
        return CSVOutput.bom + Array(text.utf8)
    }

    /// The per-file report for the terminal (numbers masked).
    public static func text(_ report: Report) -> String {
        var lines: [String] = []
        for f in report.files {
            var facts: [String] = []
            if let b = f.batch { facts.append("batch \(b)") }
            if let p = f.part { facts.append("part \(p)") }
            if let p = f.province { facts.append(p) }
            facts.append("\(f.rows.count) rows")
            if f.batch != nil || !f.rows.isEmpty { facts.append(f.fingerprintMatches ? "fingerprint matches" : "fingerprint does NOT match") }
            lines.append("\(f.path): \(facts.joined(separator: ", ")) — \(f.passed ? "OK" : "FAILED")")
            // A file given twice repeats every row: the first errors say enough.
            for finding in f.findings.prefix(20) { lines.append("  error: " + finding.message) }
            if f.findings.count > 20 { lines.append("  … and \(f.findings.count - 20) more errors") }
            for w in f.warnings { lines.append("  warning: " + w) }
        }
        let failed = report.files.filter { !$0.passed }.count
        lines.append(failed == 0 ? "\(report.files.count) file(s) checked: all pass"
                                 : "\(report.files.count) file(s) checked: \(failed) FAILED")
        return lines.joined(separator: "\n")
    }
}
