import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// A new file written through a buffer, owner-only (0600), flushed to disk before it is closed.
public final class OutputFile {
    public let path: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private let capacity = 1 << 16
    /// Bytes written so far.
    public private(set) var count = 0
    private var digest = StreamingDigest()

    /// Creates the file; it must not exist yet.
    public init(path: String, mode: mode_t = 0o600) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        if fd < 0 { throw RxBindError.cannotWrite(path: path, step: .creatingFile, systemError: RxBindError.systemError(errno)) }
        // Whatever the umask, the file is the owner's alone.
        if fchmod(fd, mode) != 0 { throw RxBindError.cannotWrite(path: path, step: .settingPermissions, systemError: RxBindError.systemError(errno)) }
        buffer.reserveCapacity(capacity)
    }

    /// Appends text.
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Appends bytes.
    public func write(bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    /// Appends bytes.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write(bytes: $0) }
    }

    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw RxBindError.cannotWrite(path: path, step: .writing, systemError: RxBindError.systemError(errno))
            }
            offset += n
        }
        buffer.withUnsafeBytes { digest.update($0) }
        count += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs to disk and closes; returns the file's SHA-256 and size.
    @discardableResult
    public func close() throws -> (sha256: String, bytes: Int) {
        try flush()
        if fsync(fd) != 0 { throw RxBindError.cannotWrite(path: path, step: .syncing, systemError: RxBindError.systemError(errno)) }
        let result = Glibc.close(fd)
        fd = -1
        if result != 0 { throw RxBindError.cannotWrite(path: path, step: .closing, systemError: RxBindError.systemError(errno)) }
        return (digest.finish(), count)
    }

    deinit { if fd >= 0 { _ = Glibc.close(fd) } }
}
