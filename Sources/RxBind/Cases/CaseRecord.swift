/// A case as the workspace remembers it across nights (SPEC §5), keyed by its 18-digit ID.
public struct CaseRecord: Sendable, Hashable {
    public enum Status: String, Sendable, Codable, CaseIterable { case open, resolved }

    public var id: ResidentID
    /// The latest name seen.
    public var name: String
    public var firstSeen: CalendarDate
    public var lastSeen: CalendarDate
    /// Distinct attempts over all nights (SPEC §11). A workspace written before attempts had identities keeps the
    /// count it had; attempts recorded since are counted once each.
    public var attempts: Int
    public var caseClass: CaseClass
    public var reason: Reason
    public var flags: [Flag]
    public var status: Status
    /// When the case was resolved (status `resolved`).
    public var resolvedOn: CalendarDate?
    /// The as-of date of the last night it was put on an addition-request form.
    public var lastRequested: CalendarDate?
    /// Its class history: one entry each time the class or reason changed (and when it reopened).
    public var history: [HistoryEntry]
    /// Every night it went on a form: the date and the run id.
    public var requests: [RequestEntry]
    /// The identities of the attempts recorded, sorted: a row repeating one of them adds nothing (SPEC §11).
    public var attemptKeys: [AttemptKey] = []

    /// A change of class.
    public struct HistoryEntry: Sendable, Hashable {
        public var date: CalendarDate
        public var caseClass: CaseClass
        public var reason: Reason
    }

    /// A night it was put on a form.
    public struct RequestEntry: Sendable, Hashable {
        public var date: CalendarDate
        public var runID: String
    }
}

extension CaseRecord {
    /// The number of stored fields (``storedFields``).
    static let storedFieldCount = 14

    /// The record as fourteen text fields, in the order of the case store's columns and of the case-state dump:
    /// id, name, first_seen, last_seen, attempts, class, reason, flags (`|`), status, resolved_on, last_requested,
    /// history (`date CLASS REASON` entries, `;`-separated), requests (`date run-id` entries, `;`-separated),
    /// attempt keys (16 hex digits each, `,`-separated, sorted).
    var storedFields: [String] {
        [id.text, name, firstSeen.iso, lastSeen.iso, String(attempts), caseClass.code, reason.code,
         flags.map(\.code).joined(separator: "|"), status.rawValue, resolvedOn?.iso ?? "", lastRequested?.iso ?? "",
         history.map { "\($0.date.iso) \($0.caseClass.code) \($0.reason.code)" }.joined(separator: ";"),
         requests.map { "\($0.date.iso) \($0.runID)" }.joined(separator: ";"),
         attemptKeys.map(\.hex).joined(separator: ",")]
    }

    /// A record from its stored fields — fourteen, or the first thirteen of a workspace written before attempts had
    /// identities — or nil when any is malformed.
    init?(storedFields f: [String]) {
        guard f.count == 13 || f.count == 14,
              case .success(let id) = ResidentID.read(f[0], asOf: CalendarDate(year: 9999, month: 12, day: 31)!),
              !id.heldAs15,
              let first = CalendarDate(iso: f[2]), let last = CalendarDate(iso: f[3]), let attempts = Int(f[4]),
              let cls = CaseClass(rawValue: f[5]), let reason = Reason(rawValue: f[6]),
              let status = Status(rawValue: f[8]) else { return nil }
        var flags: [Flag] = []
        for s in f[7].split(separator: "|") {
            guard let fl = Flag(rawValue: String(s)) else { return nil }
            flags.append(fl)
        }
        var history: [HistoryEntry] = []
        for e in f[11].split(separator: ";") {
            let p = e.split(separator: " ")
            guard p.count == 3, let d = CalendarDate(iso: String(p[0])), let c = CaseClass(rawValue: String(p[1])),
                  let r = Reason(rawValue: String(p[2])) else { return nil }
            history.append(HistoryEntry(date: d, caseClass: c, reason: r))
        }
        var requests: [RequestEntry] = []
        for e in f[12].split(separator: ";") {
            let p = e.split(separator: " ")
            guard p.count == 2, let d = CalendarDate(iso: String(p[0])) else { return nil }
            requests.append(RequestEntry(date: d, runID: String(p[1])))
        }
        var keys: [AttemptKey] = []
        if f.count == 14 {
            for k in f[13].split(separator: ",") {
                guard let key = AttemptKey(hex: k) else { return nil }
                keys.append(key)
            }
            guard zip(keys, keys.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
        }
        let resolvedOn = f[9].isEmpty ? nil : CalendarDate(iso: f[9])
        let lastRequested = f[10].isEmpty ? nil : CalendarDate(iso: f[10])
        guard f[9].isEmpty || resolvedOn != nil, f[10].isEmpty || lastRequested != nil else { return nil }
        self.init(id: id.id, name: f[1], firstSeen: first, lastSeen: last, attempts: attempts, caseClass: cls,
                  reason: reason, flags: flags, status: status, resolvedOn: resolvedOn, lastRequested: lastRequested,
                  history: history, requests: requests, attemptKeys: keys)
    }
}
