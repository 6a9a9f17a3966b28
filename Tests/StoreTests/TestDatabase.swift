import Store
import TestSupport

/// A distinctive 18-digit ID number: tests bind it and then check that no error text carries it.
let citizenID = "110101199003071234"

/// A database file in a temporary directory of its own; both go when the value does.
///
/// (Lives here rather than in TestSupport because that target does not depend on Store.)
final class TestDatabase {
    let directory: TemporaryDirectory
    let path: String
    let database: Database

    init(_ label: String, options: Database.Options = Database.Options()) throws {
        directory = try TemporaryDirectory("store-\(label)")
        path = directory.file("store.sqlite")
        database = try Database(path: path, options: options)
    }

    /// A second connection to the same file.
    func reopen(_ options: Database.Options = Database.Options()) throws -> Database {
        try Database(path: path, options: options)
    }
}

extension Database {
    /// The first column of the first row as an integer (tests' shorthand).
    func integer(_ sql: String) throws -> Int64? {
        try prepare(sql).firstRow { try $0.int64(0) } ?? nil
    }

    /// The first column of the first row as text (tests' shorthand).
    func text(_ sql: String) throws -> String? {
        try prepare(sql).firstRow { try $0.string(0) } ?? nil
    }
}

/// An error a test's own code throws.
struct TestFailure: Error, Equatable {
    let label: String
}
