import SpreadsheetReader

/// What each addition-request form carries so that `form check` can say which rows changed (SPEC §13).
///
/// **Design.** The fingerprint (SPEC §6) says whether any data row changed, not which. So every form also has a
/// hidden sheet, ``sheetName``, placed *after* the form sheet (importers and people open the first sheet), holding:
///
/// - the form's facts again — batch, part, columns and fingerprint — as key–value rows, and
/// - the digests of every data row, in form order, 40 characters a row: for each of its ten cells, FNV-1a (32 bits)
///   of the cell's text as the fingerprint sees it, its top eight bits folded onto the low 24 (FNV's recommended way
///   to a shorter hash), as four characters of 6 bits each from `0-9 A-Z a-z . _` (most significant first) — no
///   `=`, `+`, `-` or `@`, which programs may take for a formula. The rows go a hundred to a sheet row: the first
///   one's 序号 (a number), how many, and their digests end to end (4,000 characters, far below a cell's 32,767):
///   fifty cells a 5,000-row part instead of ten thousand (see Cost).
///
/// **Why a sheet, not custom properties.** Excel limits a custom property's text to 255 characters, so 5,000 rows
/// of digests would need hundreds of properties; and openpyxl (Debian 12's 3.0.9, what import scripts use) drops
/// `docProps/custom.xml` altogether when it re-saves a file — batch, part and fingerprint included. A sheet survives
/// LibreOffice, openpyxl, Excel and WPS re-saves as ordinary cells (tests re-save with the first two). When the
/// custom properties are gone, the check takes the facts from this sheet and says so. libxlsxwriter 1.1.4 cannot
/// write the "very hidden" state, so the sheet is plainly hidden: a clerk who unhides and edits it only stops the
/// check from locating a change, never from seeing one — the fingerprint decides.
///
/// **Why per-cell digests of 24 bits.** The row digest is the ten cell digests together: equal digests pair a row
/// with the row rxbind wrote (wherever it now stands), and the cells whose digests differ name the changed columns.
/// Short digests keep the sheet small (40 characters a row) and fast to write; they never decide a verdict alone.
/// A mismatching fingerprint fails the file whatever the digests say, and "only re-ordered" is accepted only when
/// the rows, put back in the order written, reproduce the fingerprint's full SHA-256. A collision (one in 16.7
/// million per changed cell) can at worst leave a changed column unnamed, or the change unlocated.
///
/// **Cost.** Measured on the twenty 5,000-row parts of a 100k-row batch: a first layout, one sheet row per data row
/// with six hex digits a cell, cost about a fifth more CPU for the whole run — ten thousand more cells a part, each
/// formatted, compressed and read back. Packed as above, the digests are 40 characters a row (about 30 bytes of
/// entropy that compression cannot remove, some 80 KB a part) and the run's CPU time rises by about 4%. Reading a
/// form whose fingerprint matches never opens the sheet; it is read only to explain a mismatch (about 0.03 s for a
/// part whose 5,000 rows were all re-ordered) or to stand in for lost properties.
public struct FormDigests: Sendable, Equatable {
    /// The hidden sheet's name.
    public static let sheetName = "rxbind校验数据"
    /// Cell A1 of the sheet, and B1 the layout's version, so that a sheet of the same name from elsewhere is not
    /// taken for it.
    static let marker = "rxbind-digests"
    static let version = "1"
    /// The note beside the marker for whoever unhides the sheet (the workbook is Chinese whatever the language).
    static let note = "本表由 rxbind 写入：记录添加申请表每一行各单元格的摘要，rxbind form check 据此指出哪些行被改动。请勿修改或删除。"
    /// The heading of the rows of digests.
    static let headings = ["首行序号", "行数", "各行各列摘要"]
    /// Data rows per sheet row.
    static let rowsPerCell = 100

    /// `rxbind-batch`, `rxbind-part`, `rxbind-columns` and `rxbind-fingerprint`, as the custom properties hold them.
    public var batch: String, part: String, columns: String, fingerprint: String
    /// One entry per data row, in the order written.
    public var rows: [Row]

    /// One data row as written.
    public struct Row: Sendable, Hashable {
        /// Its 序号 as text (its decimal digits).
        public let seq: String
        /// The digests of its cells, in form order.
        public let cells: [UInt32]
    }

    /// The digests of rows given as their cells' texts.
    public init(batch: String, part: String, columns: String, fingerprint: String, rows: [[String]]) {
        self.batch = batch
        self.part = part
        self.columns = columns
        self.fingerprint = fingerprint
        self.rows = rows.map { Row(seq: $0.first ?? "", cells: $0.map(Self.digest)) }
    }

