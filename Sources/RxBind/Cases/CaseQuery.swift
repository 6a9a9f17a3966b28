import Store

/// `rxbind cases`: the workspace's cases, filtered (SPEC §8).
public struct CaseQuery: Sendable {
    public var status: CaseRecord.Status?
    public var caseClass: CaseClass?
    public var id: ResidentID?

    public init(status: CaseRecord.Status? = nil, caseClass: CaseClass? = nil, id: ResidentID? = nil) {
        self.status = status
        self.caseClass = caseClass
        self.id = id
    }

    /// The matching cases in ID order.
    public func run(workspace root: String) throws -> [CaseRecord] {
        let workspace = Workspace(root: root)
        guard workspace.exists else {
            throw NotAWorkspace(path: root)
        }
        let store = try CaseStore(path: workspace.storePath, readOnly: true)
        var conditions: [String] = []
        var arguments: [DatabaseValue] = []
        if let s = status { conditions.append("status = ?"); arguments.append(.text(s.rawValue)) }
        if let c = caseClass { conditions.append("class = ?"); arguments.append(.text(c.code)) }
        if let i = id { conditions.append("id = ?"); arguments.append(.text(i.text)) }
        var out: [CaseRecord] = []
        try store.forEachCase(where: conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "),
                              arguments) { out.append($0) }
        return out
    }

    /// `--format csv`'s header.
    public static let csvHeader = ["id_number", "name", "status", "class", "reason", "flags", "first_seen", "last_seen",
                                   "attempts", "last_requested", "resolved_on", "history"]

    /// One CSV row (full numbers: a data output).
    public static func csvRow(_ r: CaseRecord) -> [String] {
        [r.id.text, r.name, r.status.rawValue, r.caseClass.code, r.reason.code, r.flags.map(\.code).joined(separator: "|"),
         r.firstSeen.iso, r.lastSeen.iso, String(r.attempts), r.lastRequested?.iso ?? "", r.resolvedOn?.iso ?? "",
         r.history.map { "\($0.date.iso) \($0.caseClass.code)/\($0.reason.code)" }.joined(separator: "; ")]
    }

    /// The terminal table: masked numbers, aligned for CJK text.
    public static func table(_ records: [CaseRecord]) -> String {
        let header = ["ID", "NAME", "STATUS", "CLASS", "REASON", "FLAGS", "FIRST SEEN", "LAST SEEN", "ATTEMPTS", "REQUESTED"]
        let rows = records.map { r in
            [r.id.masked, r.name, r.status.rawValue, r.caseClass.code, r.reason.code,
             r.flags.map(\.code).joined(separator: "|"), r.firstSeen.iso, r.lastSeen.iso, String(r.attempts),
             r.lastRequested?.iso ?? ""]
        }
        var widths = header.map(displayWidth)
        for row in rows { for (i, c) in row.enumerated() { widths[i] = max(widths[i], displayWidth(c)) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                i == cells.count - 1 ? c : c + String(repeating: " ", count: widths[i] - displayWidth(c) + 2)
            }.joined()
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n\(records.count) case(s)"
    }

    /// Terminal columns a text takes: East Asian wide characters count two.
    static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { n, u in
            let v = u.value
            let wide = (v >= 0x1100 && v <= 0x115F) || (v >= 0x2E80 && v <= 0xA4CF) || (v >= 0xAC00 && v <= 0xD7A3)
                || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFE30 && v <= 0xFE4F) || (v >= 0xFF00 && v <= 0xFF60)
                || (v >= 0xFFE0 && v <= 0xFFE6) || (v >= 0x20000 && v <= 0x3FFFD)
            return n + (wide ? 2 : 1)
        }
    }
}
