import Foundation
internal import CSQLite

/// The current result row of a statement, read by column (0-based).
///
/// A row is a view, not a copy: it is valid until its statement steps again or is reset, and reading it after that
/// is a programmer error that stops the program (SQLite's column functions are undefined there). Copy the values out
/// inside the `forEachRow` closure.
///
/// The typed accessors are strict: each reads one storage class and returns nil for NULL; any other storage class
/// throws `StoreError` (`.columnTypeMismatch`) instead of SQLite's silent conversion (text "abc" read as the
/// integer 0). `double` also reads integers, which converts exactly up to 2^53.
public struct Row {
    let statement: Statement
    let generation: Int

    /// The statement's handle, once the row is known to be current.
    private var handle: OpaquePointer {
        precondition(
            statement.generation == generation && statement.hasRow,
            "A Row was read after its statement moved on; copy values out inside the closure.")
        return statement.handle
    }

    /// The column's position for the C API, once it is known to be in range.
    private func column(_ index: Int) -> Int32 {
        // > If the SQL statement does not currently point to a valid row, or if the column index is out of range,
        // > the result is undefined.
        precondition(index >= 0 && index < columnCount, "Column index \(index) is out of range.")
        return Int32(index)
    }

    /// The number of columns.
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// The name of a column.
    public func columnName(_ index: Int) -> String { statement.columnName(at: index) }

    /// True when the column holds NULL.
    public func isNull(_ index: Int) -> Bool {
        sqlite3_column_type(handle, column(index)) == SQLITE_NULL
    }

    /// The column's integer, nil for NULL.
    /// - Throws: `StoreError` (`.columnTypeMismatch`) when the column holds a real, text or a blob.
    public func int64(_ index: Int) throws -> Int64? {
        let position = column(index)
        switch sqlite3_column_type(handle, position) {
        case SQLITE_NULL: return nil
        case SQLITE_INTEGER: return sqlite3_column_int64(handle, position)
        case let other: throw mismatch(index, holds: other, expected: "an integer")
        }
    }

    /// The column's integer as `Int`, nil for NULL (`Int` is 64 bits where this package builds).
    /// - Throws: `StoreError` (`.columnTypeMismatch`) when the column holds a real, text or a blob.
    public func int(_ index: Int) throws -> Int? {
        try int64(index).map { Int($0) }
    }

    /// The column's integer read as a Boolean (0 is false, anything else true), nil for NULL.
    /// - Throws: `StoreError` (`.columnTypeMismatch`) when the column holds a real, text or a blob.
    public func bool(_ index: Int) throws -> Bool? {
        try int64(index).map { $0 != 0 }
    }

    /// The column's real (or integer, converted), nil for NULL.
    /// - Throws: `StoreError` (`.columnTypeMismatch`) when the column holds text or a blob.
    public func double(_ index: Int) throws -> Double? {
        let position = column(index)
        switch sqlite3_column_type(handle, position) {
        case SQLITE_NULL: return nil
        case SQLITE_FLOAT, SQLITE_INTEGER: return sqlite3_column_double(handle, position)
        case let other: throw mismatch(index, holds: other, expected: "a real number")
        }
    }

    /// The column's text, nil for NULL ("" is the empty string, not NULL).
    /// - Throws: `StoreError` (`.columnTypeMismatch`) when the column holds a number or a blob.
    public func string(_ index: Int) throws -> String? {
        try withText(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the column's UTF-8 bytes, without copying them into a `String`; nil for NULL.
    ///
    /// For writing many values straight to a file. The buffer is valid only inside `body`.
    /// - Throws: `StoreError` (`.columnTypeMismatch`) when the column holds a number or a blob; what `body` throws.
    public func withText<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) throws -> T? {
        let position = column(index)
        let type = sqlite3_column_type(handle, position)
        if type == SQLITE_NULL { return nil }
        guard type == SQLITE3_TEXT else { throw mismatch(index, holds: type, expected: "text") }
        // > the safest policy is to invoke these routines … sqlite3_column_text() followed by sqlite3_column_bytes()
        // > If a memory allocation error occurs during the evaluation of any of these routines, … a NULL pointer is
        // > returned.
        // A TEXT value always yields a pointer ("" for empty text), so NULL here means out of memory.
        guard let text = sqlite3_column_text(handle, position) else { throw outOfMemory() }
        let count = Int(sqlite3_column_bytes(handle, position))
        return try body(UnsafeBufferPointer(start: text, count: count))
    }

    /// The column's bytes, nil for NULL (an empty blob is `[]`, not nil).
    /// - Throws: `StoreError` (`.columnTypeMismatch`) when the column holds a number or text.
    public func blob(_ index: Int) throws -> [UInt8]? {
        try withBlob(index) { [UInt8]($0) }
    }

    /// The column's bytes as `Data`, nil for NULL.
    /// - Throws: `StoreError` (`.columnTypeMismatch`) when the column holds a number or text.
    public func data(_ index: Int) throws -> Data? {
        try withBlob(index) { Data($0) }
    }

    private func withBlob<T>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> T) throws -> T? {
        let position = column(index)
        let type = sqlite3_column_type(handle, position)
        if type == SQLITE_NULL { return nil }
        guard type == SQLITE_BLOB else { throw mismatch(index, holds: type, expected: "a blob") }
        // > The return value from sqlite3_column_blob() for a zero-length BLOB is a NULL pointer.
        let bytes = sqlite3_column_blob(handle, position)
        let count = Int(sqlite3_column_bytes(handle, position))
        if count == 0 { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        guard let bytes else { throw outOfMemory() }
        return body(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// The column's value in whatever storage class it has.
    public func value(_ index: Int) throws -> DatabaseValue {
        let position = column(index)
        switch sqlite3_column_type(handle, position) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, position))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, position))
        case SQLITE3_TEXT: return try string(index).map(DatabaseValue.text) ?? .null
        case SQLITE_BLOB: return try blob(index).map(DatabaseValue.blob) ?? .null
        default: return .null
        }
    }

    private func mismatch(_ index: Int, holds type: Int32, expected: String) -> StoreError {
        let holds = switch type {
        case SQLITE_INTEGER: "an integer"
        case SQLITE_FLOAT: "a real number"
        case SQLITE3_TEXT: "text"
        case SQLITE_BLOB: "a blob"
        default: "NULL"
        }
        return StoreError(
            .columnTypeMismatch, operation: "reading a result column",
            message: "column \(index) (\(columnName(index))) holds \(holds) where \(expected) was expected",
            sql: statement.sql)
    }

    private func outOfMemory() -> StoreError {
        StoreError(
            .sqlite, operation: "reading a result column", resultCode: SQLITE_NOMEM,
            message: String(cString: sqlite3_errstr(SQLITE_NOMEM)), sql: statement.sql)
    }
}
