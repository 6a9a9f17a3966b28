import Foundation
import SpreadsheetReader
// ZIPFoundation reaches this target through SpreadsheetReader; Package.swift does not list it for TestSupport.
import ZIPFoundation

/// The XML text of one part of an .xlsx file, for tests that check the XML itself (STYLE.md, Tests).
public func partXML(_ part: String, of path: String) throws -> String {
    String(decoding: try WorkbookReader(path: path).partData(part), as: UTF8.self)
}

/// Every row of the sheet named `sheet`, read with `WorkbookReader`.
public func readRows(of path: String, sheet: String) throws -> [SheetRow] {
    let reader = try WorkbookReader(path: path)
    guard let info = reader.sheet(named: sheet) else {
        throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: "\(path) sheet \(sheet)"])
    }
    var rows: [SheetRow] = []
    try reader.forEachRow(in: info) { rows.append($0) }
    return rows
}

/// Builds a zip package at `path` from part names and their text, deflated, in the order given: how tests make
/// the packages of other writers (openpyxl style, broken ones) without having those writers.
public func makePackage(at path: String, parts: [(name: String, text: String)]) throws {
    try makePackage(at: path, binaryParts: parts.map { ($0.name, Data($0.text.utf8)) })
}

/// Builds a zip package from part names and their bytes, for parts that are not valid UTF-8 text.
public func makePackage(at path: String, binaryParts parts: [(name: String, data: Data)]) throws {
    let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
    for part in parts {
        let data = part.data
        try archive.addEntry(with: part.name, type: .file, uncompressedSize: Int64(data.count),
                             compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}

/// The minimal parts around one worksheet and, optionally, a shared-strings part, in the conventional places.
public func minimalPackage(sheetXML: String, sharedStringsXML: String? = nil, sheetName: String = "Sheet1")
    -> [(name: String, text: String)] {
    var workbookRelationships = """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
        Target="worksheets/sheet1.xml"/>
        """
    if sharedStringsXML != nil {
        workbookRelationships += """
            <Relationship Id="rId2" \
            Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" \
            Target="sharedStrings.xml"/>
            """
    }
    workbookRelationships += "</Relationships>"
    var parts: [(name: String, text: String)] = [
        ("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" \
            Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
            Target="xl/workbook.xml"/></Relationships>
            """),
        ("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheets><sheet name="\(sheetName)" sheetId="1" r:id="rId1"/></sheets></workbook>
            """),
        ("xl/_rels/workbook.xml.rels", workbookRelationships),
        ("xl/worksheets/sheet1.xml", sheetXML),
    ]
    if let sharedStringsXML { parts.append(("xl/sharedStrings.xml", sharedStringsXML)) }
    return parts
}

/// Converts `file` to .xlsx with LibreOffice headless into `outputDirectory` and returns the new file's path.
/// Each call uses a private LibreOffice profile inside `outputDirectory`, so parallel tests do not collide.
public func resaveWithLibreOffice(_ file: String, outputDirectory: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/soffice")
    process.arguments = [
        "-env:UserInstallation=file://\(outputDirectory)/libreoffice-profile", "--headless",
        "--convert-to", "xlsx", "--outdir", outputDirectory, file,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + ".xlsx"
    let output = outputDirectory + "/" + name
    guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: output) else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: output])
    }
    return output
}

/// The open file descriptors of this process that point into `directory` (including deleted files there):
/// how a test sees that temporary files were really closed.
public func openDescriptors(into directory: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    return names.compactMap { name in
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + name),
              target.hasPrefix(directory + "/") else { return nil }
        return target
    }
}

/// A tmpfs of a few kilobytes mounted on a folder of its own, unmounted when released: a real "no space left on
/// device". Needs root (mount); `isAvailable` says whether this process can mount.
public final class TinyFileSystem: @unchecked Sendable {
    /// Where the file system is mounted.
    public let path: String
    private let parent: TemporaryDirectory
    private var unmounted = false

    /// True when this process runs as root, which mounting needs.
    public static var isAvailable: Bool { getuid() == 0 }

    /// Mounts a tmpfs of `kilobytes` KB.
    public init(kilobytes: Int) throws {
        parent = try TemporaryDirectory("tinyfs")
        path = parent.file("mnt")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        let status = try run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path])
        guard status == 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
    }

    /// Unmounts now; false when the kernel refuses, which it does while any file on it is still open.
    public func unmount() -> Bool {
        guard !unmounted else { return true }
        unmounted = (try? run("/bin/umount", [path])) == 0
        return unmounted
    }

    deinit {
        // A test that failed may have left files open: detach lazily so that the folder can still be removed.
        if !unmounted { _ = try? run("/bin/umount", ["-l", path]) }
    }
}

@discardableResult
private func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}

/// One entry of a zip archive built byte by byte with `makeRawZip`, for archives no zip library would write.
public struct RawZipEntry {
    /// The entry's path.
    public var name: String
    /// The bytes stored in the archive (for method 8, a deflate stream).
    public var payload: [UInt8]
    /// 0 for stored, 8 for deflate.
    public var method: UInt16
    /// The CRC-32 the directory declares.
    public var crc32: UInt32
    /// The uncompressed size the directory declares.
    public var uncompressedSize: UInt64

