internal import CSQLite
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One connection to an SQLite database file.
///
/// Opening sets up what crash safety and concurrent use rely on: write-ahead-log journal mode, foreign keys
/// enforced, `synchronous = FULL`, and a busy timeout. Open checks that the file really is a database.
///
/// Threading: use a `Database` and its statements from one thread at a time. The connection is opened in SQLite's
/// multi-thread mode (`SQLITE_OPEN_NOMUTEX`), which skips SQLite's per-call mutex and is safe only under that rule,
/// so the class is deliberately not `Sendable`: the compiler keeps it in one isolation domain. Other threads and
/// processes open connections of their own; SQLite's file locks (and the busy timeout) coordinate them.
public final class Database {
    /// How to open the file, how long to wait for locks, and how to create it.
    public struct Options: Sendable {
        /// What the connection may do to the file.
        public enum Access: Sendable {
            /// Read and write; create the file when it does not exist.
            case readWriteCreate
            /// Read and write an existing file; a missing file is an error (`SQLITE_CANTOPEN`).
            case readWrite
            /// Read an existing file only; writes fail with `SQLITE_READONLY`. Journal mode is left as the file has it.
            case readOnly
        }

        /// What the connection may do to the file.
        public var access: Access
        /// How long a statement waits for another connection's lock before failing with an error that `isBusy`.
        public var busyTimeout: Duration
        /// When set and the file does not exist, it is created with exactly these permission bits (for example
        /// `0o600`), whatever the process's umask. SQLite gives its `-wal` and `-shm` files the database file's
        /// permissions. When nil, SQLite creates the file with 0644 less the umask.
        public var newFilePermissions: Int?
        /// The connection's page cache in KiB; nil keeps SQLite's default (2000 KiB here).
        ///
        /// Inserting keys in no particular order into a large table needs its B-tree pages cached: measured on
        /// this project's 2-core machine, 1M rows with an 18-character TEXT primary key in shuffled order went
        /// from about 135k to 285k rows/s (rowid table) and 370k rows/s (WITHOUT ROWID) with 65536 KiB.
        /// The memory is bounded by this number.
        public var cacheSizeKiB: Int?

        /// Options with defaults: read-write-create, a five-second busy timeout, SQLite's default permissions and
        /// page cache.
        public init(
            access: Access = .readWriteCreate, busyTimeout: Duration = .seconds(5), newFilePermissions: Int? = nil,
            cacheSizeKiB: Int? = nil
        ) {
            self.access = access
            self.busyTimeout = busyTimeout
            self.newFilePermissions = newFilePermissions
            self.cacheSizeKiB = cacheSizeKiB
        }
    }

    /// How a transaction takes its locks (SQLite's `BEGIN DEFERRED | IMMEDIATE | EXCLUSIVE`).
    public enum TransactionKind: Sendable {
        /// Locks on first use. A read that later turns into a write can fail with a busy error that waiting does
        /// not cure (in WAL mode another writer may have committed meanwhile): use it for read-only transactions.
        case deferred
        /// Takes the write lock at once, waiting up to the busy timeout: the right kind for any transaction that
        /// writes.
        case immediate
        /// As `immediate`; in WAL mode SQLite treats the two alike.
        case exclusive

        var beginSQL: String {
            switch self {
            case .deferred: "BEGIN DEFERRED TRANSACTION"
            case .immediate: "BEGIN IMMEDIATE TRANSACTION"
            case .exclusive: "BEGIN EXCLUSIVE TRANSACTION"
            }
        }
    }

    /// The path the database was opened at, as given.
    public let path: String
    let connection: Connection
    /// Statements prepared by `cachedStatement`, by SQL text.
    private var statementCache: [String: Statement] = [:]

    /// The name of the table in which `migrate` records applied migrations, in order.
    public static let migrationsTable = "store_migrations"

