import Files
import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// One run at a time per workspace (SPEC §5): an exclusive `flock` on `rxbind.lock`.
///
/// The kernel drops a `flock` when its holder dies, however it dies, so a lock left by a killed process never blocks
/// the next run; the file's text (process id and start time) only names the holder in the busy message.
public final class WorkspaceLock {
    private var fd: Int32

    /// Takes the lock or throws ``RxBindError/workspaceBusy(workspace:holder:)``; `holder` is written into the file for whoever finds it busy.
    public init(workspace: String, holder: String) throws {
        let path = workspace + "/rxbind.lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if fd < 0 { throw FileError(path: path, operation: .creatingFile, code: errno) }
        if fchmod(fd, 0o600) != 0 {
            let code = errno
            Glibc.close(fd)
            throw FileError(path: path, operation: .settingPermissions, code: code)
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            let text = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            Glibc.close(fd)
            fd = -1
            if code == EWOULDBLOCK {
                throw RxBindError.workspaceBusy(workspace: workspace, holder: (text?.isEmpty ?? true) ? localized(.holderUnknown) : text!)
            }
            throw FileError(path: path, operation: .locking, code: code)
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
        // Read by whoever finds the workspace busy, in whatever language they run: numbers and the command only.
        return "pid \(getpid()), \(started), \(command)"
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
