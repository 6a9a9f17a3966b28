import Foundation

/// Stage timings for `make bench`: once the command has given a sink (it does with `RXBIND_TIMINGS=1` in the
/// environment), each stage's wall time and the process's peak resident memory at its end go to it, one line each.
/// Measurement only: a monotonic clock, read only when asked for, and nothing of it reaches an output.
public enum Timings {
    private static let lock = NSLock()
    /// Where lines go; nil (the default) measures nothing. Set once, before any work starts.
    nonisolated(unsafe) private static var sink: (@Sendable (String) -> Void)?
    static var enabled: Bool { sink != nil }

    /// Starts measuring: every stage's line is handed to `sink`.
    public static func report(to sink: @escaping @Sendable (String) -> Void) { self.sink = sink }

    /// Runs `body`, reporting how long it took as `stage`.
    @discardableResult
    public static func measure<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            emit(String(format: "timing\t%@\t%.3f s\tpeak %d MB\n", stage, seconds, peakResidentMegabytes()))
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
        emit(String(format: "timing\t%@\t%.3f s\tpeak %d MB\n", mark.stage, seconds, peakResidentMegabytes()))
    }

    private static func emit(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        sink?(line)
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
