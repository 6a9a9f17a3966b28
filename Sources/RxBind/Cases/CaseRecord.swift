import Foundation

/// A case as the workspace remembers it across nights (SPEC §5), keyed by its 18-digit ID.
public struct CaseRecord: Sendable, Hashable {
    /// Where a case stands (SPEC §5, §14).
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Failing, nobody has closed it: carried over night after night.
        case open
        /// Tonight's registry holds it under its 18-digit number with a matching name.
        case resolved
        /// Closed by staff (`rxbind cases close`); a new attempt opens it again.
        case closed
        /// No new attempt for `--dormant-after` days; a new attempt wakes it.
        case dormant
    }

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
    /// What staff recorded, oldest first (SPEC §14): notes and closes.
    public var notes: [StaffNote] = []

    /// A note or a close, as staff recorded it with `rxbind cases note` or `rxbind cases close`.
    public struct StaffNote: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Hashable, Codable { case note, close }
        /// The local date it was recorded.
        public var date: CalendarDate
        public var kind: Kind
        public var text: String

        public init(date: CalendarDate, kind: Kind, text: String) {
            self.date = date
            self.kind = kind
            self.text = text
        }

        enum CodingKeys: String, CodingKey { case date, kind, text }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = try c.decode(String.self, forKey: .date)
            guard let date = CalendarDate(iso: d) else {
                throw DecodingError.dataCorruptedError(forKey: .date, in: c, debugDescription: "not a date")
            }
            self.init(date: date, kind: try c.decode(Kind.self, forKey: .kind), text: try c.decode(String.self, forKey: .text))
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(date.iso, forKey: .date)
            try c.encode(kind, forKey: .kind)
            try c.encode(text, forKey: .text)
        }
    }

    /// When staff closed it last (status `closed`).
    public var closedOn: CalendarDate? { status == .closed ? notes.last(where: { $0.kind == .close })?.date : nil }

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
    static let storedFieldCount = 15

    /// The record as fifteen text fields, in the order of the case store's columns and of the case-state dump:
    /// id, name, first_seen, last_seen, attempts, class, reason, flags (`|`), status, resolved_on, last_requested,
    /// history (`date CLASS REASON` entries, `;`-separated), requests (`date run-id` entries, `;`-separated),
    /// attempt keys (16 hex digits each, `,`-separated, sorted), notes (compact JSON with sorted keys, empty when
    /// none: staff text may hold any character, and JSON escapes the ones the dump's lines use).
    var storedFields: [String] {
        [id.text, name, firstSeen.iso, lastSeen.iso, String(attempts), caseClass.code, reason.code,
         flags.map(\.code).joined(separator: "|"), status.rawValue, resolvedOn?.iso ?? "", lastRequested?.iso ?? "",
         history.map { "\($0.date.iso) \($0.caseClass.code) \($0.reason.code)" }.joined(separator: ";"),
         requests.map { "\($0.date.iso) \($0.runID)" }.joined(separator: ";"),
         attemptKeys.map(\.hex).joined(separator: ","), CaseRecord.encode(notes)]
    }

    static func encode(_ notes: [StaffNote]) -> String {
        guard !notes.isEmpty else { return "" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings and dates cannot fail.
        return String(decoding: (try? encoder.encode(notes)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func decodeNotes(_ text: String) -> [StaffNote]? {
        guard !text.isEmpty else { return [] }
        return try? JSONDecoder().decode([StaffNote].self, from: Data(text.utf8))
    }

    /// A record from its stored fields — fifteen, or the first thirteen of a workspace written before attempts had
    /// identities and staff notes — or nil when any is malformed.
    init?(storedFields f: [String]) {
        guard f.count == 13 || f.count == 15,
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
        var notes: [StaffNote] = []
        if f.count == 15 {
            guard let n = CaseRecord.decodeNotes(f[14]) else { return nil }
            notes = n
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
                  history: history, requests: requests, attemptKeys: keys, notes: notes)
    }
}
