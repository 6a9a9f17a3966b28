import Store
import Testing

@Suite struct MigrationTests {
    /// Three migrations; the third counts its own runs in a table, so running twice would show.
    static let list = [
        Migration("create parents", sql: "CREATE TABLE parent (id TEXT PRIMARY KEY) WITHOUT ROWID"),
        Migration("create children", sql: """
            CREATE TABLE child (
                id INTEGER PRIMARY KEY,
                parent_id TEXT NOT NULL REFERENCES parent(id)
            );
            CREATE INDEX child_parent ON child(parent_id);
            """),
        Migration("count runs") { database in
            try database.execute("CREATE TABLE IF NOT EXISTS runs (n INTEGER)")
            try database.execute("INSERT INTO runs VALUES (1)")
        },
    ]

    func tables(_ database: Database) throws -> [String] {
        var names: [String] = []
        try database.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").forEachRow {
            try names.append($0.string(0) ?? "")
        }
        return names
    }

    @Test func migrationsApplyOnceInOrderAndAreRecorded() throws {
        let store = try TestDatabase("migrate")
        let db = store.database
        #expect(try db.appliedMigrations() == [])

        let applied = try db.migrate(Self.list)

        #expect(applied == ["create parents", "create children", "count runs"])
        #expect(try db.appliedMigrations() == applied)
        var rows: [String] = []
        try db.prepare("SELECT position, name FROM \(Database.migrationsTable) ORDER BY position").forEachRow {
            try rows.append("\($0.int64(0) ?? -1) \($0.string(1) ?? "")")
        }
        #expect(rows == ["0 create parents", "1 create children", "2 count runs"])
        #expect(try tables(db) == ["child", "parent", "runs", Database.migrationsTable].sorted())
        #expect(try db.integer("SELECT count(*) FROM sqlite_schema WHERE name = 'child_parent'") == 1)
        #expect(try db.integer("SELECT count(*) FROM runs") == 1)
    }

    @Test func migratingAgainAppliesNothingAndNewMigrationsAlone() throws {
        let store = try TestDatabase("migrate-again")
        try store.database.migrate(Self.list)
        try store.database.close()
        let reopened = try store.reopen()

        #expect(try reopened.migrate(Self.list) == [])
        #expect(try reopened.integer("SELECT count(*) FROM runs") == 1)

        let longer = Self.list + [Migration("add name", sql: "ALTER TABLE parent ADD COLUMN name TEXT")]
        #expect(try reopened.migrate(longer) == ["add name"])
        #expect(try reopened.integer("SELECT count(*) FROM runs") == 1)
        #expect(try reopened.appliedMigrations().last == "add name")
    }

    @Test func aDatabaseWrittenByANewerProgramIsRefused() throws {
        let store = try TestDatabase("migrate-newer")
        let newer = Self.list + [Migration("from the future", sql: "CREATE TABLE future (x)")]
        try store.database.migrate(newer)

        let error = try #require(throws: StoreError.self) { try store.database.migrate(Self.list) }

        #expect(error.kind == .unknownAppliedMigrations(["from the future"]))
        #expect(error.description.contains("from the future"))
        #expect(error.description.contains("newer version"))
        #expect(try store.database.appliedMigrations().count == 4)
    }

    @Test func aMigrationInsertedIntoAShippedListIsRefused() throws {
        let store = try TestDatabase("migrate-order")
        try store.database.migrate([Self.list[0], Self.list[2]])

        let error = try #require(throws: StoreError.self) { try store.database.migrate(Self.list) }

        #expect(error.kind == .migrationOrderMismatch)
        #expect(try !tables(store.database).contains("child"))
    }

    @Test func aFailingSQLMigrationRollsBackThatMigrationAlone() throws {
        let store = try TestDatabase("migrate-fail-sql")
        let db = store.database
        // The second statement fails after the first has created a table: both must vanish.
        let broken = Migration("half done", sql: """
            CREATE TABLE half (x);
            INSERT INTO no_such_table VALUES (1);
            """)

        let error = try #require(throws: StoreError.self) { try db.migrate([Self.list[0], broken, Self.list[1]]) }

        #expect(error.kind == .sqlite)
        #expect(error.message?.contains("no such table") == true)
        #expect(try db.appliedMigrations() == ["create parents"])
        #expect(try tables(db) == [Database.migrationsTable, "parent"].sorted())
        #expect(!db.isInTransaction)

        let fixed = Migration("half done", sql: "CREATE TABLE half (x)")
        #expect(try db.migrate([Self.list[0], fixed, Self.list[1]]) == ["half done", "create children"])
    }

    @Test func aMigrationsOwnErrorIsRethrownAfterRollingItBack() throws {
        let store = try TestDatabase("migrate-fail-swift")
        let db = store.database
        let throwing = Migration("throws") { database in
            try database.execute("CREATE TABLE doomed (x)")
            throw TestFailure(label: "migration")
        }

        #expect(throws: TestFailure(label: "migration")) { try db.migrate([throwing]) }

        #expect(try db.appliedMigrations() == [])
        // Even the bookkeeping table, created in the same transaction, is gone: the file is as it was.
        #expect(try tables(db) == [])
    }

    @Test func migrationsRunWithForeignKeysEnforced() throws {
        let store = try TestDatabase("migrate-fk")
        let orphan = Migration("orphan") { database in
            try database.prepare("INSERT INTO child (parent_id) VALUES (?)").execute([.text(citizenID)])
        }

        let error = try #require(throws: StoreError.self) {
            try store.database.migrate(Self.list + [orphan])
        }

        #expect(error.constraint == .foreignKey)
        #expect(try store.database.appliedMigrations() == Self.list.map(\.name))
    }

    @Test func aReadOnlyConnectionToAnUpToDateDatabaseMigratesByReadingOnly() throws {
        let store = try TestDatabase("migrate-readonly")
        try store.database.migrate(Self.list)
        let reader = try store.reopen(Database.Options(access: .readOnly))

        #expect(try reader.migrate(Self.list) == [])
    }
}
