import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// A new file written through a buffer, owner-only (0600) whatever the umask, flushed to disk before it is closed;
/// closing gives its SHA-256, computed as it was written.
public final class OutputFile {
    public let path: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private let capacity = 1 << 16
    /// Bytes written so far.
    public private(set) var count = 0
    private var digest = StreamingDigest()

    /// Creates the file; it must not exist yet.
    public init(path: String, mode: mode_t = 0o600) throws(FileError) {
        self.path = path
        fd = Int32(try fileCheck(Int(open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)), path, .creatingFile))
        // Whatever the umask, the file is the owner's alone.
        _ = try fileCheck(Int(fchmod(fd, mode)), path, .settingPermissions)
        buffer.reserveCapacity(capacity)
    }

    /// Appends text.
    public func write(_ text: String) throws(FileError) {
        var text = text
        // `withUTF8` rethrows untyped errors: the closure hands the typed one out instead.
        let failure: FileError? = text.withUTF8 { bytes in
            do throws(FileError) { try write(bytes: UnsafeRawBufferPointer(bytes)) } catch { return error }
            return nil
        }
        if let failure { throw failure }
    }

    /// Appends bytes.
    public func write(bytes: UnsafeRawBufferPointer) throws(FileError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    /// Appends bytes.
    public func write(_ bytes: [UInt8]) throws(FileError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    private func flush() throws(FileError) {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, operation: .writing, code: errno)
            }
            offset += n
        }
        buffer.withUnsafeBytes { digest.update($0) }
        count += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs to disk and closes; returns the file's SHA-256 and size.
    @discardableResult
    public func close() throws(FileError) -> (sha256: String, bytes: Int) {
        try flush()
        _ = try fileCheck(Int(fsync(fd)), path, .syncing)
        let result = Glibc.close(fd)
        fd = -1
        _ = try fileCheck(Int(result), path, .closing)
        return (digest.finish(), count)
    }

    deinit { if fd >= 0 { _ = Glibc.close(fd) } }
}
