internal import CSQLite

/// A prepared SQL statement: prepare once, then bind, run and reset it as many times as needed.
///
/// A loop that writes many rows reuses one statement: bind each parameter (`bind(_:at:)`), then `execute()`.
/// Binding keeps no reference to the Swift value: text and blobs are copied by SQLite (`SQLITE_TRANSIENT`).
/// Bindings stay in place across `reset()` and runs until they are rebound or cleared.
///
/// The statement is finalized when the last reference to it goes away. Like its `Database`, it must be used from
/// one thread at a time, and it is not `Sendable`.
public final class Statement {
    /// The connection; held so that it stays open as long as this statement exists.
    let connection: Connection
    /// The prepared statement; finalized in `deinit` and nowhere else.
    let handle: OpaquePointer
    /// The SQL text this statement was prepared from (for errors; never holds bound values).
    public let sql: String

    /// The code of the last failed `sqlite3_step`, which `sqlite3_reset` and `sqlite3_finalize` report again.
    private var lastStepFailure: Int32 = SQLITE_OK
    /// Counts steps and resets; a `Row` remembers the count it was made at and refuses to read after it changes.
    private(set) var generation = 0
    /// True between a step that produced a row and the next step or reset.
    private(set) var hasRow = false

    init(connection: Connection, handle: OpaquePointer, sql: String) {
        self.connection = connection
        self.handle = handle
        self.sql = sql
    }

    deinit {
        // > If the most recent evaluation of statement S failed, then sqlite3_finalize(S) returns the appropriate
        // > error code
        // So a failure here is the last step's failure, which step() has already thrown to its caller; finalize
        // itself always frees the statement ("any use of a prepared statement after it has been finalized can
        // result in undefined ... behavior"), so there is nothing left to do with the code.
        do {
            try connection.check(sqlite3_finalize(handle), "finalizing a statement", sql: sql)
        } catch {
            // Reported already by step(); see above.
        }
    }

    // MARK: Shape

    /// The number of parameters (`?`, `?NNN`, `:name`, `@name`, `$name`); the largest index that can be bound.
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// The number of columns in each result row (0 for statements that return no rows).
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// The names of the result columns, in order (the `AS` name when there is one).
    public var columnNames: [String] {
        (0..<columnCount).map { columnName(at: $0) }
    }

    /// The name of one result column (0-based).
    public func columnName(at index: Int) -> String {
        precondition(index >= 0 && index < columnCount, "Column index \(index) is out of range.")
        // > The returned string pointer is valid until either the prepared statement is destroyed … or until the
        // > statement is automatically reprepared … or until the next call to sqlite3_column_name()
        // Copied at once. NULL only when out of memory; an empty name is the honest fallback for a label.
        guard let name = sqlite3_column_name(handle, Int32(index)) else { return "" }
        return String(cString: name)
    }

    // MARK: Binding

    /// Binds a value to the parameter at `index` (1-based, as in SQL: the first `?` is 1).
    ///
    /// - Throws: `StoreError` when the index is not a parameter of the statement or the value is too large.
    public func bind(_ value: some DatabaseValueConvertible, at index: Int) throws {
        try bind(value.databaseValue, at: index)
    }

    /// Binds a value to the parameter at `index` (1-based); `nil` binds NULL.
    ///
    /// - Throws: `StoreError` when the index is not a parameter of the statement or the value is too large.
    public func bind(_ value: DatabaseValue, at index: Int) throws {
        // Out of Int32 range is out of SQLite's range too; let SQLite say so through SQLITE_RANGE.
        let position = Int32(clamping: index)
        let code: Int32
        switch value {
        case .null:
            code = sqlite3_bind_null(handle, position)
        case .integer(let integer):
            code = sqlite3_bind_int64(handle, position, integer)
        case .real(let real):
            code = sqlite3_bind_double(handle, position, real)
        case .text(var text):
            code = text.withUTF8 { bytes in bindText(bytes, at: position) }
        case .blob(let bytes):
            code = bytes.withUnsafeBytes { bytes in bindBlob(bytes, at: position) }
        }
        try connection.check(code, "binding parameter \(index)", sql: sql)
    }

    /// Binds a value to the named parameter (`":id"`; a name without its prefix gets `:`).
    ///
    /// - Throws: `StoreError` (`.argumentMismatch`) when the statement has no parameter of that name.
    public func bind(_ value: some DatabaseValueConvertible, named name: String) throws {
        try bind(value.databaseValue, at: parameterIndex(named: name))
    }

