import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// The file-system operations a workspace needs, with owner-only permissions whatever the umask (folders 0700), and
/// the syncs that make a rename durable. Every failure is a ``FileError``.
public enum FileSystem {
    /// Creates a folder (and its parents) 0700, or makes an existing one 0700.
    public static func makeDirectory(_ path: String) throws(FileError) {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw FileError(path: path, operation: .expectingFolder, code: 0) }
        } else {
            if let parent = parent(of: path), !FileManager.default.fileExists(atPath: parent) {
                try makeDirectory(parent)
            }
            if mkdir(path, 0o700) != 0 && errno != EEXIST {
                throw FileError(path: path, operation: .creatingFolder, code: errno)
            }
        }
        _ = try fileCheck(Int(chmod(path, 0o700)), path, .settingPermissions)
    }

    /// The folder a path names its entry in, or nil for a relative path of one component (its folder is the
    /// current one) and for `/`. Paths are what people type — `w`, `w/`, `./w`, `a b/工作区` — so they are split here
    /// by hand: Foundation's `NSString.deletingLastPathComponent` traps on one-character paths on Linux (Swift
    /// 6.3.1, SPEC §11).
    public static func parent(of path: String) -> String? {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        guard p != "/", let slash = p.lastIndex(of: "/") else { return nil }
        var parent = p[..<slash]
        while parent.count > 1 && parent.hasSuffix("/") { parent.removeLast() }
        return parent.isEmpty ? "/" : String(parent)
    }

    /// A path's last component (`a/b/` → `b`), for messages and output names.
    public static func lastComponent(of path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        guard let slash = p.lastIndex(of: "/"), p != "/" else { return String(p) }
        return String(p[p.index(after: slash)...])
    }

    /// The absolute path of an existing file or folder, symlinks resolved (the path as given when that fails).
    public static func absolutePath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Flushes a folder's entries (a rename into it) to disk.
    public static func syncDirectory(_ path: String) throws(FileError) {
        let fd = Int32(try fileCheck(Int(open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)), path, .openingFolder))
        defer { Glibc.close(fd) }
        _ = try fileCheck(Int(fsync(fd)), path, .syncingFolder)
    }

    /// Appends `bytes` in one write and syncs them to disk, for a log a line at a time. Creates the file when it does
    /// not exist; new or not, it is the owner's alone (`mode`) whatever the umask.
    public static func appendDurably(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws(FileError) {
        let fd = Int32(try fileCheck(Int(open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, mode)), path, .creatingFile))
        defer { Glibc.close(fd) }
        _ = try fileCheck(Int(fchmod(fd, mode)), path, .settingPermissions)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        if written != bytes.count { throw FileError(path: path, operation: .writing, code: errno) }
        _ = try fileCheck(Int(fsync(fd)), path, .syncing)
    }

    /// Renames atomically (same file system).
    public static func rename(_ from: String, to: String) throws(FileError) {
        _ = try fileCheck(Int(Glibc.rename(from, to)), to, .renaming(from: from))
    }

    /// Removes a file or folder tree if present.
    public static func remove(_ path: String) throws(FileError) {
        guard exists(path) else { return }
        do { try FileManager.default.removeItem(atPath: path) } catch {
            let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code
            throw FileError(path: path, operation: .removing, code: code.map { Int32($0) } ?? EIO)
        }
    }

    /// Whether anything is at `path` (a dangling symlink counts).
    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// A folder's entries, sorted (never hash order); none when it cannot be listed.
    public static func list(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    /// Reads a whole (small) file.
    public static func read(_ path: String) throws(FileError) -> [UInt8] {
        var bytes: [UInt8] = []
        try forEachChunk(of: path) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Hashes a file in chunks: its SHA-256 and size; `feed`, when given, sees every chunk in the same pass (so an
    /// input is read once to be hashed and sniffed).
    public static func hash(_ path: String,
                            feeding feed: ((UnsafeRawBufferPointer) -> Void)? = nil) throws(FileError) -> (sha256: String, bytes: Int) {
        var digest = StreamingDigest()
        try forEachChunk(of: path) { chunk in
            digest.update(chunk)
            feed?(chunk)
        }
        return (digest.finish(), digest.count)
    }

    /// Reads a file in 1 MiB chunks.
    public static func forEachChunk(of path: String,
                                    _ body: (UnsafeRawBufferPointer) throws(FileError) -> Void) throws(FileError) {
        let file = try ReadableFile(path: path)
        let size = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try file.read(into: buffer.baseAddress!, count: size)
            if n == 0 { return }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
    }
}
