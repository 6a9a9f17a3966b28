import Foundation
import Synchronization

/// The one process-wide lock around libxlsxwriter's calls that touch global state.
///
/// STYLE.md, Traps: the library's bundled tmpfileplus calls `srand`/`rand` whenever it makes a temporary file
/// (at `workbook_add_worksheet` in constant-memory mode and throughout `workbook_close`), and `workbook_close`
/// formats the creation date with `gmtime`, whose result lives in static storage. So creating workbooks, adding
/// sheets, closing and freeing are serialised here; filling cells of different workbooks needs no lock.
enum LibraryLock {
    private static let lock = NSLock()
    /// Guarded by `lock`.
    nonisolated(unsafe) private static var lastSerial: UInt32 = 0

    /// How many threads are inside ``run(_:)`` now, and the most there have ever been at once — counted apart from
    /// the lock, so that a test sees two bodies overlap if the lock ever stops serialising them (the races
    /// themselves last microseconds and rarely show in the files; an overlap of two closes, milliseconds long, does).
    static let inside = Atomic<Int>(0)
    static let mostInside = Atomic<Int>(0)

    /// Runs `body` holding the lock.
    static func run<Result>(_ body: () throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        let now = inside.add(1, ordering: .sequentiallyConsistent).newValue
        defer { inside.subtract(1, ordering: .sequentiallyConsistent) }
        mostInside.max(now, ordering: .sequentiallyConsistent)
        return try body()
    }

    /// A number no other workbook of this process has, so that a sheet or format handle of one workbook is
    /// caught when used with another.
    static func nextSerial() -> UInt32 {
        run {
            lastSerial &+= 1
            return lastSerial
        }
    }
}
