import Files
import Foundation
import SpreadsheetReader

/// `rxbind form check` (SPEC §10, §13): what the national centre — and the province, before sending — runs on
/// received addition-request forms, whoever re-saved them.
///
/// The check produces findings as data (``Report``); ``text(_:language:)`` is the one place that words them, through
/// the message catalog.
public enum FormCheck {
    /// Where a data row is: its 序号 and its row number in the spreadsheet (what a clerk sees in Excel's margin).
    public struct RowPlace: Sendable, Hashable {
        /// 序号 as written (for a changed row) or as found.
        public let seq: String
        /// The spreadsheet row, from 1.
        public let sheetRow: Int
    }

    /// A row of one of the files given.
    public struct FilePlace: Sendable, Hashable {
        /// The file's name.
        public let file: String
        /// The spreadsheet row, from 1.
        public let sheetRow: Int
    }

    /// A cell of a changed row whose text is not what rxbind wrote.
    public struct ChangedCell: Sendable, Hashable {
        /// The column's field.
        public let field: FormField
        /// The column's heading in the file.
        public let heading: String
        /// The cell's text now (a full ID number: the rendering masks it).
        public let value: String
    }

    /// Why a row disagrees with the roster given with `--certificates`.
    public enum RosterProblem: Sendable, Hashable {
        case noCertificateUnderID, otherCertificateNumbers, otherName, revoked
    }

    /// What the fingerprint says about the data rows.
    public enum FingerprintState: Sendable, Hashable {
        /// The rows are exactly the ones rxbind wrote, in its order.
        case matches
        /// The rows are exactly the ones rxbind wrote, in another order (sorted by hand): the data is intact.
        case reordered
        /// A row was changed, added or removed.
        case mismatch
        /// The file carries no fingerprint.
        case missing
    }

    /// Whether a fingerprint mismatch could be located.
    public enum Locating: Sendable, Hashable {
        /// The changed, removed and added rows follow as findings of their own.
        case located
        /// The form carries row digests, but they do not explain the difference.
        case notLocated
        /// The form carries no row digests (written before they existed, or the digest sheet was removed).
        case noDigests
    }

    /// A finding that makes a file fail.
    public enum Finding: Sendable, Hashable {
        case unreadable(String)
        case noHeaderRow
        case fingerprintMissing
        case fingerprintMismatch(Locating)
        case rowChanged(RowPlace, cells: [ChangedCell])
        case rowRemoved(seq: String, writtenRow: Int)
        case rowAdded(RowPlace, id: String, name: String)
        case invalidID(RowPlace, cell: String, id: String, reason: IDProblem)
        case idStoredAsNumber(RowPlace, cell: String)
        case duplicate(RowPlace, id: String, certificate: String, places: [FilePlace])
        case rosterDisagrees(RowPlace, id: String, certificate: String, problem: RosterProblem)
    }

    /// Something the reader should know that does not make the file fail.
    public enum Note: Sendable, Hashable {
        /// The rows were re-ordered: `moved` of them stand elsewhere than written; every row is intact.
        case reordered(moved: Int)
        /// The file's custom properties are gone (a program dropped them on re-saving); batch, part, columns and
        /// fingerprint were read from the digest sheet.
        case factsFromDigestSheet
    }

    /// A warning: printed, not failing.
    public enum Warning: Sendable, Hashable {
        /// A footer field (经办人, 联系电话, 日期) left empty.
        case footerEmpty(String)
    }

    /// A finding about several files of one batch, reported once.
    public enum BatchFinding: Sendable, Hashable {
        /// The same part of the batch was given more than once: the files that hold it.
        case partGivenTwice(batch: String, part: String, files: [String])
        /// Parts of a split batch that were not given, and the files that were.
        case missingParts(batch: String, missing: [String], files: [String])
    }

    /// What one file holds and what was found in it.
    public struct FileReport: Sendable {
        public let path: String
        public var batch: String?
        public var part: String?
        public var province: String?
        /// The data rows' cells as text, in form order.
        public var rows: [[String]] = []
        /// Each data row's spreadsheet row number, from 1.
        public var rowNumbers: [Int] = []
        /// What the fingerprint says; nil when no form was found.
        public var fingerprint: FingerprintState?
        public var findings: [Finding] = []
        public var notes: [Note] = []
        public var warnings: [Warning] = []
        /// A finding about its batch (a part given twice, parts missing) concerns this file.
        public var failedWithBatch = false

