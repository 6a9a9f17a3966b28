import Foundation
@testable import Store
import Testing
import TestSupport

@Suite struct DatabaseTests {
    // MARK: Opening

    @Test func openSetsWALFullSynchronousAndForeignKeys() throws {
        let store = try TestDatabase("pragmas")
        let db = store.database

        #expect(try db.text("PRAGMA journal_mode") == "wal")
        #expect(try db.integer("PRAGMA foreign_keys") == 1)
        #expect(try db.integer("PRAGMA synchronous") == 2)  // FULL
        #expect(try db.integer("PRAGMA busy_timeout") == 5000)
        #expect(FileManager.default.fileExists(atPath: store.path))
    }

    @Test func theBusyTimeoutIsConfigurable() throws {
        let store = try TestDatabase("timeout", options: Database.Options(busyTimeout: .milliseconds(1250)))
        #expect(try store.database.integer("PRAGMA busy_timeout") == 1250)
        let long = try store.reopen(Database.Options(busyTimeout: .seconds(Int64.max)))
        #expect(try long.integer("PRAGMA busy_timeout") == Int64(Int32.max))
    }

    @Test func thePageCacheSizeIsConfigurable() throws {
        let store = try TestDatabase("cache-size", options: Database.Options(cacheSizeKiB: 65536))
        #expect(try store.database.integer("PRAGMA cache_size") == -65536)
        let plain = try TestDatabase("cache-size-default")
        #expect(try plain.database.integer("PRAGMA cache_size") == -2000)
    }

    @Test func openingAPathWhoseParentIsARegularFileFails() throws {
        let directory = try TemporaryDirectory("store-parent-file")
        let parent = directory.file("not-a-folder")
        try Data("plain file".utf8).write(to: URL(fileURLWithPath: parent))

        let error = try #require(throws: StoreError.self) {
            try Database(path: parent + "/store.sqlite")
        }
        #expect(error.kind == .sqlite)
        #expect(error.resultCode == 14)  // SQLITE_CANTOPEN
        #expect(error.description.contains(parent + "/store.sqlite"))
        #expect(error.description.contains("folder"))

