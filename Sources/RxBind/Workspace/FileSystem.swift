import DelimitedText
import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// The few file-system operations the workspace needs, with the owner-only permissions of SPEC §5 whatever the
/// umask, and the syncs that make a rename durable.
enum FileSystem {
    /// Creates a folder (and its parents) 0700, or makes an existing one 0700.
    static func makeDirectory(_ path: String) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else {
                throw RxBindError.fileWhereFolderMustBe(path: path)
            }
        } else {
            if let parent = parent(of: path), !FileManager.default.fileExists(atPath: parent) {
                try makeDirectory(parent)
            }
            if mkdir(path, 0o700) != 0 && errno != EEXIST {
                throw RxBindError.cannotWrite(path: path, step: .creatingFolder, systemError: RxBindError.systemError(errno))
            }
        }
        if chmod(path, 0o700) != 0 { throw RxBindError.cannotWrite(path: path, step: .settingPermissions, systemError: RxBindError.systemError(errno)) }
    }

    /// The folder a path names its entry in, or nil for a relative path of one component (its folder is the
    /// current one) and for `/`. Paths are what people type — `w`, `w/`, `./w`, `a b/工作区` — so they are split here
    /// by hand: Foundation's `NSString.deletingLastPathComponent` traps on one-character paths on Linux (Swift
    /// 6.3.1, SPEC §11).
    static func parent(of path: String) -> String? {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        guard p != "/", let slash = p.lastIndex(of: "/") else { return nil }
        var parent = p[..<slash]
        while parent.count > 1 && parent.hasSuffix("/") { parent.removeLast() }
        return parent.isEmpty ? "/" : String(parent)
    }

    /// A path's last component (`a/b/` → `b`), for messages and output names.
    static func lastComponent(of path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        guard let slash = p.lastIndex(of: "/"), p != "/" else { return String(p) }
        return String(p[p.index(after: slash)...])
    }

    /// The absolute path of an existing file or folder, symlinks resolved (the path as given when that fails).
    static func absolutePath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Flushes a folder's entries (a rename into it) to disk.
    static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 { throw RxBindError.cannotWrite(path: path, step: .openingFolder, systemError: RxBindError.systemError(errno)) }
        defer { Glibc.close(fd) }
        if fsync(fd) != 0 { throw RxBindError.cannotWrite(path: path, step: .syncingFolder, systemError: RxBindError.systemError(errno)) }
    }

    /// Renames atomically (same file system).
    static func rename(_ from: String, to: String) throws {
        if Glibc.rename(from, to) != 0 { throw RxBindError.cannotWrite(path: to, step: .renaming(from: from), systemError: RxBindError.systemError(errno)) }
    }

    /// Removes a file or folder tree if present.
    static func remove(_ path: String) throws {
        guard exists(path) else { return }
        do { try FileManager.default.removeItem(atPath: path) } catch {
            throw RxBindError.cannotWrite(path: path, step: .removing, systemError: error.localizedDescription)
        }
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// A folder's entries, sorted (never hash order).
    static func list(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    /// Reads a whole (small) file.
    static func read(_ path: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try forEachChunk(of: path) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Hashes a file in chunks: its SHA-256 and size.
    static func hash(_ path: String) throws -> (sha256: String, bytes: Int) {
        var sniffer: EncodingSniffer? = nil
        return try hash(path, sniffer: &sniffer)
    }

    /// Hashes a file in chunks and, in the same pass, feeds an encoding sniffer (so an input is read once for both).
    static func hash(_ path: String, sniffer: inout EncodingSniffer?) throws -> (sha256: String, bytes: Int) {
        var digest = StreamingDigest()
        try forEachChunk(of: path) { chunk in
            digest.update(chunk)
            sniffer?.feed(chunk)
        }
        return (digest.finish(), digest.count)
    }

    /// Reads a file in 1 MiB chunks; errors name the file (an input: bad input data, exit 65).
    static func forEachChunk(of path: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw RxBindError.cannotReadInput(file: path, systemError: RxBindError.systemError(errno)) }
        defer { Glibc.close(fd) }
        let size = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, size)
            if n < 0 {
                if errno == EINTR { continue }
                throw RxBindError.cannotReadInput(file: path, systemError: RxBindError.systemError(errno))
            }
            if n == 0 { break }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
    }
}