    /// Binds a value to the named parameter (`":id"`; a name without its prefix gets `:`); `nil` binds NULL.
    ///
    /// - Throws: `StoreError` (`.argumentMismatch`) when the statement has no parameter of that name.
    public func bind(_ value: DatabaseValue, named name: String) throws {
        try bind(value, at: parameterIndex(named: name))
    }

    /// Binds every parameter by position: `arguments[0]` to parameter 1, and so on.
    ///
    /// - Throws: `StoreError` (`.argumentMismatch`) unless there is exactly one argument per parameter.
    public func bind(_ arguments: [DatabaseValue]) throws {
        guard arguments.count == parameterCount else {
            throw StoreError(
                .argumentMismatch, operation: "binding arguments",
                message: "the statement has \(parameterCount) parameters but \(arguments.count) arguments were given",
                sql: sql)
        }
        for (offset, argument) in arguments.enumerated() {
            try bind(argument, at: offset + 1)
        }
    }

    /// Binds every parameter by name (keys as in the SQL, `":id"`, or without the prefix).
    ///
    /// - Throws: `StoreError` (`.argumentMismatch`) when a name is not a parameter, or a parameter has no value
    ///   (it would silently be NULL) or is positional.
    public func bind(named arguments: [String: DatabaseValue]) throws {
        var bound = Set<Int>()
        // Sorted, so that with several wrong names the error always names the same one.
        for (name, argument) in arguments.sorted(by: { $0.key < $1.key }) {
            let index = try parameterIndex(named: name)
            try bind(argument, at: index)
            bound.insert(index)
        }
        let missing = parameterCount == 0 ? [] : (1...parameterCount).filter { !bound.contains($0) }
        guard missing.isEmpty else {
            let names = missing.map { index in
                // > Parameters of the form "?" without a following integer have no name
                sqlite3_bind_parameter_name(handle, Int32(index)).map { String(cString: $0) } ?? "?\(index)"
            }
            throw StoreError(
                .argumentMismatch, operation: "binding named arguments",
                message: "no value was given for the parameters \(names.joined(separator: ", "))", sql: sql)
        }
    }

    /// Sets every parameter back to NULL, so that no earlier value (an ID number) can be used by mistake.
    public func clearBindings() throws {
        // > Contrary to the intuition of many, sqlite3_reset() does not reset the bindings on a prepared
        // > statement. Use this routine to reset all host parameters to NULL.
        try connection.check(sqlite3_clear_bindings(handle), "clearing the bindings", sql: sql)
    }

    /// The 1-based index of a named parameter.
    private func parameterIndex(named name: String) throws -> Int {
        let prefixed = name.first.map { ":@$?".contains($0) } == true ? name : ":" + name
        // > Return the index of an SQL parameter given its name. … The name must be given in UTF-8 … A zero is
        // > returned if no matching parameter is found.
        let index = Int(sqlite3_bind_parameter_index(handle, prefixed))
        guard index > 0 else {
            throw StoreError(
                .argumentMismatch, operation: "binding a named argument",
                message: "the statement has no parameter named \(prefixed)", sql: sql)
        }
        return index
    }