    /// An entry with every field given, true or not.
    public init(name: String, payload: [UInt8], method: UInt16, crc32: UInt32, uncompressedSize: UInt64) {
        self.name = name
        self.payload = payload
        self.method = method
        self.crc32 = crc32
        self.uncompressedSize = uncompressedSize
    }

    /// A stored entry holding `text`.
    public static func stored(_ name: String, _ text: String) -> RawZipEntry {
        let bytes = Array(text.utf8)
        return RawZipEntry(name: name, payload: bytes, method: 0, crc32: checksum(bytes),
                           uncompressedSize: UInt64(bytes.count))
    }

    /// A deflate entry holding `text` as a valid deflate stream of stored blocks (no compression needed).
    public static func deflated(_ name: String, _ text: String) -> RawZipEntry {
        let bytes = Array(text.utf8)
        var stream: [UInt8] = []
        var offset = 0
        repeat {
            let length = min(65_535, bytes.count - offset)
            let isLast = offset + length == bytes.count
            stream += deflateStoredBlockHeader(length: length, isFinal: isLast) + bytes[offset..<offset + length]
            offset += length
        } while offset < bytes.count
        return RawZipEntry(name: name, payload: stream, method: 8, crc32: checksum(bytes),
                           uncompressedSize: UInt64(bytes.count))
    }
}

/// The 5-byte header of a stored deflate block of `length` bytes (RFC 1951, 3.2.4).
public func deflateStoredBlockHeader(length: Int, isFinal: Bool) -> [UInt8] {
    let length = UInt16(length)
    return [isFinal ? 1 : 0] + littleEndian(length) + littleEndian(~length)
}

/// The CRC-32 a zip directory declares for `bytes`.
public func checksum(_ bytes: [UInt8]) -> UInt32 {
    Data(bytes).crc32(checksum: 0)
}

/// Writes a zip archive byte by byte: local headers, data, central directory and end record, with ZIP64
/// records and extra fields when `zip64` is set (as a writer must for parts over 4 GB).
public func makeRawZip(at path: String, entries: [RawZipEntry], zip64: Bool = false) throws {
    var file: [UInt8] = []
    var directory: [UInt8] = []
    for entry in entries {
        let offset = UInt64(file.count)
        let name = Array(entry.name.utf8)
        file += littleEndian(UInt32(0x0403_4B50)) + littleEndian(UInt16(20)) + littleEndian(UInt16(0x0800))
            + littleEndian(entry.method) + littleEndian(UInt32(0)) + littleEndian(entry.crc32)
            + littleEndian(UInt32(entry.payload.count)) + littleEndian(UInt32(truncatingIfNeeded: entry.uncompressedSize))
            + littleEndian(UInt16(name.count)) + littleEndian(UInt16(0)) + name + entry.payload
        let extra = zip64 ? littleEndian(UInt16(1)) + littleEndian(UInt16(24)) + littleEndian(entry.uncompressedSize)
            + littleEndian(UInt64(entry.payload.count)) + littleEndian(offset) : []
        let wide = { (value: UInt64) in zip64 ? UInt32(0xFFFF_FFFF) : UInt32(truncatingIfNeeded: value) }
        directory += littleEndian(UInt32(0x0201_4B50)) + littleEndian(UInt16(45)) + littleEndian(UInt16(45))
            + littleEndian(UInt16(0x0800)) + littleEndian(entry.method) + littleEndian(UInt32(0))
            + littleEndian(entry.crc32) + littleEndian(wide(UInt64(entry.payload.count)))
            + littleEndian(wide(entry.uncompressedSize)) + littleEndian(UInt16(name.count))
            + littleEndian(UInt16(extra.count)) + littleEndian(UInt16(0)) + littleEndian(UInt16(0))
            + littleEndian(UInt16(0)) + littleEndian(UInt32(0)) + littleEndian(wide(offset)) + name + extra
    }
    let directoryOffset = UInt64(file.count)
    file += directory
    if zip64 {
        let recordOffset = UInt64(file.count)
        file += littleEndian(UInt32(0x0606_4B50)) + littleEndian(UInt64(44)) + littleEndian(UInt16(45))
            + littleEndian(UInt16(45)) + littleEndian(UInt32(0)) + littleEndian(UInt32(0))
            + littleEndian(UInt64(entries.count)) + littleEndian(UInt64(entries.count))
            + littleEndian(UInt64(directory.count)) + littleEndian(directoryOffset)
        file += littleEndian(UInt32(0x0706_4B50)) + littleEndian(UInt32(0)) + littleEndian(recordOffset)
            + littleEndian(UInt32(1))
    }
    let count = zip64 ? UInt16(0xFFFF) : UInt16(entries.count)
    file += littleEndian(UInt32(0x0605_4B50)) + littleEndian(UInt16(0)) + littleEndian(UInt16(0))
        + littleEndian(count) + littleEndian(count)
        + littleEndian(zip64 ? UInt32(0xFFFF_FFFF) : UInt32(directory.count))
        + littleEndian(zip64 ? UInt32(0xFFFF_FFFF) : UInt32(directoryOffset)) + littleEndian(UInt16(0))
    try Data(file).write(to: URL(fileURLWithPath: path))
}

private func littleEndian<Value: FixedWidthInteger>(_ value: Value) -> [UInt8] {
    withUnsafeBytes(of: value.littleEndian) { Array($0) }
}
