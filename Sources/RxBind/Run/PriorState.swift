import Files
/// The case state a run starts from (SPEC §5), with its canonical dump — archived, and hashed into the manifest.
public struct PriorState: Sendable {
    /// Every case, by packed ID.
    public let records: [UInt64: CaseRecord]
    /// The province the workspace remembers.
    public let province: Province?
    /// The nights before, oldest first (SPEC §14).
    public let trend: [TrendEntry]
    /// The canonical dump.
    public let dump: [UInt8]
    public var sha256: String { Digest.sha256(dump) }

    /// The state of a store, dumped in ID order.
    static func read(from store: CaseStore) throws -> PriorState {
        let province = try store.province()
        var records: [UInt64: CaseRecord] = [:]
        var sorted: [CaseRecord] = []
        try store.forEachCase { r in
            records[r.id.packed] = r
            sorted.append(r)
        }
        let trend = try store.trend()
        let text = CaseStateDump.text(province: province, cases: sorted, trend: trend)
        return PriorState(records: records, province: province, trend: trend, dump: Array(text.utf8))
    }

    /// A state from an archived dump.
    public static func parse(_ dump: [UInt8]) throws -> PriorState {
        let (province, cases, trend) = try CaseStateDump.parse(dump)
        var records: [UInt64: CaseRecord] = [:]
        for c in cases { records[c.id.packed] = c }
        return PriorState(records: records, province: province, trend: trend, dump: dump)
    }

    /// The records in ID order.
    var sortedRecords: [CaseRecord] { records.keys.sorted().map { records[$0]! } }

    /// Every close staff recorded so far.
    var closes: Int { records.values.reduce(0) { $0 + $1.notes.count { $0.kind == .close } } }
}