    private func bindText(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int32) -> Int32 {
        // > If the third parameter to sqlite3_bind_text() … is a NULL pointer then the fifth argument is ignored
        // > and the end result is the same as sqlite3_bind_null().
        // An empty Swift string may have no storage, so empty text gets a real (static) pointer to stay "".
        // > If the fifth argument has the value SQLITE_TRANSIENT, then SQLite makes its own private copy of the
        // > data immediately, before the sqlite3_bind_*() routine returns.
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            return sqlite3_bind_text64(handle, position, "", 0, CSQLite_transient(), UInt8(SQLITE_UTF8))
        }
        return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { text in
            sqlite3_bind_text64(handle, position, text, UInt64(bytes.count), CSQLite_transient(), UInt8(SQLITE_UTF8))
        }
    }

    private func bindBlob(_ bytes: UnsafeRawBufferPointer, at position: Int32) -> Int32 {
        // As for text, a NULL pointer would bind NULL; an empty blob is a zero-length zeroblob instead.
        // > The sqlite3_bind_zeroblob() routine binds a BLOB of length N that is filled with zeroes.
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            return sqlite3_bind_zeroblob(handle, position, 0)
        }
        return sqlite3_bind_blob64(handle, position, base, UInt64(bytes.count), CSQLite_transient())
    }

    // MARK: Running

    /// Runs the statement one step. Returns true when a row is ready (read it with ``row``), false when done.
    ///
    /// After `false`, the next `step()` starts the statement again; `reset()` first to release its locks sooner.
    /// - Throws: `StoreError` from SQLite: constraint violations (`isConstraintViolation`), busy (`isBusy`), I/O.
    public func step() throws -> Bool {
        generation &+= 1
        let code = sqlite3_step(handle)
        lastStepFailure = (code == SQLITE_ROW || code == SQLITE_DONE) ? SQLITE_OK : code
        hasRow = try connection.check(code, "running a statement", sql: sql) == SQLITE_ROW
        return hasRow
    }

    /// The current row, after `step()` returned true. Valid until the next step or reset.
    public var row: Row {
        precondition(hasRow, "Statement.row was read when step() had not produced a row.")
        return Row(statement: self, generation: generation)
    }

    /// Puts the statement back at its start, keeping its bindings.
    ///
    /// A failure of the previous `step()` is not reported again: `step()` has thrown it already.
    public func reset() throws {
        generation &+= 1
        hasRow = false
        let code = sqlite3_reset(handle)
        let echoedFailure = lastStepFailure
        lastStepFailure = SQLITE_OK
        // > If the most recent call to sqlite3_step(S) for the prepared statement S indicated an error, then
        // > sqlite3_reset(S) returns an appropriate error code.
        if code != SQLITE_OK && code == echoedFailure { return }
        try connection.check(code, "resetting a statement", sql: sql)
    }

    /// Runs the statement to completion with its current bindings, then resets it (releasing its locks).
    /// Rows a query returns are skipped; use `forEachRow` to read them.
    public func execute() throws {
        try reset()
        do {
            while try step() {}
        } catch {
            resetAfterFailure()
            throw error
        }
        try reset()
    }

    /// Binds `arguments` by position (one per parameter), then runs the statement to completion.
    public func execute(_ arguments: [DatabaseValue]) throws {
        try reset()
        try bind(arguments)
        try execute()
    }

    /// Binds `arguments` by name (every parameter needs one), then runs the statement to completion.
    public func execute(named arguments: [String: DatabaseValue]) throws {
        try reset()
        try bind(named: arguments)
        try execute()
    }

    /// Runs the statement with its current bindings and calls `body` with each row, then resets the statement.
    ///
    /// The `Row` is valid only inside `body`: copy out what you need. An error thrown by `body` stops the
    /// iteration, resets the statement and is rethrown.
    public func forEachRow(_ body: (Row) throws -> Void) throws {
        try reset()
        do {
            while try step() {
                try body(Row(statement: self, generation: generation))
            }
        } catch {
            resetAfterFailure()
            throw error
        }
        try reset()
    }

    /// Binds `arguments` by position, then calls `body` with each row (see ``forEachRow(_:)``).
    public func forEachRow(_ arguments: [DatabaseValue], _ body: (Row) throws -> Void) throws {
        try reset()
        try bind(arguments)
        try forEachRow(body)
    }

    /// Runs the statement with its current bindings and returns `transform` of its first row, or nil when it
    /// returns no row; then resets it.
    public func firstRow<T>(_ transform: (Row) throws -> T) throws -> T? {
        var result: T?
        try reset()
        do {
            if try step() {
                result = try transform(Row(statement: self, generation: generation))
            }
        } catch {
            resetAfterFailure()
            throw error
        }
        try reset()
        return result
    }

    /// Binds `arguments` by position, then returns `transform` of the first row (see ``firstRow(_:)``).
    public func firstRow<T>(_ arguments: [DatabaseValue], _ transform: (Row) throws -> T) throws -> T? {
        try reset()
        try bind(arguments)
        return try firstRow(transform)
    }

    /// Resets after an error that is already on its way to the caller: that error says what went wrong (a reset
    /// failure here can only repeat it — the step's own failure is not reported twice — or be secondary).
    private func resetAfterFailure() {
        do {
            try reset()
        } catch {
            // The caller's error wins; see above.
        }
    }
}
