import Foundation

/// The one process-wide lock around libxlsxwriter's calls that touch global state.
///
/// STYLE.md, Traps: the library's bundled tmpfileplus calls `srand`/`rand` whenever it makes a temporary file
/// (at `workbook_add_worksheet` in constant-memory mode and throughout `workbook_close`), and `workbook_close`
/// formats the creation date with `gmtime`, whose result lives in static storage. So creating workbooks, adding
/// sheets, closing and freeing are serialised here; filling cells of different workbooks needs no lock.
/// An `NSLock` rather than `Synchronization.Mutex`, which needs macOS 15 where the package promises macOS 14.
enum LibraryLock {
    private static let lock = NSLock()
    /// Guarded by `lock`.
    nonisolated(unsafe) private static var lastSerial: UInt32 = 0

    /// Runs `body` holding the lock.
    static func run<Result>(_ body: () throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
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
