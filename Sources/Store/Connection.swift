internal import CSQLite

/// Owns one `sqlite3` connection handle.
///
/// The `Database` and every `Statement` prepared on it hold this object, so the handle outlives each statement
/// (a statement must be finalized before its connection closes) without a reference cycle between the database
/// and its statement cache.
final class Connection {
    /// The handle; nil once `close()` has succeeded.
    private(set) var handle: OpaquePointer?

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    /// The open handle. Using a database after `close()` is a programmer error.
    var live: OpaquePointer {
        guard let handle else { preconditionFailure("The database was used after close().") }
        return handle
    }

    /// The one place where SQLite's result codes are checked: returns the code when it is not an error
    /// (`SQLITE_OK`, and `SQLITE_ROW` / `SQLITE_DONE`, which "are not errors" per the result-code documentation),
    /// throws a `StoreError` with SQLite's message otherwise.
    ///
    /// `sqlite3_errmsg` describes the most recent failed call on the connection, so this must be called right after
    /// the call that produced `code`, before any other call on the same connection.
    @discardableResult
    @inline(__always)
    static func check(
        _ code: Int32, handle: OpaquePointer?, _ operation: @autoclosure () -> String,
        sql: @autoclosure () -> String? = nil
    ) throws(StoreError) -> Int32 {
        if code == SQLITE_OK || code == SQLITE_ROW || code == SQLITE_DONE { return code }
        throw error(code, handle: handle, operation(), sql: sql())
    }

    /// Builds the error for a failed call; kept out of line so that `check` stays small where it is inlined.
    @inline(never)
    private static func error(_ code: Int32, handle: OpaquePointer?, _ operation: String, sql: String?) -> StoreError {
        // > sqlite3_errmsg() … return English-language text that describes the error
        // With no handle (open failed before allocating one), sqlite3_errstr describes the code itself.
        let message = handle.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        return StoreError(.sqlite, operation: operation, resultCode: code, message: message, sql: sql)
    }

    /// `check` against this connection.
    @discardableResult
    @inline(__always)
    func check(
        _ code: Int32, _ operation: @autoclosure () -> String, sql: @autoclosure () -> String? = nil
    ) throws(StoreError) -> Int32 {
        try Self.check(code, handle: handle, operation(), sql: sql())
    }

    /// Closes the connection now, reporting failure. Closing twice does nothing.
    func close() throws(StoreError) {
        guard let handle else { return }
        // > If the database connection is associated with unfinalized prepared statements … then sqlite3_close()
        // > will leave the database connection open and return SQLITE_BUSY.
        // > If sqlite3_close_v2() is called with unfinalized prepared statements … it returns SQLITE_OK regardless
        // Plain sqlite3_close, so that a statement still held by the caller is reported rather than hidden.
        try check(sqlite3_close(handle), "closing the database")
        self.handle = nil
    }

    deinit {
        guard let handle else { return }
        // > If sqlite3_close_v2() is called with unfinalized prepared statements, unclosed BLOB handlers, and/or
        // > unfinished sqlite3_backups, it returns SQLITE_OK regardless, but instead of deallocating the database
        // > connection immediately, it marks the database connection as an unusable "zombie"
        // Its only other outcome is misuse (a handle not from sqlite3_open, or closed twice): a programmer error.
        do {
            try check(sqlite3_close_v2(handle), "closing the database")
        } catch {
            preconditionFailure("\(error)")
        }
    }
}
