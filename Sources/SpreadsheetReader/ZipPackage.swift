// The zip container of an .xlsx package: its central directory, read here, and its parts, inflated through
// ZIPFoundation's `Data.decompress`.
//
// Why not ZIPFoundation's `Archive.extract`: on Linux (0.9.20) its inflate loop asks its provider for more input
// until zlib reports the end of the stream, reads from the entry's data to the end of the file rather than to the
// entry's compressed size, and spins forever when the file ends first — measured here: a crafted 96 KB package
// (a stored deflate block running past the end of the file) hung the reader until it was killed. Upstream knows
// (weichsel/ZIPFoundation PR #389, open). It also tells zlib a whole buffer is available when fewer bytes were read.
// `Archive` does not expose where an entry's data starts, so bounding the input means reading the directory
// here; the inflating itself stays ZIPFoundation's, fed by a provider that serves exactly the entry's compressed
// bytes, in full buffers, and throws when asked for more.

import Foundation
import ZIPFoundation

/// One file of a zip archive, from its central-directory record.
struct ZipEntry {
    var path: String
    var isDeflated: Bool
    var compressedSize: UInt64
    var uncompressedSize: UInt64
    var crc32: UInt32
    var localHeaderOffset: UInt64
}

/// Why a zip archive cannot be read; the reader adds the file and part names.
struct ZipError: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// An open zip archive, read with `pread` on one descriptor.
final class ZipPackage {
    /// The files of the archive in directory order (folders left out).
    let entries: [ZipEntry]
    private let descriptor: Int32
    private let fileSize: UInt64

