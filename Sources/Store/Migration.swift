/// One named, ordered change to the schema (GRDB's `DatabaseMigrator` idea).
///
/// A program keeps one list of migrations and only ever appends to it: a shipped migration is never edited,
/// renamed, reordered or removed, because databases in the field record the names they have applied.
///
/// `Database.migrate(_:)` runs each pending migration once, in its own transaction, with foreign keys enforced.
/// A migration body must not open a transaction itself, and cannot switch foreign keys off (`PRAGMA foreign_keys`
/// does nothing inside a transaction).
public struct Migration: Sendable {
    /// The name recorded in the database once the migration has been applied; unique within the list.
    public let name: String
    /// The change itself.
    let apply: @Sendable (Database) throws -> Void

    /// A migration that runs Swift code (for changes that need to read data to write it).
    public init(_ name: String, apply: @escaping @Sendable (Database) throws -> Void) {
        self.name = name
        self.apply = apply
    }

    /// A migration that runs an SQL script (one or more statements).
    public init(_ name: String, sql: String) {
        self.init(name) { database in try database.execute(sql) }
    }
}
