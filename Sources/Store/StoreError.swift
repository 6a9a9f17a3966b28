import Foundation

/// Every error the `Store` module throws.
///
/// It carries what was being done, SQLite's result codes and message, and the SQL text — never the values bound to
/// the statement: those may be citizens' ID numbers, and errors end up in logs and reports (GRDB keeps statement
/// arguments out of its error descriptions for the same reason). SQLite's own messages name schema objects
/// (`UNIQUE constraint failed: cases.id`), not values; the tests check this for every constraint kind.
///
/// Never build SQL by pasting values into it: bind them, or they will show up here.
public struct StoreError: Error, LocalizedError, CustomStringConvertible, Sendable {
    /// What kind of failure this is.
    public enum Kind: Sendable, Equatable {
        /// SQLite returned an error code; see ``StoreError/resultCode`` and ``StoreError/message``.
        case sqlite
        /// `prepare` was given no statement, or more than one (use `Database.execute` for scripts).
        case notOneStatement
        /// The arguments do not match the statement's parameters (count, or names).
        case argumentMismatch
        /// A column holds a different storage class than the accessor reads (for example text read as an integer).
        case columnTypeMismatch
        /// The database records applied migrations that the given list does not know: a newer version of the
        /// program wrote it. The associated names are those migrations, in the order they were applied.
        case unknownAppliedMigrations([String])
        /// The database's applied migrations are all known but are not the first migrations of the list, in order:
        /// a migration was inserted into or removed from the middle of a list that had already shipped.
        case migrationOrderMismatch
        /// The database could not be put in write-ahead-log mode, which crash safety and concurrent reads rely on.
        case journalModeUnavailable
        /// The connection refused to enforce foreign keys.
        case foreignKeysUnavailable
        /// Creating the database file with the requested permissions failed (`message` holds the system's reason).
        case fileSystem
    }

    /// Which constraint a `CONSTRAINT` error broke (SQLite's extended result codes).
    public enum Constraint: Sendable, Equatable {
        /// A `UNIQUE` constraint or unique index.
        case unique
        /// A `PRIMARY KEY` (SQLite reports rowid and WITHOUT ROWID keys this way).
        case primaryKey
        /// A `NOT NULL` column received NULL.
        case notNull
        /// A `FOREIGN KEY` pointed at a missing row, or a parent row still had children.
        case foreignKey
        /// A `CHECK` constraint was false.
        case check
        /// Any other constraint (triggers' `RAISE`, datatype of a `STRICT` table, …).
        case other
    }

    /// What kind of failure this is.
    public let kind: Kind
    /// What was being done, as a phrase ("running a statement", "opening the database at /path").
    public let operation: String
    /// SQLite's primary result code (the low 8 bits), or nil when the error does not come from SQLite.
    public let resultCode: Int?
    /// SQLite's extended result code (for example 2067, `SQLITE_CONSTRAINT_UNIQUE`), or nil when not from SQLite.
    public let extendedResultCode: Int?
    /// SQLite's own message (`sqlite3_errmsg`), or this module's explanation when the error is not SQLite's.
    public let message: String?
    /// The SQL being prepared or run, when there was one.
    public let sql: String?

    /// Creates an error; the module's `check` and its validations are the only callers.
    init(
        _ kind: Kind, operation: String, resultCode: Int32? = nil, message: String?, sql: String? = nil
    ) {
        self.kind = kind
        self.operation = operation
        self.resultCode = resultCode.map { Int($0 & 0xFF) }
        self.extendedResultCode = resultCode.map { Int($0) }
        self.message = message
        self.sql = sql
    }

    // Primary result codes, from sqlite3.h (kept here so the public API needs no C module).
    private static let busy = 5, locked = 6, readOnly = 8, ioError = 10, corrupt = 11, full = 13, cantOpen = 14
    private static let constraint = 19, misuse = 21, notADatabase = 26, permission = 3, range = 25

    /// True when the statement broke a constraint of the schema (UNIQUE, PRIMARY KEY, NOT NULL, FOREIGN KEY, …).
    public var isConstraintViolation: Bool { resultCode == Self.constraint }

    /// True when another connection held a lock for longer than the busy timeout (`SQLITE_BUSY`), or a table was
    /// locked inside this process (`SQLITE_LOCKED`): waiting and running again may succeed.
    public var isBusy: Bool { resultCode == Self.busy || resultCode == Self.locked }

