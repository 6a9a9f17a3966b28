import Files
import Foundation
import SpreadsheetReader

/// One output of a run folder against the same output of its rerun (`audit rerun`, SPEC §13): identical, or the
/// first difference named — sheet and cell of a workbook (or the zip part, when every cell value is the same), line
/// and column of a CSV file, line of any other file — with the values masked as on every terminal (SPEC §6).
///
/// A file that cannot be read is reported as such: two failed reads are never "the same".
enum OutputComparison {
    /// What comparing found beyond "the bytes differ".
    enum Finding {
        case difference(String)
        case unreadable(String)
    }

    /// Which of the two files a read error is about.
    struct ReadFailure: Error {
        let inRerun: Bool
        let why: String

        var message: String {
            localized(inRerun ? .auditRerunCopyUnreadable : .auditRunCopyUnreadable, ["why": why])
        }
    }

    static func compare(_ name: String, original: String, rerun: String) -> AuditCheck {
        let a: (sha256: String, bytes: Int), b: (sha256: String, bytes: Int)
        do { a = try FileSystem.hash(original) } catch {
            return AuditCheck(subject: name, outcome: .unreadable,
                              detail: ReadFailure(inRerun: false, why: error.localizedDescription).message)
        }
        do { b = try FileSystem.hash(rerun) } catch {
            return AuditCheck(subject: name, outcome: .unreadable,
                              detail: ReadFailure(inRerun: true, why: error.localizedDescription).message)
        }
        if a == b { return AuditCheck(subject: name, outcome: .ok, detail: localized(.auditIdentical)) }
        let finding: Finding
        do {
            if name.hasSuffix(".xlsx") {
                finding = .difference(try WorkbookDifference.first(original: original, rerun: rerun))
            } else {
                let x = try read(original, inRerun: false), y = try read(rerun, inRerun: true)
                finding = .difference(name.hasSuffix(".csv") ? CSVDifference.first(x, y) : TextDifference.first(x, y))
            }
        } catch let e as ReadFailure {
            finding = .unreadable(e.message)
        } catch {
            finding = .unreadable(error.localizedDescription)
        }
        switch finding {
        case .difference(let detail): return AuditCheck(subject: name, outcome: .mismatch, detail: detail)
        case .unreadable(let detail): return AuditCheck(subject: name, outcome: .unreadable, detail: detail)
        }
    }

    static func read(_ path: String, inRerun: Bool) throws -> [UInt8] {
        do { return try FileSystem.read(path) } catch {
            throw ReadFailure(inRerun: inRerun, why: error.localizedDescription)
        }
    }

    /// A value as the terminal may show it: ID-like and phone-like digit runs masked, long text shortened, quoted;
    /// nil (an empty cell, a line that is not there) as such.
    static func shown(_ value: String?, absent: MessageKey = .auditValueEmpty) -> String {
        guard let value, !value.isEmpty else { return localized(absent) }
        var text = masked(value)
        if text.count > 60 { text = String(text.prefix(60)) + "…" }
        return localized(.auditQuoted, ["value": text])
    }

    /// Masks every run of 11 or more digits (an ID's last character may be `X`): 15 and more as ID numbers
    /// (`110101********777X`), 11 to 14 as phone numbers (`139****5678`). Certificate numbers are masked too;
    /// better one number too many hidden than one ID shown (SPEC §6).
    static func masked(_ text: String) -> String {
        var out = ""
        var run = ""
        func flush() {
            if run.count >= 15 { out += ResidentID.mask(run) }
            else if run.count >= 11 { out += maskPhone(run) }
            else { out += run }
            run = ""
        }
        for ch in text {
            if ch.isASCII && ch.isNumber {
                run.append(ch)
            } else if (ch == "X" || ch == "x") && run.count >= 14 {
                run.append(ch)
                flush()
            } else {
                flush()
                out.append(ch)
            }
        }
        flush()
        return out
    }
}

/// The first difference between two workbooks: the sheet and the cell where values first differ, else the first
/// zip part that differs. Streams each sheet; memory holds one 16-byte digest per row, never the sheet.
enum WorkbookDifference {
    private struct Stop: Error {}

