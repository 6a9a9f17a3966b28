import Foundation

/// Stage timings for `make bench`: with `RXBIND_TIMINGS=1` in the environment, each stage's wall time (and the
/// process's peak resident memory at its end) goes to standard error. Measurement only: a monotonic clock, read
/// only when asked for, and nothing of it reaches an output.
public enum Timings {
    static let enabled = ProcessInfo.processInfo.environment["RXBIND_TIMINGS"] == "1"
    private static let lock = NSLock()

    /// Runs `body`, reporting how long it took as `stage`.
    @discardableResult
    public static func measure<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let line = String(format: "timing\t%@\t%.3f s\tpeak %d MB\n", stage, seconds, peakResidentMegabytes())
            lock.lock()
            FileHandle.standardError.write(Data(line.utf8))
            lock.unlock()
        }
        return try body()
    }

    /// A stage measured by hand, for code a closure cannot hold (a noncopyable value consumed).
    public struct Mark: Sendable {
        let stage: String
        let start: UInt64
    }

    public static func begin(_ stage: String) -> Mark? {
        enabled ? Mark(stage: stage, start: DispatchTime.now().uptimeNanoseconds) : nil
    }

    public static func end(_ mark: Mark?) {
        guard let mark else { return }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - mark.start) / 1e9
        let line = String(format: "timing\t%@\t%.3f s\tpeak %d MB\n", mark.stage, seconds, peakResidentMegabytes())
        lock.lock()
        FileHandle.standardError.write(Data(line.utf8))
        lock.unlock()
    }

    /// With `RXBIND_CELL_LOG_DIR=DIR`, where a workbook's cells are recorded for the C floor of `make bench`.
    static func cellLog(for workbook: String) -> String? {
        ProcessInfo.processInfo.environment["RXBIND_CELL_LOG_DIR"].map { $0 + "/" + workbook + ".cells" }
    }

    /// VmHWM from /proc/self/status.
    static func peakResidentMegabytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }
}