    init(batch: String, part: String, columns: String, fingerprint: String, recorded: [Row]) {
        self.batch = batch
        self.part = part
        self.columns = columns
        self.fingerprint = fingerprint
        self.rows = recorded
    }

    /// The sheet rows of digests: runs of at most ``rowsPerCell`` data rows whose 序号 count up by one, each as its
    /// first 序号, its length and its rows' digests end to end. (序号 runs on by one through a batch, so a part is
    /// one run; a 序号 that does not — which rxbind does not write — only starts another.)
    var blocks: [(first: Int, count: Int, text: String)] {
        var blocks: [(first: Int, count: Int, text: String)] = []
        var start = 0
        while start < rows.count {
            guard let first = Int(rows[start].seq) else { start += 1; continue }
            var end = start + 1
            while end < rows.count, end - start < Self.rowsPerCell, Int(rows[end].seq) == first + (end - start) { end += 1 }
            blocks.append((first, end - start, Self.text(rows[start..<end].flatMap(\.cells))))
            start = end
        }
        return blocks
    }

    /// The key–value rows of the sheet, after the marker row.
    var facts: [(String, String)] {
        [("rxbind-batch", batch), ("rxbind-part", part), ("rxbind-columns", columns), ("rxbind-fingerprint", fingerprint)]
    }

    // MARK: - Digests