    /// Opens (or creates) the database at `path` and configures the connection.
    ///
    /// - Throws: `StoreError` when the file cannot be opened or created (`SQLITE_CANTOPEN`: a missing folder, a
    ///   regular file where a folder should be, a missing file with `.readWrite`), is not a database
    ///   (`isNotADatabase`), or cannot be put in WAL mode.
    public init(path: String, options: Options = Options()) throws {
        self.path = path
        if options.access == .readWriteCreate, let permissions = options.newFilePermissions {
            try Self.createFileIfMissing(atPath: path, permissions: permissions)
        }

        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        switch options.access {
        case .readWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        }
        var handle: OpaquePointer?
        // > If the database is opened (and/or created) successfully, then SQLITE_OK is returned. Otherwise an error
        // > code is returned. … if SQLite is unable to allocate memory to hold the sqlite3 object, a NULL will be
        // > written into *ppDb instead of a pointer to the sqlite3 object.
        // > SQLITE_OPEN_EXRESCODE: The database connection comes up in "extended result code mode".
        let code = sqlite3_open_v2(Self.plainFilePath(path), &handle, flags, nil)
        guard let handle else {
            try Connection.check(code, handle: nil, "opening the database at \(path)")
            preconditionFailure("sqlite3_open_v2 returned SQLITE_OK without a connection.")
        }
        // > Whether or not an error occurs when it is opened, resources associated with the database connection
        // > handle should be released by passing it to sqlite3_close() when it is no longer required.
        // The Connection owns the handle from here: any throw below closes it in its deinit.
        connection = Connection(handle: handle)
        try connection.check(code, "opening the database at \(path)")
        try configure(options)
    }

    /// Applies the connection settings and checks that the file is a database.
    private func configure(_ options: Options) throws {
        let handle = connection.live
        let timeout = options.busyTimeout.components
        precondition(timeout.seconds >= 0, "The busy timeout must not be negative.")
        // Saturating: a wrapped, negative value would switch the busy handler off instead of waiting long.
        let milliseconds = timeout.seconds >= Int64(Int32.max) / 1000
            ? Int64(Int32.max) : timeout.seconds * 1000 + timeout.attoseconds / 1_000_000_000_000_000
        // > sqlite3_busy_timeout … sets a busy handler that sleeps for a specified amount of time when a table is
        // > locked.
        try connection.check(
            sqlite3_busy_timeout(handle, Int32(clamping: milliseconds)), "setting the busy timeout on \(path)")

        // SQLite opens files lazily: a file that is not a database would otherwise only fail at the first query,
        // far from here. Reading the schema reads the header (SQLITE_NOTADB for anything else).
        try execute("SELECT count(*) FROM sqlite_schema")

        if options.access != .readOnly {
            // > The WAL journaling mode uses a write-ahead log instead of a rollback journal to implement
            // > transactions. The WAL journaling mode is persistent
            // > PRAGMA journal_mode … returns the new journal mode
            let mode = try prepare("PRAGMA journal_mode = WAL").firstRow { try $0.string(0) } ?? nil
            guard mode?.lowercased() == "wal" else {
                throw StoreError(
                    .journalModeUnavailable, operation: "opening the database at \(path)",
                    message: "SQLite kept the journal mode \(mode ?? "(none)") instead of WAL")
            }
        }

        if let kibibytes = options.cacheSizeKiB {
            precondition(kibibytes > 0, "The page cache size must be positive.")
            // > If the argument N is negative, then the number of cache pages is adjusted to be a number of pages
            // > that would use approximately abs(N*1024) bytes of memory
            try execute("PRAGMA cache_size = -\(kibibytes)")
        }

        // Crash safety. In WAL mode a commit appends to the -wal file and is atomic whatever the level: a run killed
        // at any instant leaves the store before or after its transaction, never between (the WAL frames of an
        // unfinished transaction are ignored on recovery). What the level decides is durability:
        // > A transaction committed in WAL mode with synchronous=NORMAL might roll back following a power loss or
        // > system crash.
        // > With synchronous=FULL in WAL mode, an additional sync operation of the WAL file happens after each
        // > transaction commit. The extra WAL sync following each transaction helps ensure that transactions are
        // > durable across a power loss.
        // The product writes run folders next to the store; if a power loss could undo a committed night while its
        // run folder survived, the workspace would contradict itself. FULL makes COMMIT return only once the night
        // is on disk, so callers can commit first and publish files after. Its cost is one fsync per commit, and
        // the store commits once a night.
        try execute("PRAGMA synchronous = FULL")

        // > Foreign key constraints are disabled by default … so must be enabled separately for each database
        // > connection.
        try execute("PRAGMA foreign_keys = ON")
        // > If the statement … does not return any data … then the version of SQLite … does not support foreign keys
        guard try prepare("PRAGMA foreign_keys").firstRow({ try $0.int64(0) }) == 1 else {
            throw StoreError(
                .foreignKeysUnavailable, operation: "opening the database at \(path)",
                message: "SQLite did not turn foreign key enforcement on")
        }
    }

