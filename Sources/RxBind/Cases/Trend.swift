/// One night in the workspace's trend (SPEC §14): what the run changed and the backlog it left. Kept in the case
/// store and in the canonical case-state dump, so every night's triage workbook shows the trend up to it and an
/// `audit rerun` reproduces it from the archive alone.
public struct TrendEntry: Sendable, Hashable {
    public var runID: String
    public var asOf: CalendarDate
    /// Cases first seen that night.
    public var new: Int
    /// Open cases the night's registry resolved.
    public var resolved: Int
    /// Cases staff closed since the previous night (the difference of ``closesSoFar``).
    public var closed: Int
    /// Cases that went dormant that night.
    public var dormant: Int
    /// Data rows of the night's addition-request form.
    public var formRows: Int
    /// Open cases per class after the night, in ``CaseClass`` order.
    public var backlog: [Int]
    /// Every close staff recorded up to that night (so the next night's ``closed`` is a difference, whatever the
    /// dates the closes carry).
    public var closesSoFar: Int

    public var openBacklog: Int { backlog.reduce(0, +) }

    /// The stored fields, in the order of the trend table's columns and of the dump's `trend` lines.
    var storedFields: [String] {
        [runID, asOf.iso, String(new), String(resolved), String(closed), String(dormant), String(formRows),
         backlog.map(String.init).joined(separator: ","), String(closesSoFar)]
    }

    static let storedFieldCount = 9

    init(runID: String, asOf: CalendarDate, new: Int, resolved: Int, closed: Int, dormant: Int, formRows: Int,
         backlog: [Int], closesSoFar: Int) {
        self.runID = runID
        self.asOf = asOf
        self.new = new
        self.resolved = resolved
        self.closed = closed
        self.dormant = dormant
        self.formRows = formRows
        self.backlog = backlog
        self.closesSoFar = closesSoFar
    }

    init?(storedFields f: [String]) {
        guard f.count == TrendEntry.storedFieldCount, let asOf = CalendarDate(iso: f[1]), let new = Int(f[2]),
              let resolved = Int(f[3]), let closed = Int(f[4]), let dormant = Int(f[5]), let formRows = Int(f[6]),
              let closes = Int(f[8]) else { return nil }
        let backlog = f[7].split(separator: ",").compactMap { Int($0) }
        guard backlog.count == CaseClass.allCases.count else { return nil }
        self.init(runID: f[0], asOf: asOf, new: new, resolved: resolved, closed: closed, dormant: dormant,
                  formRows: formRows, backlog: backlog, closesSoFar: closes)
    }
}

/// The centre's turnaround (SPEC §14): days from a case's first addition request to its resolution, per month of
/// resolution.
public struct Turnaround: Sendable, Hashable {
    /// `YYYY-MM`.
    public let month: String
    public let cases: Int
    /// The median (the mean of the two middle values for an even count) and the 90th percentile (nearest rank).
    public let median: Double
    public let p90: Int

    /// The months' figures, oldest first, from the cases resolved after having been requested.
    public static func of(_ records: some Sequence<CaseRecord>) -> [Turnaround] {
        var days: [String: [Int]] = [:]
        for r in records where r.status == .resolved {
            guard let resolved = r.resolvedOn, let first = r.requests.first?.date else { continue }
            days[String(resolved.iso.prefix(7)), default: []].append(resolved.days(since: first))
        }
        return days.keys.sorted().map { month in
            let d = days[month]!.sorted()
            let n = d.count
            let median = n % 2 == 1 ? Double(d[n / 2]) : Double(d[n / 2 - 1] + d[n / 2]) / 2
            let rank = (9 * n + 9) / 10  // ceil(0.9 n), 1-based
            return Turnaround(month: month, cases: n, median: median, p90: d[rank - 1])
        }
    }
}
