/// The canonical text of a workspace's case state (SPEC §5): the case tables' rows, sorted, as text — never SQLite
/// file bytes, so its SHA-256 means the same on every machine. Each run archives the state it started from, which is
/// what `--force` and `rxbind revert` restore and what `audit rerun` starts a scratch workspace from.
///
/// ```
/// rxbind-case-state 2
/// province<TAB>新疆维吾尔自治区
/// case<TAB>id<TAB>name<TAB>first_seen<TAB>last_seen<TAB>attempts<TAB>class<TAB>reason<TAB>flags<TAB>status<TAB>resolved_on<TAB>last_requested<TAB>history<TAB>requests<TAB>attempt_keys<TAB>notes
/// trend<TAB>run_id<TAB>as_of<TAB>new<TAB>resolved<TAB>closed<TAB>dormant<TAB>form_rows<TAB>backlog<TAB>closes_so_far
/// ```
/// One `case` line per case in ID order, then one `trend` line per night in order; flags `|`-separated; history
/// `date CLASS REASON` entries and requests `date run-id` entries `;`-separated; notes compact JSON; tab, line feed
/// and backslash in names escaped as `\t`, `\n`, `\\`. Version 1 (written before attempts had identities and staff
/// notes, SPEC §11 and §14) has neither those two fields nor trend lines; it is still read, so `audit rerun` and
/// `--force` work on runs archived before.
public enum CaseStateDump {
    static let header = "rxbind-case-state 2\n"
    /// The headers this version reads, and how many fields a `case` line has under each.
    static let readable = ["rxbind-case-state 1": 14, "rxbind-case-state 2": 16]

    /// A whole state as its canonical text.
    static func text(province: Province?, cases: some Sequence<CaseRecord>, trend: [TrendEntry]) -> String {
        var text = header + provinceLine(province)
        for r in cases { text += line(r) }
        for t in trend { text += line(t) }
        return text
    }

    /// The province line.
    static func provinceLine(_ province: Province?) -> String { "province\t\(province?.name ?? "")\n" }

    /// One case's line.
    static func line(_ r: CaseRecord) -> String {
        var f = r.storedFields
        f[1] = escape(f[1])
        return "case\t" + f.joined(separator: "\t") + "\n"
    }

    /// One night's trend line.
    static func line(_ t: TrendEntry) -> String { "trend\t" + t.storedFields.joined(separator: "\t") + "\n" }

    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x5C || $0 == 0x0D }) else { return s }
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func unescape(_ s: Substring) -> String {
        guard s.contains("\\") else { return String(s) }
        var out = ""
        var it = s.unicodeScalars.makeIterator()
        while let c = it.next() {
            if c == "\\", let n = it.next() {
                switch n {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                default: out.unicodeScalars.append(n)
                }
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Reads a dump back: the province, the cases and the trend.
    public static func parse(_ bytes: [UInt8]) throws -> (province: Province?, cases: [CaseRecord], trend: [TrendEntry]) {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard let first = lines.first, let caseFields = readable[String(first)] else {
            throw RxBindError.caseStateDamaged(line: 1)
        }
        var province: Province? = nil
        var cases: [CaseRecord] = []
        var trend: [TrendEntry] = []
        for (i, l) in lines.enumerated().dropFirst() {
            let f = l.split(separator: "\t", omittingEmptySubsequences: false)
            let fail = RxBindError.caseStateDamaged(line: i + 1)
            switch f.first {
            case "province":
                guard f.count == 2 else { throw fail }
                if !f[1].isEmpty {
                    guard let p = Province(named: String(f[1])) else { throw fail }
                    province = p
                }
            case "case":
                guard f.count == caseFields, let record = CaseRecord(storedFields: f.dropFirst().enumerated().map {
                    $0.offset == 1 ? unescape($0.element) : String($0.element)
                }) else { throw fail }
                cases.append(record)
            case "trend" where caseFields == 16:
                guard let entry = TrendEntry(storedFields: f.dropFirst().map(String.init)) else { throw fail }
                trend.append(entry)
            default:
                throw fail
            }
        }
        return (province, cases, trend)
    }
}
