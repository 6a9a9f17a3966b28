import Store
import Testing

@Suite struct StoreErrorTests {
    /// Each schema breaks one constraint when `citizenID` is bound as shown; none may put the ID in an error.
    struct Violation: Sendable, CustomTestStringConvertible {
        let constraint: StoreError.Constraint
        let extendedResultCode: Int
        let schema: String
        let writes: [String]
        var testDescription: String { "\(constraint)" }
    }

    static let violations = [
        Violation(
            constraint: .primaryKey, extendedResultCode: 1555,
            schema: "CREATE TABLE cases (id TEXT PRIMARY KEY, name TEXT)",
            writes: ["INSERT INTO cases VALUES (?, 'a')", "INSERT INTO cases VALUES (?, 'b')"]),
        Violation(
            constraint: .unique, extendedResultCode: 2067,
            schema: "CREATE TABLE cases (n INTEGER PRIMARY KEY, id TEXT UNIQUE)",
            writes: ["INSERT INTO cases (id) VALUES (?)", "INSERT INTO cases (id) VALUES (?)"]),
        Violation(
            constraint: .notNull, extendedResultCode: 1299,
            schema: "CREATE TABLE cases (id TEXT PRIMARY KEY, name TEXT NOT NULL)",
            writes: ["INSERT INTO cases VALUES (?, NULL)"]),
        Violation(
            constraint: .foreignKey, extendedResultCode: 787,
            schema: """
                CREATE TABLE cases (id TEXT PRIMARY KEY);
                CREATE TABLE requests (case_id TEXT NOT NULL REFERENCES cases(id));
                """,
            writes: ["INSERT INTO requests VALUES (?)"]),
        Violation(
            constraint: .check, extendedResultCode: 275,
            schema: "CREATE TABLE cases (id TEXT PRIMARY KEY CHECK (length(id) = 15))",
            writes: ["INSERT INTO cases VALUES (?)"]),
    ]

    @Test(arguments: violations)
    func aConstraintViolationIsTypedAndCarriesNoBoundValue(_ violation: Violation) throws {
        let store = try TestDatabase("constraint")
        let db = store.database
        try db.execute(violation.schema)

        let error = try #require(throws: StoreError.self) {
            for sql in violation.writes {
                try db.prepare(sql).execute([.text(citizenID)])
            }
        }

        #expect(error.kind == .sqlite)
        #expect(error.isConstraintViolation)
        #expect(!error.isBusy)
        #expect(error.constraint == violation.constraint)
        #expect(error.resultCode == 19)  // SQLITE_CONSTRAINT
        #expect(error.extendedResultCode == violation.extendedResultCode)
        #expect(error.sql == violation.writes.last)
        #expect(error.message?.contains("constraint failed") == true)
        #expect(error.operation == "running a statement")
        for text in [String(describing: error), error.localizedDescription, "\(error)", String(reflecting: error)] {
            #expect(!text.contains(citizenID))
            #expect(!text.contains("110101"))
            #expect(text.contains("constraint failed"))
        }
    }

    @Test func theDescriptionSaysWhatFailedAndWhatToDo() throws {
        let store = try TestDatabase("description")
        let error = try #require(throws: StoreError.self) { try store.database.execute("DROP TABLE missing") }
        #expect(error.description == """
            Store: preparing a statement failed: no such table: missing (SQLite result code 1, extended 1). \
            SQL: DROP TABLE missing. Correct the SQL statement, or report this message if it comes from the \
            program itself.
            """)
        #expect(error.constraint == nil)
        #expect(!error.isNotADatabase)
    }

    @Test func longSQLIsShortenedToOneLine() throws {
        let store = try TestDatabase("long-sql")
        let columns = (0..<200).map { "column_\($0) INTEGER" }.joined(separator: ",\n")
        let sql = "CREATE TABLE t (\n\(columns),\n)"
        let error = try #require(throws: StoreError.self) { try store.database.execute(sql) }
        #expect(error.sql == sql)
        #expect(!error.description.contains("\n"))
        #expect(error.description.contains("column_0 INTEGER, column_1 INTEGER"))
        #expect(!error.description.contains("column_199"))
    }
}
