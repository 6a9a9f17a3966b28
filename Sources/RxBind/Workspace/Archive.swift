import Files
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
            try FileSystem.forEachChunk(of: source) { (chunk) throws(FileError) in try out.write(bytes: chunk) }
            guard try out.close().sha256 == expectedSHA256 else {
                throw RxBindError.inputChanged(file: source)
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
        if chmod(temp, 0o400) != 0 { throw FileError(path: temp, operation: .makingReadOnly, code: errno) }
        try FileSystem.rename(temp, to: target)
        try FileSystem.syncDirectory(FileSystem.parent(of: target) ?? ".")
    }

    /// Reads an archived file, checking that its bytes still have its hash; `name` says what it is in messages
    /// (an input's original name, the templates, the prior case state).
    public func read(_ sha256: String, name: String) throws -> [UInt8] {
        let file = path(for: sha256)
        guard FileSystem.exists(file) else { throw RxBindError.archiveIncomplete(name: name, path: file) }
        let bytes = try FileSystem.read(file)
        guard Digest.sha256(bytes) == sha256 else { throw RxBindError.archiveDamaged(name: name, sha256: sha256) }
        return bytes
    }

    /// What the archive's own files are called in messages.
    public static var priorStateName: String { localized(.archivedPriorState) }
    public static var templatesName: String { localized(.archivedTemplates) }
}
