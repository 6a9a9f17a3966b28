/// The night's roster or registry, indexed in memory by the ID as an integer (SPEC §9): rows sorted by packed ID,
/// found by binary search, their text in a ``StringArena``.
struct ReferenceIndex: Sendable {
    /// One row: 24 bytes plus its text in the arena.
    struct Row: Sendable {
        var id: UInt64
        var text: UInt32
        var line: UInt32
        /// A date in days since 1970 (the annotation end), or `Int32.min`.
        var day: Int32
        /// Bit 0: held as 15 digits; bit 1: revoked.
        var flags: UInt8
    }

    private(set) var rows: [Row] = []
    private(set) var arena = StringArena()
    private var sorted = true
    /// A row began past what 32-bit offsets reach: the index is unusable, and the reader says so.
    private(set) var overflowed = false

    var count: Int { rows.count }

    /// Appends a row whose fields follow in the arena from `arena.end` onwards: call ``appendField`` for each.
    mutating func beginRow(id: ResidentID, heldAs15: Bool, line: Int, day: Int32 = .min, revoked: Bool = false) {
        if let last = rows.last, (last.id, last.line) > (id.packed, UInt32(line)) { sorted = false }
        guard let offset = arena.end else {
            overflowed = true
            return
        }
        rows.append(Row(id: id.packed, text: offset, line: UInt32(clamping: line), day: day,
                        flags: (heldAs15 ? 1 : 0) | (revoked ? 2 : 0)))
    }

    mutating func appendField(_ text: String) { arena.append(text) }

    mutating func appendField(utf8: UnsafeBufferPointer<UInt8>) { arena.append(utf8: utf8) }

    /// Sorts by ID, then line (files are read in line order, so this is the file's order among equal IDs), and
    /// gives back the room the arrays grew into but did not use (up to half of it: they double as they grow).
    mutating func finish() {
        if !sorted { rows.sort { ($0.id, $0.line) < ($1.id, $1.line) } }
        sorted = true
        rows.shrinkToFit()
        arena.shrinkToFit()
    }

    /// The rows holding `id`, in file order.
    func rows(for id: ResidentID) -> ArraySlice<Row> {
        precondition(sorted, "finish() the index before looking anything up")
        var lo = 0, hi = rows.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if rows[mid].id < id.packed { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < rows.count, rows[end].id == id.packed { end += 1 }
        return rows[lo..<end]
    }

    func field(_ row: Row, _ index: Int) -> String { arena.string(at: row.text, field: index) }

    /// All `count` fields of a row, walking the arena once.
    func fields(_ row: Row, count: Int) -> [String] { arena.strings(at: row.text, count: count) }
}

/// The certificate roster of the night.
public struct Roster: Sendable {
    var index = ReferenceIndex()

    /// The number of usable rows.
    public var count: Int { index.count }
    /// More text than the index can hold (see ``StringArena/end``).
    var overflowed: Bool { index.overflowed }

    /// Starts a usable row; its five text fields follow with ``appendField(utf8:)``: name, number, category, year,
    /// issued on — in that order.
    mutating func beginRow(id: IDReading, revoked: Bool, annotationExpires: CalendarDate?, line: Int) {
        index.beginRow(id: id.id, heldAs15: id.heldAs15, line: line,
                       day: annotationExpires.map { Int32($0.daysSinceEpoch) } ?? .min, revoked: revoked)
    }

    mutating func appendField(utf8: UnsafeBufferPointer<UInt8>) { index.appendField(utf8: utf8) }

    /// Adds a usable row (tests, and small callers).
    mutating func add(id: IDReading, name: String, number: String, category: String, year: String,
                      issuedOn: String, revoked: Bool, annotationExpires: CalendarDate?, line: Int) {
        beginRow(id: id, revoked: revoked, annotationExpires: annotationExpires, line: line)
        for f in [name, number, category, year, issuedOn] { index.appendField(f) }
    }

    mutating func finish() { index.finish() }

    /// C: the certificates held under `id` in either form, in roster order.
    public func certificates(for id: ResidentID) -> [Certificate] {
        index.rows(for: id).map { r in
            let f = index.fields(r, count: 5)
            return Certificate(id: ResidentID(packed: r.id)!, heldAs15: r.flags & 1 != 0, name: f[0], number: f[1],
                               category: f[2], year: f[3], issuedOn: f[4], isRevoked: r.flags & 2 != 0,
                               annotationExpires: r.day == .min ? nil : CalendarDate(daysSinceEpoch: Int(r.day)),
                               line: Int(r.line))
        }
    }
}

/// The registry snapshot of the night.
public struct Registry: Sendable {
    var index = ReferenceIndex()

    /// The number of usable rows.
    public var count: Int { index.count }
    /// More text than the index can hold (see ``StringArena/end``).
    var overflowed: Bool { index.overflowed }

    /// Starts a usable row; its five text fields follow with ``appendField(utf8:)``: name, registration number,
    /// employer, status, province — in that order.
    mutating func beginRow(id: IDReading, line: Int) {
        index.beginRow(id: id.id, heldAs15: id.heldAs15, line: line)
    }

    mutating func appendField(utf8: UnsafeBufferPointer<UInt8>) { index.appendField(utf8: utf8) }

    /// Adds a usable row (tests, and small callers).
    mutating func add(id: IDReading, name: String, registrationNo: String, employer: String, status: String,
                      province: String, line: Int) {
        beginRow(id: id, line: line)
        for f in [name, registrationNo, employer, status, province] { index.appendField(f) }
    }

    mutating func finish() { index.finish() }

    /// The records held under `id` in either form, in registry order (R18 and R15 together).
    public func records(for id: ResidentID) -> [RegistryRecord] {
        index.rows(for: id).map { r in
            let f = index.fields(r, count: 5)
            return RegistryRecord(id: ResidentID(packed: r.id)!, heldAs15: r.flags & 1 != 0, name: f[0],
                                  registrationNo: f[1], employer: f[2], status: f[3], province: f[4], line: Int(r.line))
        }
    }
}