    /// Opens `path` and reads its central directory.
    /// - Throws: `SpreadsheetReadError.cannotOpen` when the file cannot be opened, `.notAZipArchive` when it does
    ///   not start like one (checked first, so a large file of another kind is not searched for a directory);
    ///   `ZipError` for a zip archive that cannot be read.
    init(path: String) throws {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SpreadsheetReadError.cannotOpen(file: path, reason: String(cString: strerror(errno)))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw SpreadsheetReadError.cannotOpen(file: path, reason: reason)
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw SpreadsheetReadError.cannotOpen(file: path, reason: "it is not a regular file")
        }
        fileSize = UInt64(status.st_size)
        var signature = [UInt8](repeating: 0, count: 4)
        guard pread(descriptor, &signature, 4, 0) == 4,
              signature == [0x50, 0x4B, 0x03, 0x04] || signature == [0x50, 0x4B, 0x05, 0x06] else {
            close(descriptor)
            throw SpreadsheetReadError.notAZipArchive(file: path)
        }
        do {
            entries = try Self.readDirectory(descriptor: descriptor, fileSize: fileSize)
        } catch {
            close(descriptor)
            throw error
        }
    }

    deinit {
        close(descriptor)
    }

    /// Hands the uncompressed bytes of `entry` to `consumer` in chunks of at most `chunkSize`, checking the
    /// declared size and the CRC-32 at the end.
    func extract(_ entry: ZipEntry, chunkSize: Int, consumer: (Data) throws -> Void) throws {
        var offset = try dataOffset(of: entry)
        var remaining = entry.compressedSize
        var produced: UInt64 = 0
        func deliver(_ data: Data) throws {
            produced += UInt64(data.count)
            guard produced <= entry.uncompressedSize else {
                throw ZipError("its data is longer than the size the directory declares")
            }
            try consumer(data)
        }
        let crc: UInt32
        if entry.isDeflated {
            // > decompress(size:bufferSize:skipCRC32:provider:consumer:) … provider: A closure that accepts a
            // > position and a chunk size. Returns a `Data` chunk.
            crc = try Data.decompress(size: Int64(entry.compressedSize), bufferSize: chunkSize, skipCRC32: false,
                                      provider: { _, size in
                guard remaining > 0 else { throw ZipError("its compressed data ends before the part does") }
                // Always `size` bytes: ZIPFoundation tells zlib that many are there. Past the entry's end they
                // are zeros, which zlib rejects or decodes into a request for more, answered by the throw above.
                var chunk = Data(count: size)
                let wanted = Int(min(UInt64(size), remaining))
                try chunk.withUnsafeMutableBytes { try readFully(into: $0.baseAddress!, count: wanted, at: offset) }
                offset += UInt64(wanted)
                remaining -= UInt64(wanted)
                return chunk
            }, consumer: deliver)
        } else {
            var checksum: UInt32 = 0
            while remaining > 0 {
                let wanted = Int(min(UInt64(chunkSize), remaining))
                var chunk = Data(count: wanted)
                try chunk.withUnsafeMutableBytes { try readFully(into: $0.baseAddress!, count: wanted, at: offset) }
                offset += UInt64(wanted)
                remaining -= UInt64(wanted)
                checksum = chunk.crc32(checksum: checksum)
                try deliver(chunk)
            }
            crc = checksum
        }
        guard produced == entry.uncompressedSize else {
            throw ZipError("its data is shorter than the size the directory declares")
        }
        guard crc == entry.crc32 else { throw ZipError("its checksum does not match its contents") }
    }

    // MARK: - Reading the directory

    private func dataOffset(of entry: ZipEntry) throws -> UInt64 {
        let header = try Self.read(descriptor, at: entry.localHeaderOffset, count: 30, fileSize: fileSize)
        guard header.uint32(at: 0) == 0x0403_4B50 else { throw ZipError("its local header is missing") }
        let offset = entry.localHeaderOffset + 30 + UInt64(header.uint16(at: 26)) + UInt64(header.uint16(at: 28))
        guard offset <= fileSize, entry.compressedSize <= fileSize - offset else {
            throw ZipError("its data lies beyond the end of the file")
        }
        return offset
    }

    private func readFully(into buffer: UnsafeMutableRawPointer, count: Int, at offset: UInt64) throws {
        try Self.readFully(descriptor, into: buffer, count: count, at: offset)
    }

    private static func readDirectory(descriptor: Int32, fileSize: UInt64) throws -> [ZipEntry] {
        // The end-of-central-directory record is the last 22 bytes plus a comment of at most 65,535 bytes.
        let tailSize = min(fileSize, 22 + 65_535)
        let tail = try read(descriptor, at: fileSize - tailSize, count: Int(tailSize), fileSize: fileSize)
        guard let end = findEndRecord(in: tail) else {
            throw ZipError("its end-of-directory record is missing (the file is cut short or not a zip archive)")
        }
        var count = UInt64(tail.uint16(at: end + 10))
        var directorySize = UInt64(tail.uint32(at: end + 12))
        var directoryOffset = UInt64(tail.uint32(at: end + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: a locator just before the record points to the ZIP64 end-of-directory record.
            guard end >= 20, tail.uint32(at: end - 20) == 0x0706_4B50 else {
                throw ZipError("its ZIP64 directory locator is missing")
            }
            let record = try read(descriptor, at: tail.uint64(at: end - 12), count: 56, fileSize: fileSize)
            guard record.uint32(at: 0) == 0x0606_4B50 else { throw ZipError("its ZIP64 directory record is missing") }
            count = record.uint64(at: 32)
            directorySize = record.uint64(at: 40)
            directoryOffset = record.uint64(at: 48)
        }
        guard directoryOffset <= fileSize, directorySize <= fileSize - directoryOffset,
              count <= directorySize / 46 + 1 else {
            throw ZipError("its directory lies beyond the end of the file")
        }
        let directory = try read(descriptor, at: directoryOffset, count: Int(directorySize), fileSize: fileSize)
        var entries: [ZipEntry] = []
        var cursor = 0
        for _ in 0..<count {
            guard cursor + 46 <= directory.count, directory.uint32(at: cursor) == 0x0201_4B50 else {
                throw ZipError("its directory is damaged")
            }
            let flags = directory.uint16(at: cursor + 8)
            let method = directory.uint16(at: cursor + 10)
            let nameLength = Int(directory.uint16(at: cursor + 28))
            let extraLength = Int(directory.uint16(at: cursor + 30))
            let commentLength = Int(directory.uint16(at: cursor + 32))
            let next = cursor + 46 + nameLength + extraLength + commentLength
            guard next <= directory.count else { throw ZipError("its directory is damaged") }
            let name = String(decoding: directory[(cursor + 46)..<(cursor + 46 + nameLength)], as: UTF8.self)
            var entry = ZipEntry(
                path: name, isDeflated: method == 8,
                compressedSize: UInt64(directory.uint32(at: cursor + 20)),
                uncompressedSize: UInt64(directory.uint32(at: cursor + 24)),
                crc32: directory.uint32(at: cursor + 16),
                localHeaderOffset: UInt64(directory.uint32(at: cursor + 42))
            )
            try applyZip64Extra(directory[(cursor + 46 + nameLength)..<(cursor + 46 + nameLength + extraLength)],
                                to: &entry)
            cursor = next
            if name.hasSuffix("/") { continue }
            guard flags & 1 == 0 else { throw ZipError("part \(name) is encrypted") }
            guard method == 0 || method == 8 else {
                throw ZipError("part \(name) uses a compression method other than deflate")
            }
            entries.append(entry)
        }
        return entries
    }

    /// The offset of the end-of-directory record in `tail`: the last signature whose comment length matches.
    private static func findEndRecord(in tail: [UInt8]) -> Int? {
        guard tail.count >= 22 else { return nil }
        var index = tail.count - 22
        while index >= 0 {
            if tail.uint32(at: index) == 0x0605_4B50 && index + 22 + Int(tail.uint16(at: index + 20)) == tail.count {
                return index
            }
            index -= 1
        }
        return nil
    }

    /// Replaces 0xFFFFFFFF sizes and offset by their 64-bit values from the ZIP64 extra field (id 1).
    private static func applyZip64Extra(_ extra: ArraySlice<UInt8>, to entry: inout ZipEntry) throws {
        let fields = Array(extra)
        var cursor = 0
        while cursor + 4 <= fields.count {
            let id = fields.uint16(at: cursor)
            let size = Int(fields.uint16(at: cursor + 2))
            guard cursor + 4 + size <= fields.count else { throw ZipError("its directory is damaged") }
            if id == 1 {
                var field = cursor + 4
                func next() throws -> UInt64 {
                    guard field + 8 <= cursor + 4 + size else { throw ZipError("its directory is damaged") }
                    defer { field += 8 }
                    return fields.uint64(at: field)
                }
                if entry.uncompressedSize == 0xFFFF_FFFF { entry.uncompressedSize = try next() }
                if entry.compressedSize == 0xFFFF_FFFF { entry.compressedSize = try next() }
                if entry.localHeaderOffset == 0xFFFF_FFFF { entry.localHeaderOffset = try next() }
            }
            cursor += 4 + size
        }
    }

    private static func read(_ descriptor: Int32, at offset: UInt64, count: Int, fileSize: UInt64) throws -> [UInt8] {
        guard offset <= fileSize, UInt64(count) <= fileSize - offset else {
            throw ZipError("it points beyond the end of the file")
        }
        var bytes = [UInt8](repeating: 0, count: count)
        try bytes.withUnsafeMutableBytes { try readFully(descriptor, into: $0.baseAddress!, count: count, at: offset) }
        return bytes
    }

    private static func readFully(_ descriptor: Int32, into buffer: UnsafeMutableRawPointer, count: Int,
                                  at offset: UInt64) throws {
        var done = 0
        while done < count {
            let got = pread(descriptor, buffer + done, count - done, off_t(offset) + off_t(done))
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else {
                throw ZipError(got == 0 ? "it ends before its data does" : String(cString: strerror(errno)))
            }
            done += got
        }
    }
}

private extension Array where Element == UInt8 {
    func uint16(at index: Int) -> UInt16 { UInt16(self[index]) | UInt16(self[index + 1]) << 8 }
    func uint32(at index: Int) -> UInt32 { UInt32(uint16(at: index)) | UInt32(uint16(at: index + 2)) << 16 }
    func uint64(at index: Int) -> UInt64 { UInt64(uint32(at: index)) | UInt64(uint32(at: index + 4)) << 32 }
}