    static func first(original: String, rerun: String) throws -> String {
        let a = try open(original, inRerun: false), b = try open(rerun, inRerun: true)
        for i in 0..<max(a.sheets.count, b.sheets.count) {
            let x = i < a.sheets.count ? a.sheets[i].name : nil, y = i < b.sheets.count ? b.sheets[i].name : nil
            if x != y {
                return localized(.auditFirstDifferenceSheets, [
                    "index": i + 1, "original": OutputComparison.shown(x), "rerun": OutputComparison.shown(y)])
            }
        }
        for (sa, sb) in zip(a.sheets, b.sheets) where sa.kind == .worksheet && sb.kind == .worksheet {
            if let (cell, x, y) = try firstCell(a, sa, b, sb) {
                return localized(.auditFirstDifferenceCell, [
                    "sheet": sa.name, "cell": cell, "original": OutputComparison.shown(x), "rerun": OutputComparison.shown(y)])
            }
        }
        for part in a.partNames where b.partChecksum(part).map({ $0 != a.partChecksum(part)! }) ?? true {
            return localized(.auditFirstDifferencePart, ["part": part])
        }
        for part in b.partNames where a.partChecksum(part) == nil {
            return localized(.auditFirstDifferencePart, ["part": part])
        }
        return localized(.auditFirstDifferenceContainer)
    }

    static func open(_ path: String, inRerun: Bool) throws -> WorkbookReader {
        do { return try WorkbookReader(path: path) } catch {
            throw OutputComparison.ReadFailure(inRerun: inRerun, why: summary(error))
        }
    }

    static func summary(_ error: Error) -> String {
        (error as? SpreadsheetReadError)?.summary ?? error.localizedDescription
    }

    /// The first cell whose value differs, as (reference, run folder's value, rerun's value); nil when every cell
    /// of the sheet has the same value in both.
    static func firstCell(_ a: WorkbookReader, _ sa: SheetInfo, _ b: WorkbookReader, _ sb: SheetInfo)
        throws -> (String, String?, String?)? {
        var digests: [(row: Int, digest: Int)] = []
        do { try a.forEachRow(in: sa) { digests.append(($0.number, digest($0))) } } catch {
            throw OutputComparison.ReadFailure(inRerun: false, why: summary(error))
        }
        var k = 0
        var rerunRow: SheetRow? = nil
        do {
            try b.forEachRow(in: sb) { row in
                if k >= digests.count || digests[k] != (row.number, digest(row)) {
                    rerunRow = row
                    throw Stop()
                }
                k += 1
            }
        } catch is Stop {
        } catch {
            throw OutputComparison.ReadFailure(inRerun: true, why: summary(error))
        }
        if rerunRow == nil && k == digests.count { return nil }
        // The run folder's row at the same position, read again (the first pass kept only digests).
        var originalRow: SheetRow? = nil
        if k < digests.count {
            var j = 0
            do {
                try a.forEachRow(in: sa) { row in
                    if j == k { originalRow = row; throw Stop() }
                    j += 1
                }
            } catch is Stop {
            } catch {
                throw OutputComparison.ReadFailure(inRerun: false, why: summary(error))
            }
        }
        return cellDifference(originalRow, rerunRow)
    }

    /// Where two rows at the same position first differ. Rows with different numbers: the lower-numbered row is
    /// on one side only, so its first cell is the difference.
    static func cellDifference(_ x: SheetRow?, _ y: SheetRow?) -> (String, String?, String?)? {
        if let x, let y, x.number == y.number {
            let columns = Set(x.cells.map(\.column) + y.cells.map(\.column)).sorted()
            for c in columns where x.value(atColumn: c) != y.value(atColumn: c) {
                return (reference(column: c, row: x.number), text(x.value(atColumn: c)), text(y.value(atColumn: c)))
            }
            return nil
        }
        let onlyX = y == nil || (x != nil && x!.number < y!.number)
        guard let row = onlyX ? x : y else { return nil }
        let cell = row.cells.first
        let ref = reference(column: cell?.column ?? 0, row: row.number)
        let value = text(cell?.value)
        return onlyX ? (ref, value, nil) : (ref, nil, value)
    }

    static func digest(_ row: SheetRow) -> Int {
        var h = Hasher()
        h.combine(row.number)
        for c in row.cells {
            h.combine(c.column)
            h.combine(c.value)
        }
        return h.finalize()
    }

