import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// The workspace's archive (SPEC §5): every input ever used, the templates and each run's prior case state, stored
/// once under its SHA-256, read-only (0400).
public struct Archive: Sendable {
    /// The `archive/` folder.
    public let root: String

    /// Where a hash's file lives: `archive/<first two hex digits>/<sha256>`.
    public func path(for sha256: String) -> String {
        root + "/" + String(sha256.prefix(2)) + "/" + sha256
    }

    /// Whether the archive holds a hash.
    public func contains(_ sha256: String) -> Bool { FileSystem.exists(path(for: sha256)) }

    /// Stores a file's bytes under their hash (copying through a temporary name, so a half-copied file is never
    /// under a hash); returns the hash and size. Already stored: nothing is written.
    @discardableResult
    public func store(file source: String, expectedSHA256: String) throws -> String {
        let target = path(for: expectedSHA256)
        if FileSystem.exists(target) { return expectedSHA256 }
        let dir = (target as NSString).deletingLastPathComponent
        try FileSystem.makeDirectory(dir)
        let temp = dir + "/.incoming-" + expectedSHA256
        try FileSystem.remove(temp)
        let out = try OutputFile(path: temp, mode: 0o600)
        let fd = open(source, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw InputProblem.unreadable(file: source, detail: "cannot be opened: \(String(cString: strerror(errno)))") }
        defer { Glibc.close(fd) }
        let size = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, size)
            if n < 0 {
                if errno == EINTR { continue }
                throw InputProblem.unreadable(file: source, detail: "cannot be read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            try out.write(bytes: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
        let (sha, _) = try out.close()
        guard sha == expectedSHA256 else {
            try FileSystem.remove(temp)
            throw InputProblem.unreadable(file: source, detail: "changed while rxbind was reading it; run again when the export is complete")
        }
        try seal(temp, as: target)
        return sha
    }

    /// Stores bytes under their hash.
    @discardableResult
    public func store(bytes: [UInt8]) throws -> String {
        let sha = Digest.sha256(bytes)
        let target = path(for: sha)
        if FileSystem.exists(target) { return sha }
        let dir = (target as NSString).deletingLastPathComponent
        try FileSystem.makeDirectory(dir)
        let temp = dir + "/.incoming-" + sha
        try FileSystem.remove(temp)
        let out = try OutputFile(path: temp, mode: 0o600)
        try out.write(bytes)
        try out.close()
        try seal(temp, as: target)
        return sha
    }

    private func seal(_ temp: String, as target: String) throws {
        if chmod(temp, 0o400) != 0 { throw OutputProblem(path: temp, doing: "making it read-only", errno: errno) }
        try FileSystem.rename(temp, to: target)
        try FileSystem.syncDirectory((target as NSString).deletingLastPathComponent)
    }

    /// Reads an archived file, checking that its bytes still have its hash.
    public func read(_ sha256: String) throws -> [UInt8] {
        let bytes = try FileSystem.read(path(for: sha256))
        guard Digest.sha256(bytes) == sha256 else { throw ArchiveDamaged(sha256: sha256) }
        return bytes
    }
}

/// An archived file no longer has the hash it is stored under.
public struct ArchiveDamaged: Error, LocalizedError, Sendable {
    public let sha256: String
    public var errorDescription: String? {
        "the archived file \(sha256) has been changed: its bytes no longer hash to its name. Restore it from a backup."
    }
}