        public var name: String { FileSystem.lastComponent(of: path) }
        public var passed: Bool { findings.isEmpty && !failedWithBatch }
    }

    /// The report over every file given, in the order given, and the findings about batches.
    public struct Report: Sendable {
        public let files: [FileReport]
        public let batchFindings: [BatchFinding]
        public var passed: Bool { files.allSatisfy(\.passed) && batchFindings.isEmpty }
    }

    // MARK: - Checking

    /// Checks the files.
    public static func check(_ paths: [String], asOf: CalendarDate, roster: Roster?) -> Report {
        var reports = paths.map { read($0, asOf: asOf) }
        var batchFindings: [BatchFinding] = []

        // The same part of the same batch given twice (a file sent twice, or a copy): one finding for the batch.
        // Its copies then hold each other's rows, which is that finding, not a duplicate per row.
        var holdersOfPart: [String: [Int]] = [:]
        var partKeys: [String] = []
        for (f, r) in reports.enumerated() {
            guard let b = r.batch, let p = r.part else { continue }
            let key = b + "\t" + p
            if holdersOfPart[key] == nil { partKeys.append(key) }
            holdersOfPart[key, default: []].append(f)
        }
        var copyGroup = Array(reports.indices)
        for key in partKeys {
            let files = holdersOfPart[key]!
            for f in files { copyGroup[f] = files[0] }
            guard files.count > 1 else { continue }
            batchFindings.append(.partGivenTwice(batch: reports[files[0]].batch!, part: reports[files[0]].part!,
                                                 files: files.map { reports[$0].name }))
            for f in files { reports[f].failedWithBatch = true }
        }

        // Duplicates within and across files: every file holding a duplicated (ID, certificate) fails.
        var holders: [String: [(file: Int, row: Int)]] = [:]
        for (f, r) in reports.enumerated() {
            for (i, row) in r.rows.enumerated() { holders[row[3] + "\t" + row[4], default: []].append((f, i)) }
        }
        for key in holders.keys.sorted() {
            var places = holders[key]!
            guard places.count > 1 else { continue }
            let groups = Set(places.map { copyGroup[$0.file] })
            if groups.count == 1 {
                // Only copies of one part: a duplicate only where one file holds the row twice.
                let counts = Dictionary(grouping: places, by: \.file).filter { $0.value.count > 1 }
                places = places.filter { counts[$0.file] != nil }
                guard !places.isEmpty else { continue }
            }
            let parts = key.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let named = places.map { FilePlace(file: reports[$0.file].name, sheetRow: reports[$0.file].rowNumbers[$0.row]) }
            for p in places {
                reports[p.file].findings.append(.duplicate(place(reports[p.file], p.row), id: parts[0],
                                                           certificate: parts[1], places: named))
            }
        }

        // A split batch must come whole: one finding per batch.
        var batches: [String: (count: Int, parts: Set<Int>, files: [Int])] = [:]
        var batchOrder: [String] = []
        for (f, r) in reports.enumerated() {
            guard let b = r.batch, let p = r.part, let (k, n) = parsePart(p), n > 1 else { continue }
            if batches[b] == nil { batchOrder.append(b) }
            var entry = batches[b] ?? (n, [], [])
            entry.parts.insert(k)
            entry.files.append(f)
            batches[b] = entry
        }
        for b in batchOrder {
            let e = batches[b]!
            let missing = (1...e.count).filter { !e.parts.contains($0) }.map { "\($0)/\(e.count)" }
            guard !missing.isEmpty else { continue }
            batchFindings.append(.missingParts(batch: b, missing: missing, files: e.files.map { reports[$0].name }))
            for f in e.files { reports[f].failedWithBatch = true }
        }
        if let roster {
            for f in reports.indices { compare(&reports[f], with: roster) }
        }
        return Report(files: reports, batchFindings: batchFindings)
    }

    static func parsePart(_ text: String) -> (Int, Int)? {
        let p = text.split(separator: "/")
        guard p.count == 2, let k = Int(p[0]), let n = Int(p[1]), k >= 1, k <= n else { return nil }
        return (k, n)
    }

