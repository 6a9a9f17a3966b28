import Foundation
import Store
import Testing
import TestSupport

@Suite struct StatementTests {
    /// A table whose column has no type, so SQLite stores each value in the storage class it was bound with.
    func valuesTable() throws -> TestDatabase {
        let store = try TestDatabase("values")
        try store.database.execute("CREATE TABLE v (id INTEGER PRIMARY KEY, value)")
        return store
    }

    /// Binds `value` by position, stores it, and reads back the value and SQLite's name for its storage class.
    func roundTrip(_ value: some DatabaseValueConvertible, in db: Database) throws -> (DatabaseValue, String) {
        let insert = try db.prepare("INSERT INTO v (value) VALUES (?)")
        try insert.bind(value, at: 1)
        try insert.execute()
        let select = try db.prepare("SELECT value, typeof(value) FROM v WHERE id = ?")
        return try #require(try select.firstRow([.integer(db.lastInsertedRowID)]) { row in
            (try row.value(0), try row.string(1) ?? "")
        })
    }

    @Test func everyTypeRoundTrips() throws {
        let store = try valuesTable()
        let db = store.database

        #expect(try roundTrip(Int64.max, in: db) == (.integer(.max), "integer"))
        #expect(try roundTrip(Int64.min, in: db) == (.integer(.min), "integer"))
        #expect(try roundTrip(0 as Int, in: db) == (.integer(0), "integer"))
        #expect(try roundTrip(Int.max, in: db) == (.integer(Int64(Int.max)), "integer"))
        #expect(try roundTrip(Int32.min, in: db) == (.integer(Int64(Int32.min)), "integer"))
        #expect(try roundTrip(true, in: db) == (.integer(1), "integer"))
        #expect(try roundTrip(false, in: db) == (.integer(0), "integer"))
        #expect(try roundTrip(2.5, in: db) == (.real(2.5), "real"))
        #expect(try roundTrip(-Double.greatestFiniteMagnitude, in: db) == (.real(-.greatestFiniteMagnitude), "real"))
        #expect(try roundTrip(Double.leastNonzeroMagnitude, in: db) == (.real(.leastNonzeroMagnitude), "real"))
        #expect(try roundTrip("张三 药师", in: db) == (.text("张三 药师"), "text"))
        // Outside the Basic Multilingual Plane: a CJK Extension B ideograph (common in names) and an emoji.
        #expect(try roundTrip("𠀋𪚥 😀", in: db) == (.text("𠀋𪚥 😀"), "text"))
        #expect(try roundTrip("a\u{0}b", in: db) == (.text("a\u{0}b"), "text"))
        #expect(try roundTrip("", in: db) == (.text(""), "text"))
        #expect(try roundTrip("x"[...], in: db) == (.text("x"), "text"))
        #expect(try roundTrip(nil as String?, in: db) == (.null, "null"))
        #expect(try roundTrip(DatabaseValue.null, in: db) == (.null, "null"))
        #expect(try roundTrip(Optional("有"), in: db) == (.text("有"), "text"))
        #expect(try roundTrip([0, 1, 254, 255] as [UInt8], in: db) == (.blob([0, 1, 254, 255]), "blob"))
        #expect(try roundTrip([] as [UInt8], in: db) == (.blob([]), "blob"))
        #expect(try roundTrip(Data([9, 8, 7]), in: db) == (.blob([9, 8, 7]), "blob"))
        #expect(try roundTrip(nil as Data?, in: db) == (.null, "null"))
    }

    @Test func typedAccessorsReadTheirStorageClassAndNilForNull() throws {
        let store = try TestDatabase("accessors")
        let db = store.database
        let select = try db.prepare("""
            SELECT 42, 2.5, '张三', x'00ff', NULL, '', x'', 0, \(Int64.min), 7
            """)
        let checked = try select.firstRow { (row: Row) throws -> Bool in
            #expect(row.columnCount == 10)
            #expect(try row.int64(0) == 42)
            #expect(try row.int(0) == 42)
            #expect(try row.double(1) == 2.5)
            #expect(try row.double(0) == 42)  // integers widen to reals
            #expect(try row.string(2) == "张三")
            #expect(try row.withText(2) { Array($0) } == Array("张三".utf8))
            #expect(try row.blob(3) == [0, 255])
            #expect(try row.data(3) == Data([0, 255]))
            #expect(row.isNull(4))
            #expect(!row.isNull(5))
            #expect(try row.int64(4) == nil)
            #expect(try row.double(4) == nil)
            #expect(try row.string(4) == nil)
            #expect(try row.withText(4) { _ in true } == nil)
            #expect(try row.blob(4) == nil)
            #expect(try row.bool(4) == nil)
            #expect(try row.value(4) == .null)
            #expect(try row.string(5) == "")
            #expect(try row.blob(6) == [])
            #expect(try row.bool(7) == false)
            #expect(try row.bool(9) == true)
            #expect(try row.int64(8) == .min)
            return true
        }
        #expect(checked == true)
    }

    @Test func readingAnotherStorageClassIsATypedErrorWithoutTheValue() throws {
        let store = try TestDatabase("mismatch")
        let db = store.database
        try db.execute("CREATE TABLE cases (id TEXT PRIMARY KEY, attempts INTEGER)")
        try db.prepare("INSERT INTO cases VALUES (?, ?)").execute([.text(citizenID), 3])

        try db.prepare("SELECT id, attempts FROM cases").forEachRow { row in
            let asInteger = try #require(throws: StoreError.self) { try row.int64(0) }
            #expect(asInteger.kind == .columnTypeMismatch)
            #expect(asInteger.message == "column 0 (id) holds text where an integer was expected")
            #expect(!asInteger.description.contains(citizenID))
            #expect(!asInteger.localizedDescription.contains(citizenID))

            #expect(try #require(throws: StoreError.self) { try row.string(1) }.kind == .columnTypeMismatch)
            #expect(try #require(throws: StoreError.self) { try row.blob(0) }.kind == .columnTypeMismatch)
            #expect(try #require(throws: StoreError.self) { try row.double(0) }.kind == .columnTypeMismatch)
        }
    }

    @Test func namedParametersBindByNameWithOrWithoutPrefix() throws {
        let store = try TestDatabase("named")
        let db = store.database
        try db.execute("CREATE TABLE cases (id TEXT PRIMARY KEY, name TEXT, attempts INTEGER, note TEXT)")

        let insert = try db.prepare("INSERT INTO cases VALUES (:id, @name, $attempts, :note)")
        #expect(insert.parameterCount == 4)
        try insert.execute(named: [":id": .text(citizenID), "@name": "张三", "$attempts": 2, "note": nil])
        try insert.bind("110101199003071235", named: "id")
        try insert.bind(nil, named: ":note")
        try insert.bind(5, named: "$attempts")
        try insert.execute()

        // The same name used twice in the SQL is one parameter.
        let select = try db.prepare("SELECT name, attempts, note FROM cases WHERE id = :id OR :id IS NULL")
        #expect(select.parameterCount == 1)
        let row = try select.firstRow([.text(citizenID)]) { row in
            "\(try row.string(0) ?? "-") \(try row.int64(1) ?? -1) \(try row.string(2) ?? "NULL")"
        }
        #expect(row == "张三 2 NULL")
        #expect(try db.integer("SELECT attempts FROM cases WHERE id = '110101199003071235'") == 5)
    }

    @Test func argumentsThatDoNotFitTheParametersAreRefused() throws {
        let store = try TestDatabase("arguments")
        let db = store.database
        try db.execute("CREATE TABLE t (a, b)")
        let positional = try db.prepare("INSERT INTO t VALUES (?, ?)")
        let named = try db.prepare("INSERT INTO t VALUES (:a, :b)")

        let tooFew = try #require(throws: StoreError.self) { try positional.execute([.text(citizenID)]) }
        #expect(tooFew.kind == .argumentMismatch)
        #expect(tooFew.message == "the statement has 2 parameters but 1 arguments were given")
        #expect(!tooFew.description.contains(citizenID))

        let unknown = try #require(throws: StoreError.self) {
            try named.execute(named: [":a": 1, ":b": 2, ":c": .text(citizenID)])
        }
        #expect(unknown.kind == .argumentMismatch)
        #expect(unknown.message == "the statement has no parameter named :c")
        #expect(!unknown.description.contains(citizenID))

        let missing = try #require(throws: StoreError.self) { try named.execute(named: [":a": 1]) }
        #expect(missing.message == "no value was given for the parameters :b")

        let outOfRange = try #require(throws: StoreError.self) { try positional.bind(1, at: 3) }
        #expect(outOfRange.resultCode == 25)  // SQLITE_RANGE
        #expect(try db.integer("SELECT count(*) FROM t") == 0)
    }

    @Test func oneStatementWritesManyRowsAndBindingsSurviveReset() throws {
        let store = try TestDatabase("reuse")
        let db = store.database
        try db.execute("CREATE TABLE t (id TEXT PRIMARY KEY, province TEXT, n INTEGER)")
        let insert = try db.prepare("INSERT INTO t VALUES (?, ?, ?)")
        try insert.bind("北京", at: 2)  // bound once, kept across runs

        try db.transaction {
            for n in 0..<1000 {
                try insert.bind(String(110_101_199_003_070_000 + n), at: 1)
                try insert.bind(n, at: 3)
                try insert.execute()
            }
        }

        #expect(try db.integer("SELECT count(*) FROM t WHERE province = '北京'") == 1000)
        var ids: [String] = []
        try db.prepare("SELECT id FROM t ORDER BY id DESC LIMIT 2").forEachRow { ids.append(try $0.string(0) ?? "") }
        #expect(ids == ["110101199003070999", "110101199003070998"])
    }

    @Test func aStatementThatFailedOnceRunsAgainAfterwards() throws {
        let store = try TestDatabase("after-failure")
        let db = store.database
        try db.execute("CREATE TABLE t (id TEXT PRIMARY KEY)")
        let insert = try db.prepare("INSERT INTO t VALUES (?)")
        try insert.execute([.text(citizenID)])

        let error = try #require(throws: StoreError.self) { try insert.execute([.text(citizenID)]) }
        #expect(error.isConstraintViolation)
        try insert.execute(["110101199003071235"])

        // By hand: step() throws the failure once; the reset after it does not throw it again.
        try insert.bind(citizenID, at: 1)
        let stepped = try #require(throws: StoreError.self) { try insert.step() }
        #expect(stepped.isConstraintViolation)
        try insert.reset()
        try insert.bind("110101199003071236", at: 1)
        #expect(try insert.step() == false)
        try insert.reset()
        #expect(try db.integer("SELECT count(*) FROM t") == 3)
    }

    @Test func steppingByHandReadsRowsInOrder() throws {
        let store = try TestDatabase("step")
        let db = store.database
        let select = try db.prepare("WITH RECURSIVE s(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM s WHERE value < 3) SELECT value AS n, value * 2 AS twice FROM s")
        #expect(select.columnNames == ["n", "twice"])

        var seen: [Int64] = []
        while try select.step() {
            #expect(select.row.columnName(1) == "twice")
            seen.append(try select.row.int64(1) ?? 0)
        }
        #expect(seen == [2, 4, 6])
        #expect(try select.step())  // after the end, stepping starts again
        try select.reset()
    }

    @Test func forEachRowStopsAtTheBodysErrorAndRethrowsIt() throws {
        let store = try TestDatabase("for-each")
        let db = store.database
        let select = try db.prepare("WITH RECURSIVE s(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM s WHERE value < 10) SELECT value FROM s")
        var seen = 0

        #expect(throws: TestFailure(label: "third")) {
            try select.forEachRow { row in
                seen += 1
                if try row.int64(0) == 3 { throw TestFailure(label: "third") }
            }
        }
        #expect(seen == 3)
        // Reset: the next iteration starts from the first row.
        #expect(try select.firstRow { try $0.int64(0) } == 1)
    }

    @Test func clearBindingsSetsEveryParameterToNull() throws {
        let store = try valuesTable()
        let db = store.database
        let insert = try db.prepare("INSERT INTO v (value) VALUES (?)")
        try insert.bind(.text(citizenID), at: 1)
        try insert.clearBindings()
        try insert.execute()
        #expect(try db.integer("SELECT count(*) FROM v WHERE value IS NULL") == 1)
    }

    @Test func aRowReadAfterItsStatementMovedOnStopsTheProgram() async throws {
        let directory = try TemporaryDirectory("store-escaped-row")
        let path = directory.file("store.sqlite")
        await #expect(processExitsWith: .failure) { [path = path as String] in
            do {
                let select = try Database(path: path).prepare("SELECT 1 UNION ALL SELECT 2")
                var escaped: Row?
                try select.forEachRow { escaped = $0 }
                #expect(try escaped?.int64(0) == 2)
            } catch {
                exit(0)
            }
        }
    }
}
