import Store

/// A run the workspace has committed.
public struct RunEntry: Sendable, Hashable {
    /// Its position in the workspace's history, from 1.
    public let seq: Int
    public let runID: String
    public let asOf: CalendarDate
    /// The SHA-256 of its `manifest.json`: the next run's manifest links to it.
    public let manifestSHA256: String
    /// The SHA-256 of the case state it started from (archived).
    public let priorStateSHA256: String
    /// How many staff actions the actions log held when it committed (SPEC §14): later ones stop a revert.
    public var actions: Int = 0
}

/// A run undone by `rxbind revert` (SPEC §11): its record, kept in the case store and beside its folder under
/// `reverted/`.
public struct RevertedRun: Sendable, Hashable {
    /// The order of reverts in the workspace, from 1.
    public let seq: Int
    /// The run as it was committed.
    public let run: RunEntry
    /// When it was reverted (local time, `YYYY-MM-DD HH:MM:SS±HH:MM`) and why, as staff gave it.
    public let revertedAt: String
    public let why: String

    /// Its folder under `reverted/`: the revert's number and the run id, so a night reverted, run again and
    /// reverted again keeps both.
    public var folder: String { "\(seq)-\(run.runID)" }
}

/// The case store (`rxbind.sqlite`, SPEC §5): the cases across nights, the workspace's province and its runs.
/// Only the case store persists in SQLite; the night's roster and registry are indexed in memory (SPEC §9).
final class CaseStore {
    let database: Database

    /// The schema, as ordered named migrations; shipped ones are never edited.
    static let migrations: [Migration] = [
        Migration("001-case-store", sql: """
            CREATE TABLE workspace (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE cases (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                first_seen TEXT NOT NULL,
                last_seen TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                class TEXT NOT NULL,
                reason TEXT NOT NULL,
                flags TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
                resolved_on TEXT NOT NULL,
                last_requested TEXT NOT NULL,
                history TEXT NOT NULL,
                requests TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX cases_status ON cases (status);
            CREATE TABLE runs (
                seq INTEGER PRIMARY KEY,
                run_id TEXT NOT NULL UNIQUE,
                as_of TEXT NOT NULL,
                manifest_sha256 TEXT NOT NULL,
                prior_state_sha256 TEXT NOT NULL
            );
            """),
        // SPEC §11: an attempt counts once. Cases recorded before keep their attempt counts and have no keys.
        Migration("002-attempt-identity", sql: """
            ALTER TABLE cases ADD COLUMN attempt_keys TEXT NOT NULL DEFAULT '';
            """),
        // SPEC §11: a mistaken run can be undone; its record stays.
        Migration("003-reverted-runs", sql: """
            CREATE TABLE reverted_runs (
                seq INTEGER PRIMARY KEY,
                run_seq INTEGER NOT NULL,
                run_id TEXT NOT NULL,
                as_of TEXT NOT NULL,
                manifest_sha256 TEXT NOT NULL,
                prior_state_sha256 TEXT NOT NULL,
                reverted_at TEXT NOT NULL,
                why TEXT NOT NULL
            );
            """),
        // SPEC §14: cases closed by staff or dormant, staff notes, and the trend of the nights. SQLite cannot change a
        // CHECK constraint in place, so the case table is rebuilt with its rows.
        Migration("004-cases-as-work", sql: """
            CREATE TABLE cases_new (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                first_seen TEXT NOT NULL,
                last_seen TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                class TEXT NOT NULL,
                reason TEXT NOT NULL,
                flags TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'closed', 'dormant')),
                resolved_on TEXT NOT NULL,
                last_requested TEXT NOT NULL,
                history TEXT NOT NULL,
                requests TEXT NOT NULL,
                attempt_keys TEXT NOT NULL DEFAULT '',
                notes TEXT NOT NULL DEFAULT ''
            ) WITHOUT ROWID;
            INSERT INTO cases_new (id, name, first_seen, last_seen, attempts, class, reason, flags, status,
                                   resolved_on, last_requested, history, requests, attempt_keys)
                SELECT id, name, first_seen, last_seen, attempts, class, reason, flags, status, resolved_on,
                       last_requested, history, requests, attempt_keys FROM cases;
            DROP TABLE cases;
            ALTER TABLE cases_new RENAME TO cases;
            CREATE INDEX cases_status ON cases (status);
            ALTER TABLE runs ADD COLUMN actions INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE trend (
                seq INTEGER PRIMARY KEY,
                run_id TEXT NOT NULL,
                as_of TEXT NOT NULL,
                new INTEGER NOT NULL,
                resolved INTEGER NOT NULL,
                closed INTEGER NOT NULL,
                dormant INTEGER NOT NULL,
                form_rows INTEGER NOT NULL,
                backlog TEXT NOT NULL,
                closes_so_far INTEGER NOT NULL
            );
            """),
    ]

