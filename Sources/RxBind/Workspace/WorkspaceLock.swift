import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// Another run holds the workspace: `rxbind` exits 75 naming the holder.
public struct WorkspaceBusy: Error, LocalizedError, Sendable {
    public let workspace: String
    /// What the holder wrote into the lock file (process id, start time, command).
    public let holder: String

    public var errorDescription: String? {
        "the workspace \(workspace) is busy: another rxbind run holds it (\(holder)). "
            + "Wait for it to finish and run again; a run that was killed releases the workspace by itself."
    }
}

/// One run at a time per workspace (SPEC §5): an exclusive `flock` on `rxbind.lock`.
///
/// The kernel drops a `flock` when its holder dies, however it dies, so a lock left by a killed process never blocks
/// the next run; the file's text (process id and start time) only names the holder in the busy message.
public final class WorkspaceLock {
    private var fd: Int32

    /// Takes the lock or throws ``WorkspaceBusy``; `holder` is written into the file for whoever finds it busy.
    public init(workspace: String, holder: String) throws {
        let path = workspace + "/rxbind.lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if fd < 0 { throw OutputProblem(path: path, doing: "opening the lock file", errno: errno) }
        if fchmod(fd, 0o600) != 0 {
            let code = errno
            Glibc.close(fd)
            throw OutputProblem(path: path, doing: "setting permissions", errno: code)
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            let text = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            Glibc.close(fd)
            fd = -1
            if code == EWOULDBLOCK {
                throw WorkspaceBusy(workspace: workspace, holder: (text?.isEmpty ?? true) ? "holder unknown" : text!)
            }
            throw OutputProblem(path: path, doing: "locking", errno: code)
        }
        // Best effort: the lock itself is the flock, this text only names the holder.
        if ftruncate(fd, 0) == 0 {
            let bytes = Array((holder + "\n").utf8)
            _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        }
    }

    /// A description of this process for the lock file: its id and start time. (Reading the clock here never
    /// reaches an output.)
    public static func describeThisProcess(command: String) -> String {
        var now = time(nil)
        var t = tm()
        localtime_r(&now, &t)
        let started = String(format: "%04d-%02d-%02d %02d:%02d:%02d", Int(t.tm_year) + 1900, Int(t.tm_mon) + 1,
                             Int(t.tm_mday), Int(t.tm_hour), Int(t.tm_min), Int(t.tm_sec))
        return "process \(getpid()), started \(started), \(command)"
    }

    /// Releases the lock.
    public func release() {
        if fd >= 0 {
            _ = ftruncate(fd, 0)
            _ = flock(fd, LOCK_UN)
            Glibc.close(fd)
            fd = -1
        }
    }

    deinit { release() }
}