    /// FNV-1a (32 bits) of the text's UTF-8, folded to 24 bits.
    public static func digest(_ text: String) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return (hash >> 24) ^ (hash & 0xFF_FFFF)
    }

    /// The 64 characters of the sheet's text, each standing for 6 bits.
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz._".utf8)
    /// Each character's 6 bits, or 0xFF for a character not in ``alphabet``.
    static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = UInt8(i) }
        return table
    }()

    /// The sheet's text for digests: four characters each.
    static func text(_ cells: [UInt32]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(cells.count * 4)
        for d in cells {
            for shift in stride(from: 18, through: 0, by: -6) { bytes.append(alphabet[Int((d >> UInt32(shift)) & 0x3F)]) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The digests of a row's text, or nil when it is not `count` groups of four characters of ``alphabet``.
    static func parse(_ text: String, count: Int) -> [UInt32]? {
        let bytes = Array(text.utf8)
        guard bytes.count == count * 4 else { return nil }
        var cells: [UInt32] = []
        cells.reserveCapacity(count)
        for k in 0..<count {
            var d: UInt32 = 0
            for b in bytes[(4 * k)..<(4 * k + 4)] {
                let v = values[Int(b)]
                guard v != 0xFF else { return nil }
                d = d << 6 | UInt32(v)
            }
            cells.append(d)
        }
        return cells
    }

    // MARK: - Reading

    /// The digests a workbook carries, or nil when it has no such sheet (a form written before they existed) or the
    /// sheet is not one rxbind wrote.
    public static func read(from book: WorkbookReader) throws -> FormDigests? {
        guard let sheet = book.sheet(named: sheetName) else { return nil }
        var facts: [String: String] = [:]
        var rows: [Row] = []
        var valid = true
        var stage = 0   // 0: marker, 1: facts, 2: rows
        try book.forEachRow(in: sheet) { row in
            guard valid else { return }
            let a = row.value(atColumn: 0), b = row.value(atColumn: 1)
            switch stage {
            case 0:
                valid = a?.text == marker && cellText(b) == version
                stage = 1
            case 1:
                if a?.text == headings[0] { stage = 2; return }
                if let key = a?.text { facts[key] = b?.text ?? "" }
            default:
                let columns = FormField.allCases.count
                guard let first = Int(cellText(a)), let count = Int(cellText(b)), count >= 1,
                      let text = row.value(atColumn: 2)?.text, let cells = parse(text, count: count * columns) else {
                    valid = false
                    return
                }
                for i in 0..<count {
                    let seq = String(first + i)
                    let digests = Array(cells[(i * columns)..<((i + 1) * columns)])
                    // The first digest is 序号's own: a run that does not count up is not what rxbind wrote.
                    guard digests[0] == digest(seq) else { valid = false; return }
                    rows.append(Row(seq: seq, cells: digests))
                }
            }
        }
        guard valid, stage == 2, let batch = facts["rxbind-batch"], let part = facts["rxbind-part"],
              let columns = facts["rxbind-columns"], let fingerprint = facts["rxbind-fingerprint"] else { return nil }
        return FormDigests(batch: batch, part: part, columns: columns, fingerprint: fingerprint, recorded: rows)
    }

    /// A cell's text as the fingerprint sees it: a whole number as its decimal digits.
    static func cellText(_ value: CellValue?) -> String {
        switch value {
        case .text(let s, _)?: return s
        case .number(let raw, let v)?: return v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : raw
        case .boolean(let b)?: return b ? "TRUE" : "FALSE"
        case .error(let e)?: return e
        case .date(let d)?: return d
        case nil: return ""
        }
    }

    // MARK: - Locating changes

    /// How the rows found relate to the rows written.
    public struct Comparison: Sendable, Equatable {
        /// A row found that was written with other text in some cells.
        public struct Changed: Sendable, Equatable {
            /// Index into the rows written, and into the rows found.
            public let written: Int, found: Int
            /// The columns (indexes in form order) whose text differs.
            public let columns: [Int]
        }
        /// Rows found that pair with a row written but differ from it.
        public var changed: [Changed] = []
        /// Rows written that were not found (indexes into the rows written).
        public var removed: [Int] = []
        /// Rows found that were not written (indexes into the rows found).
        public var added: [Int] = []
        /// For each row written, the index of the identical row found; complete only when nothing else differs.
        public var identical: [Int?] = []

        /// Nothing changed, removed or added.
        public var sameRows: Bool { changed.isEmpty && removed.isEmpty && added.isEmpty }
        /// How many identical rows stand elsewhere than where they were written.
        public var moved: Int { identical.enumerated().filter { $0.element != nil && $0.element != $0.offset }.count }
    }

    /// Compares the rows found (their cells' texts, in form order) with the rows written.
    ///
    /// A row found whose ten digests equal a row written's is that row, wherever it stands. The rest pair up when
    /// they share 序号, the ID or the certificate number — what a clerk keeps when correcting a row — the pair with
    /// the most equal cells first; a pair is a changed row, its differing digests the changed columns. What stays
    /// unpaired was removed or added.
    public func compare(_ found: [[String]]) -> Comparison {
        var result = Comparison()
        result.identical = Array(repeating: nil, count: rows.count)
        let foundCells = found.map { $0.map(Self.digest) }
        var unwritten: [[UInt32]: [Int]] = [:]
        for (i, r) in rows.enumerated().reversed() { unwritten[r.cells, default: []].append(i) }
        var unmatchedFound: [Int] = []
        for (j, cells) in foundCells.enumerated() {
            if let i = unwritten[cells]?.popLast() {
                result.identical[i] = j
            } else {
                unmatchedFound.append(j)
            }
        }
        let unmatchedWritten = result.identical.indices.filter { result.identical[$0] == nil }
        guard !unmatchedFound.isEmpty || !unmatchedWritten.isEmpty else { return result }

        // Candidates share an identifying cell: 序号, the ID or the certificate number.
        let identifying = [FormField.seq, .id_number, .certificate_no].compactMap { FormField.allCases.firstIndex(of: $0) }
        struct Key: Hashable { let column: Int, digest: UInt32 }
        var byKey: [Key: [Int]] = [:]
        for i in unmatchedWritten {
            for c in identifying where c < rows[i].cells.count { byKey[Key(column: c, digest: rows[i].cells[c]), default: []].append(i) }
        }
        var candidates: [(written: Int, found: Int, equal: Int, distance: Int)] = []
        for j in unmatchedFound {
            var seen = Set<Int>()
            for c in identifying where c < foundCells[j].count {
                for i in byKey[Key(column: c, digest: foundCells[j][c])] ?? [] where seen.insert(i).inserted {
                    let equal = zip(rows[i].cells, foundCells[j]).filter { $0 == $1 }.count
                    candidates.append((i, j, equal, abs(i - j)))
                }
            }
        }
        candidates.sort { ($0.equal, -$0.distance, -$0.found) > ($1.equal, -$1.distance, -$1.found) }
        var pairedWritten = Set<Int>(), pairedFound = Set<Int>()
        for c in candidates where !pairedWritten.contains(c.written) && !pairedFound.contains(c.found) {
            pairedWritten.insert(c.written)
            pairedFound.insert(c.found)
            let written = rows[c.written].cells, now = foundCells[c.found]
            let columns = (0..<max(written.count, now.count)).filter { k in
                k >= written.count || k >= now.count || written[k] != now[k]
            }
            result.changed.append(.init(written: c.written, found: c.found, columns: columns))
        }
        result.changed.sort { $0.found < $1.found }
        result.removed = unmatchedWritten.filter { !pairedWritten.contains($0) }
        result.added = unmatchedFound.filter { !pairedFound.contains($0) }
        return result
    }
}