    static func place(_ report: FileReport, _ row: Int) -> RowPlace {
        RowPlace(seq: report.rows[row][0], sheetRow: report.rowNumbers[row])
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
            var columns = properties["rxbind-columns"]
            var expected = properties["rxbind-fingerprint"]
            // Read only when needed: a form whose fingerprint matches never opens the digest sheet.
            var digestsRead = false
            var cachedDigests: FormDigests?
            func digests() throws -> FormDigests? {
                if !digestsRead { cachedDigests = try FormDigests.read(from: book); digestsRead = true }
                return cachedDigests
            }
            // Every rxbind property gone means a program dropped the custom properties when it re-saved the file
            // (openpyxl does): the digest sheet holds the same facts. One property missing among the others is not
            // that, and is reported as it is.
            let own = ["rxbind-batch", "rxbind-part", "rxbind-columns", "rxbind-fingerprint"]
            if own.allSatisfy({ properties[$0] == nil }), let d = try digests() {
                report.batch = d.batch
                report.part = d.part
                columns = d.columns
                expected = d.fingerprint
                report.notes.append(.factsFromDigestSheet)
            }
            let keys = columns?.split(separator: "\t").map(String.init)
            guard let form = try findForm(in: book, keys: keys, asOf: asOf) else {
                report.findings.append(.noHeaderRow)
                return report
            }
            report.rows = form.rows
            report.rowNumbers = form.rowNumbers
            report.warnings = form.emptyFooterFields.map(Warning.footerEmpty)
            guard let expected = expected?.lowercased() else {
                report.fingerprint = .missing
                report.findings = [.fingerprintMissing] + form.findings
                return report
            }
            let batch = report.batch ?? ""
            if AdditionRequestForm.fingerprint(batch: batch, rows: form.rows) == expected {
                report.fingerprint = .matches
                report.findings = form.findings
                return report
            }
            // The fingerprint does not match: locate the difference with the digests written with these rows.
            guard let d = try digests(), d.batch == batch, d.fingerprint.lowercased() == expected else {
                report.fingerprint = .mismatch
                report.findings = [.fingerprintMismatch(.noDigests)] + form.findings
                return report
            }
            let comparison = d.compare(form.rows)
            if comparison.sameRows {
                // Every row intact: put back in the order written, they must give the fingerprint itself.
                let ordered = comparison.identical.compactMap { $0.map { form.rows[$0] } }
                if ordered.count == form.rows.count && AdditionRequestForm.fingerprint(batch: batch, rows: ordered) == expected {
                    report.fingerprint = .reordered
                    report.notes.append(.reordered(moved: comparison.moved))
                    report.findings = form.findings
                } else {
                    report.fingerprint = .mismatch
                    report.findings = [.fingerprintMismatch(.notLocated)] + form.findings
                }
                return report
            }
            report.fingerprint = .mismatch
            report.findings = [.fingerprintMismatch(.located)]
                + located(comparison, written: d.rows, form: form) + form.findings
        } catch {
            let detail = (error as? SpreadsheetReadError).map(SpreadsheetReadErrorText.describe)
                ?? (error as? LocalizedError)?.errorDescription ?? String(describing: error)
            report.findings = [.unreadable(detail)]
        }
        return report
    }

    /// The changed and added rows in spreadsheet order, then the removed ones.
    static func located(_ c: FormDigests.Comparison, written: [FormDigests.Row], form: FoundForm) -> [Finding] {
        let fields = FormField.allCases
        var byRow: [(Int, Finding)] = []
        for change in c.changed {
            let row = form.rows[change.found]
            let cells = change.columns.filter { $0 < fields.count && $0 < row.count }.map {
                ChangedCell(field: fields[$0], heading: form.headings[$0], value: row[$0])
            }
            byRow.append((change.found, .rowChanged(RowPlace(seq: written[change.written].seq,
                                                             sheetRow: form.rowNumbers[change.found]), cells: cells)))
        }
        for j in c.added {
            let row = form.rows[j]
            byRow.append((j, .rowAdded(RowPlace(seq: row[0], sheetRow: form.rowNumbers[j]), id: row[3], name: row[1])))
        }
        let removed = c.removed.map { Finding.rowRemoved(seq: written[$0].seq, writtenRow: AdditionRequestForm.firstDataRow + $0 + 1) }
        return byRow.sorted { $0.0 < $1.0 }.map(\.1) + removed
    }

    /// The form found in a workbook.
    struct FoundForm {
        /// The data rows' cells as text, in form order, and their spreadsheet rows.
        var rows: [[String]] = []
        var rowNumbers: [Int] = []
        /// The column headings as the file shows them, in form order.
        var headings: [String] = []
        /// What the cells alone show (invalid IDs, IDs stored as numbers).
        var findings: [Finding] = []
        var emptyFooterFields: [String] = []
    }

    /// Finds the header row on some sheet, maps the columns and reads the data rows and the footer.
    static func findForm(in book: WorkbookReader, keys: [String]?, asOf: CalendarDate) throws -> FoundForm? {
        for sheet in book.sheets where sheet.name != FormDigests.sheetName {
            var columns: [Int]? = nil      // column of each FormField, in form order
            var lastRow = 0
            var inData = false
            var form = FoundForm()
            var footer: [String: String] = [:]
            try book.forEachRow(in: sheet) { row in
                if columns == nil {
                    columns = headerColumns(row, keys: keys)
                    if let cols = columns {
                        lastRow = row.number
                        inData = true
                        form.headings = cols.map { row.value(atColumn: $0).map { text($0) } ?? "" }
                    }
                    return
                }
                let cols = columns!
                let cells = cols.map { row.value(atColumn: $0) }
                if inData {
                    let empty = cells.allSatisfy { $0 == nil || $0?.text == "" }
                    let footerLabel = (cells[0]?.text ?? "").hasSuffix("：")
                    if row.number == lastRow + 1 && !empty && !footerLabel {
                        lastRow = row.number
                        // 序号 is a number; its text is its decimal digits.
                        var texts = cells.map { text($0) }
                        if case .number(_, let v)? = cells[0], v == v.rounded(), abs(v) < 1e15 { texts[0] = String(Int(v)) }
                        let place = RowPlace(seq: texts[0], sheetRow: row.number)
                        let reference = cellReference(column: cols[3], row: row.number)
                        if case .number? = cells[3] {
                            form.findings.append(.idStoredAsNumber(place, cell: reference))
                        } else if case .failure(let p) = ResidentID.read(texts[3], asOf: asOf) {
                            form.findings.append(.invalidID(place, cell: reference, id: texts[3], reason: p))
                        }
                        form.rows.append(texts)
                        form.rowNumbers.append(row.number)
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
                form.emptyFooterFields = ["经办人", "联系电话", "日期"].filter { (footer[$0] ?? "").isEmpty }
                return form
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

    /// The A1-style reference of a cell (`D7`): column from 0, row from 1.
    static func cellReference(column: Int, row: Int) -> String {
        var letters: [Character] = []
        var remaining = column + 1
        while remaining > 0 {
            letters.insert(Character(Unicode.Scalar(UInt8(65 + (remaining - 1) % 26))), at: 0)
            remaining = (remaining - 1) / 26
        }
        return String(letters) + String(row)
    }

    /// With `--certificates`: each row's certificate number, ID and name must agree with the roster.
    static func compare(_ report: inout FileReport, with roster: Roster) {
        for (i, row) in report.rows.enumerated() {
            guard case .success(let id) = ResidentID.read(row[3], asOf: CalendarDate(year: 9999, month: 12, day: 31)!) else { continue }
            let certificates = roster.certificates(for: id.id)
            let number = row[4]
            let here = place(report, i)
            guard let cert = certificates.first(where: { $0.number == number }) else {
                report.findings.append(.rosterDisagrees(here, id: row[3], certificate: number,
                                                        problem: certificates.isEmpty ? .noCertificateUnderID : .otherCertificateNumbers))
                continue
            }
            if !NameKey(raw: row[1]).matches(cert.nameKey) {
                report.findings.append(.rosterDisagrees(here, id: row[3], certificate: number, problem: .otherName))
            } else if cert.isRevoked {
                report.findings.append(.rosterDisagrees(here, id: row[3], certificate: number, problem: .revoked))
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
}