    /// A cell's value as text, as stored (no number format applied).
    static func text(_ value: CellValue?) -> String? {
        switch value {
        case .none: return nil
        case .text(let t, _): return t
        case .number(let raw, _): return raw
        case .boolean(let b): return b ? "TRUE" : "FALSE"
        case .error(let e): return e
        case .date(let d): return d
        }
    }

    /// `B4` for column 1 (from 0), row 4 (from 1).
    static func reference(column: Int, row: Int) -> String {
        var letters = ""
        var n = column + 1
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters + String(row)
    }
}

/// The first difference between two CSV files, by record: its line and, when both have it, the first column that
/// differs, named by the header.
enum CSVDifference {
    static func first(_ a: [UInt8], _ b: [UInt8]) -> String {
        var x = Records(a), y = Records(b)
        var header: [String] = []
        while true {
            let r = x.next(), s = y.next()
            if r == nil && s == nil { break }
            // Columns are named by the rerun's header: the run folder's may be what changed.
            if header.isEmpty { header = s?.fields ?? r?.fields ?? [] }
            if let r, let s, r.fields == s.fields { continue }
            let line = r?.line ?? s!.line
            if let r, let s {
                let j = (0..<max(r.fields.count, s.fields.count)).first {
                    ($0 < r.fields.count ? r.fields[$0] : nil) != ($0 < s.fields.count ? s.fields[$0] : nil)
                }!
                let column = j < header.count ? header[j] : "#\(j + 1)"
                return localized(.auditFirstDifferenceColumn, [
                    "line": line, "column": column,
                    "original": OutputComparison.shown(j < r.fields.count ? r.fields[j] : nil),
                    "rerun": OutputComparison.shown(j < s.fields.count ? s.fields[j] : nil)])
            }
            return localized(.auditFirstDifferenceLine, [
                "line": line,
                "original": OutputComparison.shown(r.map { $0.fields.joined(separator: ",") }, absent: .auditValueAbsent),
                "rerun": OutputComparison.shown(s.map { $0.fields.joined(separator: ",") }, absent: .auditValueAbsent)])
        }
        // The same records written differently (line ends, quoting): the first line that differs.
        return TextDifference.first(a, b)
    }

    /// RFC 4180 records of a UTF-8 file (a BOM skipped), each with the physical line it starts on.
    struct Records {
        let bytes: [UInt8]
        var i = 0
        var line = 1

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            if bytes.starts(with: CSVOutput.bom) { i = 3 }
        }

        mutating func next() -> (line: Int, fields: [String])? {
            guard i < bytes.count else { return nil }
            let start = line
            var fields: [String] = []
            var field: [UInt8] = []
            var quoted = false
            while i < bytes.count {
                let c = bytes[i]
                i += 1
                if quoted {
                    if c == UInt8(ascii: "\"") {
                        if i < bytes.count && bytes[i] == UInt8(ascii: "\"") { field.append(c); i += 1 } else { quoted = false }
                    } else {
                        if c == 0x0A { line += 1 }
                        field.append(c)
                    }
                } else if c == UInt8(ascii: "\"") {
                    quoted = true
                } else if c == UInt8(ascii: ",") {
                    fields.append(String(decoding: field, as: UTF8.self))
                    field = []
                } else if c == 0x0A {
                    line += 1
                    break
                } else if c != 0x0D {
                    field.append(c)
                }
            }
            fields.append(String(decoding: field, as: UTF8.self))
            return (start, fields)
        }
    }
}

/// The first line on which two text files differ.
enum TextDifference {
    static func first(_ a: [UInt8], _ b: [UInt8]) -> String {
        let x: [ArraySlice<UInt8>] = a.split(separator: 0x0A, omittingEmptySubsequences: false)
        let y: [ArraySlice<UInt8>] = b.split(separator: 0x0A, omittingEmptySubsequences: false)
        let count = max(x.count, y.count)
        var i = 0
        while i < count && i < x.count && i < y.count && x[i] == y[i] { i += 1 }
        func line(_ lines: [ArraySlice<UInt8>], _ k: Int) -> String? {
            k < lines.count ? String(decoding: lines[k].filter { $0 != 0x0D }, as: UTF8.self) : nil
        }
        return localized(.auditFirstDifferenceLine, [
            "line": i + 1,
            "original": OutputComparison.shown(line(x, i), absent: .auditValueAbsent),
            "rerun": OutputComparison.shown(line(y, i), absent: .auditValueAbsent)])
    }
}