        // The same with permissions to apply: this module's own file creation fails first, typed as well.
        let withMode = try #require(throws: StoreError.self) {
            try Database(path: parent + "/store.sqlite", options: Database.Options(newFilePermissions: 0o600))
        }
        #expect(withMode.kind == .fileSystem)
        #expect(withMode.message == String(cString: strerror(ENOTDIR)))
    }

    @Test(arguments: [Database.Options.Access.readWriteCreate, .readWrite, .readOnly])
    func openingAFileThatIsNotADatabaseFails(access: Database.Options.Access) throws {
        let directory = try TemporaryDirectory("store-not-db")
        let path = directory.file("roster.sqlite")
        let text = String(repeating: "110101199003071234,张三,药师\n", count: 200)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))

        let error = try #require(throws: StoreError.self) {
            try Database(path: path, options: Database.Options(access: access))
        }
        #expect(error.isNotADatabase)
        #expect(error.resultCode == 26)  // SQLITE_NOTADB
        #expect(error.description.contains("not an SQLite database"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(text.utf8))
    }

    @Test func openingAMissingFileForReadWriteOnlyFailsAndCreatesNothing() throws {
        let directory = try TemporaryDirectory("store-missing")
        let path = directory.file("missing.sqlite")

        let error = try #require(throws: StoreError.self) {
            try Database(path: path, options: Database.Options(access: .readWrite))
        }
        #expect(error.resultCode == 14)  // SQLITE_CANTOPEN
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func readOnlyConnectionsReadAndRefuseWrites() throws {
        let store = try TestDatabase("readonly")
        try store.database.execute("CREATE TABLE t (x); INSERT INTO t VALUES (7);")
        let reader = try store.reopen(Database.Options(access: .readOnly))

        #expect(try reader.integer("SELECT x FROM t") == 7)
        let error = try #require(throws: StoreError.self) { try reader.execute("INSERT INTO t VALUES (8)") }
        #expect(error.resultCode == 8)  // SQLITE_READONLY
        #expect(try store.database.integer("SELECT count(*) FROM t") == 1)
    }

    @Test func newFilesGetExactlyTheRequestedPermissionsAndSoDoTheirLogs() throws {
        let store = try TestDatabase("mode", options: Database.Options(newFilePermissions: 0o600))
        try store.database.execute("CREATE TABLE t (x); INSERT INTO t VALUES (1);")

        for path in [store.path, store.path + "-wal", store.path + "-shm"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(path)")
        }
    }

    @Test func anExistingFileKeepsItsPermissions() throws {
        let directory = try TemporaryDirectory("store-existing-mode")
        let path = directory.file("store.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o640]))

        let db = try Database(path: path, options: Database.Options(newFilePermissions: 0o600))
        try db.execute("CREATE TABLE t (x)")

        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o640)
    }

    @Test func aRelativePathStartingWithFileIsNotReadAsAURI() {
        #expect(Database.plainFilePath("file:store.sqlite?mode=ro") == "./file:store.sqlite?mode=ro")
        #expect(Database.plainFilePath("/work/file:store.sqlite") == "/work/file:store.sqlite")
        #expect(Database.plainFilePath("store.sqlite") == "store.sqlite")
    }

    // MARK: Running SQL

    @Test func aSyntaxErrorNamesTheSQLAndSQLitesMessage() throws {
        let store = try TestDatabase("syntax")
        let db = store.database

        let executed = try #require(throws: StoreError.self) {
            try db.execute("CREATE TABLE t (x); SELEC x FROM t")
        }
        #expect(executed.kind == .sqlite)
        #expect(executed.resultCode == 1)  // SQLITE_ERROR
        #expect(executed.message == "near \"SELEC\": syntax error")
        #expect(executed.sql == "SELEC x FROM t")
        #expect(executed.description.contains("SELEC x FROM t"))
        #expect(executed.description.contains("near \"SELEC\": syntax error"))
        #expect(executed.localizedDescription == executed.description)
        // Statements before the bad one have run.
        #expect(try db.integer("SELECT count(*) FROM t") == 0)

        let prepared = try #require(throws: StoreError.self) { try db.prepare("SELECT x FORM t") }
        #expect(prepared.sql == "SELECT x FORM t")
        #expect(prepared.message?.contains("syntax error") == true)

        let unknown = try #require(throws: StoreError.self) { try db.prepare("SELECT nope FROM t") }
        #expect(unknown.message == "no such column: nope")
    }

    @Test func prepareTakesExactlyOneStatement() throws {
        let store = try TestDatabase("one-statement")
        let db = store.database

        let two = try #require(throws: StoreError.self) { try db.prepare("SELECT 1; SELECT 2") }
        #expect(two.kind == .notOneStatement)
        let none = try #require(throws: StoreError.self) { try db.prepare("  -- nothing here\n") }
        #expect(none.kind == .notOneStatement)
        // Whitespace and comments after the statement are fine.
        let statement = try db.prepare("SELECT 1; -- the answer\n  ")
        #expect(try statement.firstRow { try $0.int64(0) } == 1)
    }

    @Test func executeRunsAScriptWithComments() throws {
        let store = try TestDatabase("script")
        try store.database.execute("""
            -- a schema
            CREATE TABLE a (x);
            /* two rows */ INSERT INTO a VALUES (1); INSERT INTO a VALUES (2);
            SELECT * FROM a;
            """)
        #expect(try store.database.integer("SELECT sum(x) FROM a") == 3)
    }

    @Test func changesAndLastInsertedRowIDDescribeTheLastWrite() throws {
        let store = try TestDatabase("changes")
        let db = store.database
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, x); INSERT INTO t (x) VALUES (1), (2), (3);")
        #expect(db.lastInsertedRowID == 3)
        try db.execute("UPDATE t SET x = x + 1 WHERE id >= 2")
        #expect(db.changes == 2)
    }

    @Test func cachedStatementsAreReusedWithTheirBindingsCleared() throws {
        let store = try TestDatabase("cache")
        let db = store.database
        try db.execute("CREATE TABLE t (id TEXT PRIMARY KEY, n)")
        let sql = "INSERT INTO t VALUES (?, ?)"

        let first = try db.cachedStatement(sql)
        try first.execute([.text(citizenID), 1])
        let second = try db.cachedStatement(sql)
        #expect(first === second)
        // The ID bound before is gone: a forgotten parameter is NULL, not the previous citizen.
        try second.bind("110101199003071235", at: 1)
        try second.execute()
        #expect(try db.integer("SELECT count(*) FROM t WHERE n IS NULL") == 1)
    }

    @Test func integrityCheckOfAHealthyDatabaseIsEmpty() throws {
        let store = try TestDatabase("integrity")
        try store.database.migrate(MigrationTests.list)
        #expect(try store.database.integrityCheck() == [])
    }

    @Test func integrityCheckReportsAnIndexThatDisagreesWithItsTable() throws {
        let store = try TestDatabase("integrity-damaged")
        let db = store.database
        try db.execute("""
            CREATE TABLE t (a INTEGER, b INTEGER);
            CREATE INDEX t_a ON t(a);
            INSERT INTO t VALUES (1, 10), (2, 20), (3, 30);
            """)
        // Make the schema claim the index covers another column than the one its entries were built from.
        try db.execute("""
            PRAGMA writable_schema = ON;
            UPDATE sqlite_schema SET sql = 'CREATE INDEX t_a ON t(b)' WHERE name = 't_a';
            PRAGMA writable_schema = OFF;
            """)
        try db.close()

        let problems = try store.reopen().integrityCheck()
        #expect(problems.count == 3)
        #expect(problems.allSatisfy { $0.contains("t_a") })
    }

    // MARK: Transactions

    @Test func aThrowingTransactionLeavesNothingAndRethrows() throws {
        let store = try TestDatabase("rollback")
        let db = store.database
        try db.execute("CREATE TABLE t (id TEXT PRIMARY KEY)")

        #expect(throws: TestFailure(label: "body")) {
            try db.transaction {
                try db.prepare("INSERT INTO t VALUES (?)").execute([.text(citizenID)])
                #expect(db.isInTransaction)
                throw TestFailure(label: "body")
            }
        }

        #expect(!db.isInTransaction)
        #expect(try db.integer("SELECT count(*) FROM t") == 0)
        #expect(try store.reopen().integer("SELECT count(*) FROM t") == 0)
    }

    @Test func aCommittedTransactionPersistsAfterReopen() throws {
        let store = try TestDatabase("commit")
        let db = store.database
        try db.execute("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER)")

        let count = try db.transaction(.immediate) {
            let insert = try db.prepare("INSERT INTO t VALUES (?, ?)")
            for n in 0..<100 {
                try insert.bind(String(110_000 + n), at: 1)
                try insert.bind(n, at: 2)
                try insert.execute()
            }
            return db.changes
        }
        #expect(count == 1)
        try db.close()

        let reopened = try store.reopen()
        #expect(try reopened.integer("SELECT count(*) FROM t") == 100)
        #expect(try reopened.integer("SELECT sum(n) FROM t") == 4950)
    }

    @Test func aFailedStatementInsideATransactionRollsBackTheWhole() throws {
        let store = try TestDatabase("rollback-constraint")
        let db = store.database
        try db.execute("CREATE TABLE t (id TEXT PRIMARY KEY)")

        let error = try #require(throws: StoreError.self) {
            try db.transaction {
                let insert = try db.prepare("INSERT INTO t VALUES (?)")
                try insert.execute([.text("110101199003071235")])
                try insert.execute([.text(citizenID)])
                try insert.execute([.text(citizenID)])
            }
        }
        #expect(error.isConstraintViolation)
        #expect(try db.integer("SELECT count(*) FROM t") == 0)
    }

    @Test func aCommitThatFailsRollsBackAndThrows() throws {
        let store = try TestDatabase("commit-fails")
        let db = store.database
        try db.execute("""
            CREATE TABLE parent (id TEXT PRIMARY KEY);
            CREATE TABLE child (parent_id TEXT REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
            """)

        let error = try #require(throws: StoreError.self) {
            try db.transaction {
                // Deferred: the insert succeeds, the COMMIT finds the missing parent.
                try db.prepare("INSERT INTO child VALUES (?)").execute([.text(citizenID)])
            }
        }
        #expect(error.constraint == .foreignKey)
        #expect(error.sql == "COMMIT TRANSACTION")
        #expect(!db.isInTransaction)
        #expect(try db.integer("SELECT count(*) FROM child") == 0)
    }

    @Test func transactionsCanBeDeferred() throws {
        let store = try TestDatabase("deferred")
        let db = store.database
        try db.execute("CREATE TABLE t (x)")
        let count = try db.transaction(.deferred) { try db.integer("SELECT count(*) FROM t") }
        #expect(count == 0)
        try db.transaction(.exclusive) { try db.execute("INSERT INTO t VALUES (1)") }
        #expect(try db.integer("SELECT count(*) FROM t") == 1)
    }

    @Test func nestingTransactionsStopsTheProgram() async throws {
        // The directory belongs to this process: the child that stops cannot clean up after itself.
        let directory = try TemporaryDirectory("store-nested")
        let path = directory.file("store.sqlite")
        await #expect(processExitsWith: .failure) { [path = path as String] in
            // A thrown error (SQLite refusing the inner BEGIN) is not the stop this test is about: exit cleanly.
            do {
                let db = try Database(path: path)
                try db.transaction {
                    try db.transaction {}
                }
            } catch {
                exit(0)
            }
        }
    }

    // MARK: Concurrency

    @Test func aWriteWhileAnotherConnectionHoldsTheWriteLockIsBusy() throws {
        let store = try TestDatabase("busy")
        try store.database.execute("CREATE TABLE t (x INTEGER)")
        let path = store.path
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let holderFailure = LockedText()

        let holder = Thread {
            do {
                let other = try Database(path: path)
                try other.transaction(.immediate) {
                    try other.execute("INSERT INTO t VALUES (1)")
                    holding.signal()
                    release.wait()
                }
            } catch {
                holderFailure.set("\(error)")
                holding.signal()
            }
            finished.signal()
        }
        holder.start()
        holding.wait()

        let writer = try store.reopen(Database.Options(busyTimeout: .milliseconds(50)))
        let error = try #require(throws: StoreError.self) { try writer.execute("INSERT INTO t VALUES (2)") }
        release.signal()
        finished.wait()

        #expect(holderFailure.get() == nil)
        #expect(error.isBusy)
        #expect(!error.isConstraintViolation)
        #expect(error.description.contains("busy timeout"))
        // Once the holder has committed, the same write goes through.
        try writer.execute("INSERT INTO t VALUES (2)")
        #expect(try writer.integer("SELECT count(*) FROM t") == 2)
    }

    // MARK: Closing

    @Test func closeReportsStatementsStillHeldAndThenSucceeds() throws {
        let store = try TestDatabase("close")
        let db = store.database
        try db.execute("CREATE TABLE t (x)")
        // The cache's own statements do not keep the connection open.
        #expect(try db.cachedStatement("SELECT x FROM t").sql == "SELECT x FROM t")
        var held: Statement? = try db.prepare("SELECT x FROM t")
        #expect(held != nil)

        let error = try #require(throws: StoreError.self) { try db.close() }
        #expect(error.isBusy)
        #expect(!db.isClosed)

        held = nil
        try db.close()
        #expect(db.isClosed)
        try db.close()  // twice is harmless
    }

    @Test func usingAClosedDatabaseStopsTheProgram() async throws {
        let directory = try TemporaryDirectory("store-closed")
        let path = directory.file("store.sqlite")
        await #expect(processExitsWith: .failure) { [path = path as String] in
            do {
                let db = try Database(path: path)
                try db.close()
                try db.execute("SELECT 1")
            } catch {
                exit(0)
            }
        }
    }
}

/// Text shared between a test and a thread it starts (Synchronization.Mutex needs macOS 15; the package allows 14).
private final class LockedText: @unchecked Sendable {
    private let lock = NSLock()
    private var text: String?

    func set(_ newText: String) { lock.withLock { text = newText } }
    func get() -> String? { lock.withLock { text } }
}