    static let columns = "id, name, first_seen, last_seen, attempts, class, reason, flags, status, resolved_on, "
        + "last_requested, history, requests, attempt_keys, notes"

    /// Opens (or creates, 0600) the store and brings its schema up to date.
    init(path: String, readOnly: Bool = false) throws {
        // A 64 MiB page cache: a national night writes a million cases in one transaction (measured in the Store
        // module: about twice the rows per second of SQLite's default 2 MiB once the table outgrows it).
        do {
            database = try Database(path: path, options: .init(access: readOnly ? .readOnly : .readWriteCreate,
                                                                newFilePermissions: 0o600, cacheSizeKiB: 65_536))
            if !readOnly { try database.migrate(CaseStore.migrations) }
        } catch let e as StoreError {
            throw RxBindError.store(e)
        }
    }

    /// Runs `body`, turning the Store module's errors into the domain's (the disk's refusals are "cannot write").
    private func guarded<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as StoreError { throw RxBindError.store(e) }
    }

    /// The province the workspace remembers.
    func province() throws -> Province? {
        try guarded {
            var value: String?
            try database.prepare("SELECT value FROM workspace WHERE key = 'province'").forEachRow { value = try $0.string(0) }
            return value.flatMap { Province(named: $0) }
        }
    }

    /// The committed runs, oldest first.
    func runs() throws -> [RunEntry] {
        try guarded {
            var runs: [RunEntry] = []
            try database.prepare(
                "SELECT seq, run_id, as_of, manifest_sha256, prior_state_sha256, actions FROM runs ORDER BY seq")
                .forEachRow { row in
                    guard let seq = try row.int(0), let id = try row.string(1), let d = try row.string(2),
                          let asOf = CalendarDate(iso: d), let m = try row.string(3), let p = try row.string(4),
                          let actions = try row.int(5) else {
                        throw RxBindError.storeDamaged(table: "runs")
                    }
                    runs.append(RunEntry(seq: seq, runID: id, asOf: asOf, manifestSHA256: m, priorStateSHA256: p,
                                         actions: actions))
                }
            return runs
        }
    }

    /// The reverted runs, in the order they were reverted.
    func revertedRuns() throws -> [RevertedRun] {
        try guarded {
            var out: [RevertedRun] = []
            try database.prepare("""
                SELECT seq, run_seq, run_id, as_of, manifest_sha256, prior_state_sha256, reverted_at, why
                FROM reverted_runs ORDER BY seq
                """).forEachRow { row in
                    guard let seq = try row.int(0), let runSeq = try row.int(1), let id = try row.string(2),
                          let d = try row.string(3), let asOf = CalendarDate(iso: d), let m = try row.string(4),
                          let p = try row.string(5), let at = try row.string(6), let why = try row.string(7) else {
                        throw RxBindError.storeDamaged(table: "reverted_runs")
                    }
                    out.append(RevertedRun(seq: seq, run: RunEntry(seq: runSeq, runID: id, asOf: asOf,
                                                                   manifestSHA256: m, priorStateSHA256: p),
                                           revertedAt: at, why: why))
                }
            return out
        }
    }

    /// The actions log as the store knows it (SPEC §14): the SHA-256 of its last line, its number of lines, and a
    /// line committed but perhaps not yet appended.
    func actionsState() throws -> (head: String, count: Int, pending: String?) {
        try guarded {
            var values: [String: String] = [:]
            try database.prepare("SELECT key, value FROM workspace WHERE key LIKE 'actions_%'").forEachRow { row in
                if let k = try row.string(0), let v = try row.string(1) { values[k] = v }
            }
            guard let count = Int(values["actions_count"] ?? "0") else { throw RxBindError.storeDamaged(table: "workspace") }
            return (values["actions_head"] ?? "", count, values["actions_pending"].flatMap { $0.isEmpty ? nil : $0 })
        }
    }

    /// A staff action in one transaction: the case as it is after it, the log's new head and count, and the line
    /// to append.
    func commitAction(_ record: CaseRecord, head: String, count: Int, pending: String) throws {
        try guarded {
            try database.execute("BEGIN IMMEDIATE TRANSACTION")
            do {
                try insert(record, with: try database.prepare(CaseStore.insertCase))
                for (k, v) in [("actions_head", head), ("actions_count", String(count)), ("actions_pending", pending)] {
                    try setValue(v, for: k)
                }
                try database.execute("COMMIT TRANSACTION")
            } catch {
                abandon()
                throw error
            }
        }
    }

    /// The pending line is in the log.
    func clearPendingAction() throws {
        try guarded { try setValue("", for: "actions_pending") }
    }

    private func setValue(_ value: String, for key: String) throws {
        try database.prepare("""
            INSERT INTO workspace (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """).execute([.text(key), .text(value)])
    }

    /// The nights' trend, oldest first (SPEC §14).
    func trend() throws -> [TrendEntry] {
        try guarded {
            var out: [TrendEntry] = []
            try database.prepare("SELECT \(CaseStore.trendColumns) FROM trend ORDER BY seq").forEachRow { row in
                var fields: [String] = []
                for i in 0..<TrendEntry.storedFieldCount {
                    fields.append([0, 1, 7].contains(i) ? try row.string(i) ?? "" : String(try row.int(i) ?? -1))
                }
                guard let entry = TrendEntry(storedFields: fields) else { throw RxBindError.storeDamaged(table: "trend") }
                out.append(entry)
            }
            return out
        }
    }

    static let trendColumns = "run_id, as_of, new, resolved, closed, dormant, form_rows, backlog, closes_so_far"

    private func replaceTrend(_ entries: [TrendEntry]) throws {
        try database.execute("DELETE FROM trend")
        for t in entries { try insert(t) }
    }

    private func insert(_ t: TrendEntry) throws {
        try database.prepare("INSERT INTO trend (\(CaseStore.trendColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .execute(t.storedFields.enumerated().map { i, f in [0, 1, 7].contains(i) ? .text(f) : .integer(Int64(f) ?? -1) })
    }

    /// Undoes the latest run in one transaction: the cases, the province and the trend become the state it started
    /// from, the run leaves the history and its record is kept.
    func revert(to prior: PriorState, record: RevertedRun) throws {
        try guarded {
            try database.execute("BEGIN IMMEDIATE TRANSACTION")
            do {
                try database.execute("DELETE FROM cases")
                let statement = try database.prepare(CaseStore.insertCase)
                for r in prior.sortedRecords { try insert(r, with: statement) }
                try setProvince(prior.province, clearing: true)
                try replaceTrend(prior.trend)
                try database.prepare("DELETE FROM runs WHERE run_id = ?").execute([.text(record.run.runID)])
                try database.prepare("""
                    INSERT INTO reverted_runs (seq, run_seq, run_id, as_of, manifest_sha256, prior_state_sha256,
                                               reverted_at, why) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute([.integer(Int64(record.seq)), .integer(Int64(record.run.seq)), .text(record.run.runID),
                                  .text(record.run.asOf.iso), .text(record.run.manifestSHA256),
                                  .text(record.run.priorStateSHA256), .text(record.revertedAt), .text(record.why)])
                try database.execute("COMMIT TRANSACTION")
            } catch {
                abandon()
                throw error
            }
        }
    }

    /// Every case in ID order.
    func forEachCase(where filter: String = "", _ arguments: [DatabaseValue] = [], _ body: (CaseRecord) throws -> Void) throws {
        try guarded {
            let sql = "SELECT \(CaseStore.columns) FROM cases \(filter) ORDER BY id"
            try database.prepare(sql).forEachRow(arguments) { row in
                var fields: [String] = []
                fields.reserveCapacity(CaseRecord.storedFieldCount)
                for i in 0..<CaseRecord.storedFieldCount {
                    fields.append(i == 4 ? String(try row.int(4) ?? 0) : try row.string(i) ?? "")
                }
                guard let record = CaseRecord(storedFields: fields) else {
                    throw RxBindError.storeDamaged(table: "cases")
                }
                try body(record)
            }
        }
    }

    /// Opens the night's transaction and writes its cases into it — while the outputs are still being written, on
    /// whichever thread — without committing anything: ``finish(province:removeRun:addRun:)`` commits,
    /// ``abandon()`` rolls back (and so does a killed process: SQLite never shows an uncommitted transaction).
    ///
    /// - Parameters:
    ///   - replaceAll: when set (a forced redo), the case table and the trend are first replaced by the state the
    ///     redone run started from.
    ///   - upserts: calls its argument with each of tonight's changed cases.
    func stage(replaceAll: PriorState?, upserts: ((CaseRecord) throws -> Void) throws -> Void) throws {
        try guarded {
            try database.execute("BEGIN IMMEDIATE TRANSACTION")
            do {
                let statement = try database.prepare(CaseStore.insertCase)
                if let prior = replaceAll {
                    try database.execute("DELETE FROM cases")
                    for r in prior.sortedRecords { try insert(r, with: statement) }
                    try replaceTrend(prior.trend)
                }
                try upserts { try insert($0, with: statement) }
            } catch {
                abandon()
                throw error
            }
        }
    }

    /// Records the run, its trend entry (and the workspace's province) in the staged transaction and commits it.
    func finish(province: Province?, removeRun: String?, addRun run: RunEntry, trend: TrendEntry) throws {
        try guarded {
            do {
                try setProvince(province, clearing: false)
                try insert(trend)
                if let r = removeRun { try database.prepare("DELETE FROM runs WHERE run_id = ?").execute([.text(r)]) }
                let actions = try actionsState().count
                try database.prepare("""
                    INSERT INTO runs (seq, run_id, as_of, manifest_sha256, prior_state_sha256, actions)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """).execute([.integer(Int64(run.seq)), .text(run.runID), .text(run.asOf.iso),
                                  .text(run.manifestSHA256), .text(run.priorStateSHA256), .integer(Int64(actions))])
                try database.execute("COMMIT TRANSACTION")
            } catch {
                abandon()
                throw error
            }
        }
    }

    /// Rolls back a staged transaction, if one is open.
    func abandon() {
        if database.isInTransaction { try? database.execute("ROLLBACK TRANSACTION") }
    }

    static let insertCase = "INSERT OR REPLACE INTO cases (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

    /// Remembers the province; nil keeps the one remembered, or forgets it when `clearing` (a revert to a state
    /// that had none).
    private func setProvince(_ province: Province?, clearing: Bool) throws {
        if let p = province {
            try setValue(p.name, for: "province")
        } else if clearing {
            try database.execute("DELETE FROM workspace WHERE key = 'province'")
        }
    }

    private func insert(_ r: CaseRecord, with statement: Statement) throws {
        try statement.execute(r.storedFields.enumerated().map { i, f in
            i == 4 ? .integer(Int64(r.attempts)) : .text(f)
        })
    }
}
