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
        folder(for: sha256) + "/" + sha256
    }

    /// The folder a hash's file lives in.
    func folder(for sha256: String) -> String { root + "/" + String(sha256.prefix(2)) }

    /// Whether the archive holds a hash.
    public func contains(_ sha256: String) -> Bool { FileSystem.exists(path(for: sha256)) }

    /// Stores a file's bytes under their hash; already stored: nothing is written. A copy that does not hash to
    /// what the file hashed to when the run began is refused: the export changed while rxbind was reading it.
    @discardableResult
    public func store(file source: String, expectedSHA256: String) throws -> String {
        try store(sha256: expectedSHA256) { out in
            try FileSystem.forEachChunk(of: source) { try out.write(bytes: $0) }
            guard try out.close().sha256 == expectedSHA256 else {
                throw InputProblem.unreadable(file: source,
                                              detail: "changed while rxbind was reading it; run again when the export is complete")
            }
        }
        return expectedSHA256
    }

    /// Stores bytes under their hash.
    @discardableResult
    public func store(bytes: [UInt8]) throws -> String {
        let sha = Digest.sha256(bytes)
        try store(sha256: sha) { out in
            try out.write(bytes)
            try out.close()
        }
        return sha
    }

    /// Writes (and closes) a new archive file through a temporary name, then seals it under its hash, so a
    /// half-written file is never under a hash.
    private func store(sha256: String, _ write: (OutputFile) throws -> Void) throws {
        let target = path(for: sha256)
        if FileSystem.exists(target) { return }
        let dir = folder(for: sha256)
        try FileSystem.makeDirectory(dir)
        let temp = dir + "/.incoming-" + sha256
        try FileSystem.remove(temp)
        do {
            try write(try OutputFile(path: temp, mode: 0o600))
        } catch {
            try? FileSystem.remove(temp)
            throw error
        }
        try seal(temp, as: target)
    }

    private func seal(_ temp: String, as target: String) throws {
        if chmod(temp, 0o400) != 0 { throw OutputProblem(path: temp, doing: "making it read-only", errno: errno) }
        try FileSystem.rename(temp, to: target)
        try FileSystem.syncDirectory(FileSystem.parent(of: target) ?? ".")
    }

    /// Reads an archived file, checking that its bytes still have its hash.
    public func read(_ sha256: String) throws -> [UInt8] {
        let bytes = try FileSystem.read(path(for: sha256))
        guard Digest.sha256(bytes) == sha256 else { throw ArchiveDamaged(sha256: sha256) }
        return bytes
    }
}

/// A file the archive should hold is missing: bad data (65), never "cannot write" (SPEC §11).
public struct ArchiveIncomplete: Error, LocalizedError, Sendable {
    /// Where it should be.
    public let path: String
    /// What it is (the input's original name, "templates", "prior case state").
    public let name: String
    public var errorDescription: String? { localized(.archiveIncomplete, ["name": name, "path": path]) }
}

/// An archived file no longer has the hash it is stored under.
public struct ArchiveDamaged: Error, LocalizedError, Sendable {
    public let sha256: String
    public var errorDescription: String? {
        "the archived file \(sha256) has been changed: its bytes no longer hash to its name. Restore it from a backup."
    }
}
