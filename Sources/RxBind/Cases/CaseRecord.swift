/// A case as the workspace remembers it across nights (SPEC §5), keyed by its 18-digit ID.
public struct CaseRecord: Sendable, Hashable {
    public enum Status: String, Sendable, Codable { case open, resolved }

    public var id: ResidentID
    /// The latest name seen.
    public var name: String
    public var firstSeen: CalendarDate
    public var lastSeen: CalendarDate
    /// Attempts over all nights.
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