    /// True when the file is not an SQLite database (`SQLITE_NOTADB`) or is damaged (`SQLITE_CORRUPT`).
    public var isNotADatabase: Bool { resultCode == Self.notADatabase || resultCode == Self.corrupt }

    /// True when the file system refused: no permission (`SQLITE_PERM`), a read-only file or folder
    /// (`SQLITE_READONLY`), a failed read or write (`SQLITE_IOERR`), a full disk (`SQLITE_FULL`), a file that cannot
    /// be opened (`SQLITE_CANTOPEN`), or the database file could not be created. A caller reports these as "cannot
    /// write", not as a bug.
    public var isFileSystemRefusal: Bool {
        kind == .fileSystem
            || [Self.permission, Self.readOnly, Self.ioError, Self.full, Self.cantOpen].contains(resultCode ?? 0)
    }

    /// Which constraint was broken, or nil when this is not a constraint violation.
    public var constraint: Constraint? {
        guard isConstraintViolation, let extended = extendedResultCode else { return nil }
        // SQLITE_CONSTRAINT_<X> = SQLITE_CONSTRAINT | (n << 8), sqlite3.h.
        switch extended >> 8 {
        case 1: return .check
        case 3: return .foreignKey
        case 5: return .notNull
        case 6, 10: return .primaryKey  // PRIMARYKEY, and ROWID (a duplicate INTEGER PRIMARY KEY)
        case 8: return .unique
        default: return .other
        }
    }

    /// One paragraph: what failed, SQLite's message and codes, the SQL, and what to do next. Never bound values.
    public var errorDescription: String? { description }

    /// The same text as ``errorDescription``, so that `String(describing:)` and string interpolation show it too.
    public var description: String {
        var text = "Store: \(operation) failed"
        if let message { text += ": \(message)" }
        if let extendedResultCode, let resultCode {
            text += " (SQLite result code \(resultCode), extended \(extendedResultCode))"
        }
        text += "."
        if let sql { text += " SQL: \(Self.abbreviated(sql))." }
        text += " " + advice
        return text
    }

    /// What the reader should do next.
    private var advice: String {
        switch kind {
        case .notOneStatement, .argumentMismatch, .columnTypeMismatch, .migrationOrderMismatch:
            return "This is a bug in the program that uses the store; report it with this message."
        case .unknownAppliedMigrations:
            return "A newer version of the program has written this database; run that version, "
                + "or restore the database from a backup made by this version."
        case .journalModeUnavailable:
            return "Put the database on a local file system that supports shared memory (not a network share)."
        case .foreignKeysUnavailable:
            return "Use an SQLite library built with foreign key support."
        case .fileSystem:
            return "Check that the path is right, that its folder exists and is a folder, and that it is writable."
        case .sqlite:
            break
        }
        switch resultCode {
        case Self.busy, Self.locked:
            return "Another connection or process holds the database; wait for it to finish and run again, "
                + "or raise the busy timeout."
        case Self.constraint:
            return "The data breaks a rule of the database schema; correct the data or the code that writes it."
        case Self.notADatabase:
            return "The file is not an SQLite database; check the path, or restore the file from a backup."
        case Self.corrupt:
            return "The database file is damaged; restore it from a backup."
        case Self.cantOpen:
            return "Check that the path is right, that its folder exists and is a folder, and that it is writable."
        case Self.readOnly:
            return "The database is open read-only or its files are not writable; open it for writing "
                + "or correct the permissions of the database file and its folder."
        case Self.permission:
            return "Correct the permissions of the database file and its folder."
        case Self.full:
            return "The disk is full; free some space and run again."
        case Self.ioError:
            return "A disk read or write failed; check the disk and its free space, then run again."
        case Self.misuse, Self.range:
            return "This is a bug in the program that uses the store; report it with this message."
        default:
            return "Correct the SQL statement, or report this message if it comes from the program itself."
        }
    }

    /// The SQL on one line, cut after 500 characters so that a long migration does not flood the log.
    private static func abbreviated(_ sql: String) -> String {
        let oneLine = sql.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
        return oneLine.count > 500 ? String(oneLine.prefix(500)) + "…" : oneLine
    }
}