    /// The path to hand SQLite. Debian's SQLite is built with `SQLITE_USE_URI`, which reads a file name that starts
    /// with `file:` as a URI (with options such as `?mode=`); a relative path gets `./` so it stays a plain path.
    static func plainFilePath(_ path: String) -> String {
        path.hasPrefix("file:") ? "./" + path : path
    }

    /// Creates an empty file with exactly `permissions` unless something exists at `path` already.
    /// SQLite treats an empty file as a new database and keeps the file's mode.
    private static func createFileIfMissing(atPath path: String, permissions: Int) throws {
        let mode = mode_t(truncatingIfNeeded: permissions)
        // O_EXCL: a file that exists already, whoever made it and whenever, is left as it is.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        if descriptor < 0 {
            let code = errno
            if code == EEXIST { return }
            throw fileSystemError(code, "creating the database file at \(path)")
        }
        // The umask may have cleared bits of `mode` at creation; fchmod sets them exactly.
        let changed = fchmod(descriptor, mode) == 0 ? 0 : errno
        let closed = closeDescriptor(descriptor) == 0 ? 0 : errno
        if changed != 0 { throw fileSystemError(changed, "setting the permissions of \(path)") }
        if closed != 0 { throw fileSystemError(closed, "creating the database file at \(path)") }
    }

    private static func fileSystemError(_ code: Int32, _ operation: String) -> StoreError {
        StoreError(.fileSystem, operation: operation, message: String(cString: strerror(code)))
    }

    // MARK: Running SQL

    /// Runs one or more SQL statements separated by semicolons, without arguments (schema scripts, pragmas).
    ///
    /// Rows that statements return are skipped. Never paste values into the SQL: bind them with a `Statement`.
    /// - Throws: `StoreError` naming the statement that failed; the statements before it have run.
    public func execute(_ sql: String) throws {
        let handle = connection.live
        try sql.withCString { start in
            var next: UnsafePointer<CChar>? = start
            while let current = next, current.pointee != 0 {
                var prepared: OpaquePointer?
                // > If pzTail is not NULL then *pzTail is made to point to the first byte past the end of the first
                // > SQL statement in zSql. These routines only compile the first statement in zSql
                // > If the input text contains no SQL (if the input is an empty string or a comment) then *ppStmt is
                // > set to NULL.
                let code = sqlite3_prepare_v2(handle, current, -1, &prepared, &next)
                try connection.check(
                    code, "preparing a statement",
                    sql: String(cString: current).trimmingCharacters(in: .whitespacesAndNewlines))
                guard let prepared else { continue }
                let statement = Statement(
                    connection: connection, handle: prepared, sql: String(cString: sqlite3_sql(prepared)))
                try statement.execute()
            }
        }
    }

    /// Prepares one SQL statement for reuse.
    ///
    /// - Throws: `StoreError` with SQLite's message and the SQL for a syntax error or an unknown table or column;
    ///   `.notOneStatement` when the text holds no statement or more than one.
    public func prepare(_ sql: String) throws -> Statement {
        let handle = connection.live
        return try sql.withCString { start in
            var prepared: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            // > SQLITE_PREPARE_PERSISTENT … is a hint to the query planner that the prepared statement will be
            // > retained for a long time and probably reused many times.
            let code = sqlite3_prepare_v3(
                handle, start, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, &tail)
            try connection.check(code, "preparing a statement", sql: sql)
            guard let prepared else {
                throw StoreError(
                    .notOneStatement, operation: "preparing a statement", message: "the SQL holds no statement",
                    sql: sql)
            }
            let statement = Statement(connection: connection, handle: prepared, sql: sql)
            if let tail, tail.pointee != 0 {
                // Only whitespace and comments may follow; compiling the rest is the one exact test of that.
                var extra: OpaquePointer?
                try connection.check(
                    sqlite3_prepare_v2(handle, tail, -1, &extra, nil), "preparing a statement", sql: sql)
                if let extra {
                    // > If the most recent evaluation of statement S … has never been evaluated, then
                    // > sqlite3_finalize() returns SQLITE_OK.
                    try connection.check(sqlite3_finalize(extra), "finalizing a statement", sql: sql)
                    throw StoreError(
                        .notOneStatement, operation: "preparing a statement",
                        message: "the SQL holds more than one statement; use Database.execute for scripts", sql: sql)
                }
            }
            return statement
        }
    }

    /// A prepared statement for `sql` kept by the database and reused on the next call with the same text; reset
    /// and with its bindings cleared on every call.
    ///
    /// The cache grows with every distinct text, so use it for SQL written in the program, not built at run time.
    /// Do not iterate a cached statement while fetching the same text again: both are the same statement.
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] {
            try statement.reset()
            try statement.clearBindings()
            return statement
        }
        let statement = try prepare(sql)
        statementCache[sql] = statement
        return statement
    }

    // MARK: Transactions

    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws and rethrows its error.
    ///
    /// Nesting is a programmer error and stops the program: the product's model is one transaction per unit of
    /// work (a night's run, a migration), and savepoints would let an inner "commit" look durable when it is not.
    /// When the body's error made SQLite roll back already (a full disk, say), nothing more is rolled back. When
    /// `COMMIT` itself fails (a deferred foreign key, a busy lock), the transaction is rolled back and that error
    /// is thrown.
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        precondition(!isInTransaction, "Database.transaction was called inside a transaction; nesting is not supported.")
        try execute(kind.beginSQL)
        let result: T
        do {
            result = try body()
            try execute("COMMIT TRANSACTION")
        } catch {
            rollbackAfterFailure()
            throw error
        }
        return result
    }

    /// Rolls back the open transaction, if SQLite has not already.
    private func rollbackAfterFailure() {
        // > If certain kinds of errors occur on a statement within a multi-statement transaction, … the transaction
        // > might be rolled back automatically. The errors that can cause this are SQLITE_FULL, SQLITE_IOERR,
        // > SQLITE_BUSY, and SQLITE_NOMEM.
        guard isInTransaction else { return }
        do {
            try execute("ROLLBACK TRANSACTION")
        } catch {
            // The error that made us roll back is the one the caller must see. A failing ROLLBACK means the
            // connection is unusable; the next use reports that in its own words.
        }
    }

    /// True while a transaction is open on this connection.
    public var isInTransaction: Bool {
        // > The sqlite3_get_autocommit() interface returns non-zero or zero if the given database connection is or
        // > is not in autocommit mode, respectively. Autocommit mode is on by default. Autocommit mode is disabled
        // > by a BEGIN statement.
        sqlite3_get_autocommit(connection.live) == 0
    }

    // MARK: Migrations

    /// Applies, in order, the migrations of `migrations` that the database has not applied yet, each in its own
    /// immediate transaction together with the row that records it. Returns the names applied by this call.
    ///
    /// Applied names are kept in ``migrationsTable`` with their position. An up-to-date database is only read,
    /// never locked for writing. Another process migrating at the same time is safe: each step re-reads the
    /// applied list under the write lock.
    ///
    /// - Throws: what a migration throws, after rolling back that migration alone (those before it stay applied);
    ///   `StoreError` `.unknownAppliedMigrations` when the database records a migration the list does not have
    ///   (a newer program wrote it), `.migrationOrderMismatch` when the recorded names are not the list's first
    ///   names in order.
    @discardableResult
    public func migrate(_ migrations: [Migration]) throws -> [String] {
        let names = migrations.map(\.name)
        precondition(Set(names).count == names.count, "Migration names must be unique.")
        precondition(!isInTransaction, "Database.migrate was called inside a transaction.")

        // The common case, an up-to-date database, is settled by reading.
        var recorded = try appliedMigrations()
        try Self.validate(recorded, against: names)
        var applied: [String] = []
        while recorded.count < migrations.count {
            let name: String? = try transaction(.immediate) {
                try execute("""
                    CREATE TABLE IF NOT EXISTS \(Self.migrationsTable) (
                        position INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE
                    )
                    """)
                recorded = try appliedMigrations()
                try Self.validate(recorded, against: names)
                guard recorded.count < migrations.count else { return nil }
                let migration = migrations[recorded.count]
                try migration.apply(self)
                precondition(isInTransaction, "Migration \(migration.name) ended the transaction it runs in.")
                try prepare("INSERT INTO \(Self.migrationsTable) (position, name) VALUES (?, ?)")
                    .execute([.integer(Int64(recorded.count)), .text(migration.name)])
                return migration.name
            }
            guard let name else { break }
            applied.append(name)
            recorded.append(name)
        }
        return applied
    }

    /// The names of the migrations applied to this database, in the order they were applied (empty for a new
    /// database).
    public func appliedMigrations() throws -> [String] {
        let exists = try prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?")
            .firstRow([.text(Self.migrationsTable)]) { _ in true } ?? false
        guard exists else { return [] }
        var names: [String] = []
        try prepare("SELECT name FROM \(Self.migrationsTable) ORDER BY position").forEachRow { row in
            try names.append(row.string(0) ?? "")
        }
        return names
    }

    /// Refuses a database whose recorded migrations are not the first of `names`, in order.
    private static func validate(_ recorded: [String], against names: [String]) throws {
        let known = Set(names)
        let unknown = recorded.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw StoreError(
                .unknownAppliedMigrations(unknown), operation: "migrating the database",
                message: "the database records migrations this program does not know: "
                    + unknown.joined(separator: ", "))
        }
        guard names.starts(with: recorded) else {
            throw StoreError(
                .migrationOrderMismatch, operation: "migrating the database",
                message: "the database records the migrations " + recorded.joined(separator: ", ")
                    + ", which are not the first migrations of the program's list in its order")
        }
    }

    // MARK: State

    /// Runs SQLite's full consistency check and returns the problems it finds: empty means the database is sound.
    ///
    /// (SQLite itself answers a single row "ok" for a sound database; that row is not a problem, so it becomes
    /// the empty list.) Foreign keys are not part of this check.
    public func integrityCheck() throws -> [String] {
        var rows: [String] = []
        try prepare("PRAGMA integrity_check").forEachRow { row in
            try rows.append(row.string(0) ?? "")
        }
        return rows == ["ok"] ? [] : rows
    }

    /// The number of rows the most recent INSERT, UPDATE or DELETE on this connection changed.
    public var changes: Int {
        Int(sqlite3_changes64(connection.live))
    }

    /// The rowid of the most recent successful INSERT into a rowid table on this connection (0 before any).
    public var lastInsertedRowID: Int64 {
        sqlite3_last_insert_rowid(connection.live)
    }

    /// True once `close()` has succeeded.
    public var isClosed: Bool { connection.handle == nil }

    /// Closes the connection now, reporting failure (the connection closes by itself when the last reference to
    /// the database and its statements goes away, but an error there cannot be reported). Closing twice does
    /// nothing; using the database after closing is a programmer error.
    ///
    /// - Throws: `StoreError` (busy) when statements prepared by the caller still exist: release them first.
    public func close() throws {
        statementCache.removeAll()
        try connection.close()
    }
}

/// POSIX `close`, out of reach of `Database.close()` inside the class.
private func closeDescriptor(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}
