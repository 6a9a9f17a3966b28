// Reads .xlsx packages: sheets, shared strings, cells, document properties. Knows nothing about pharmacists.
import Foundation

/// An open .xlsx workbook, read part by part and never whole.
///
/// Opening reads the package's directory, `xl/workbook.xml` and its relationships. Rows are streamed from the
/// compressed sheet, so memory is bounded by the shared-strings table (loaded once, on the first call that
/// needs it) and the longest row, never by the size of the sheet.
///
/// Reads any .xlsx written by Excel, LibreOffice, WPS, libxlsxwriter or openpyxl-style libraries: shared or
/// inline strings, cells with or without `r` references, namespace prefixes (`<x:c>`), rich text, and
/// `_xHHHH_` escapes. Not thread-safe: use one reader per thread.
public final class WorkbookReader {
    /// The path the workbook was opened from.
    public let path: String
    /// The sheets, in workbook order.
    public let sheets: [SheetInfo]
    /// The names defined in the workbook, in stored order (print titles, print areas, filters …).
    public let definedNames: [DefinedName]
    /// The paths of every part in the package, in archive order.
    public let partNames: [String]
    /// The limits this reader applies.
    public let limits: ReadLimits

    private let parts: Parts
    private let sharedStringsPart: String?
    private let corePropertiesPart: String?
    private let customPropertiesPart: String?
    private var sharedStrings: [String]?

    /// Opens the workbook at `path` and reads its list of sheets.
    /// - Throws: `SpreadsheetReadError` when the file is missing, is not a zip package, lacks its workbook part,
    ///   or holds XML that is not what it claims.
    public init(path: String, limits: ReadLimits = ReadLimits()) throws {
        self.path = path
        self.limits = limits
        let package: ZipPackage
        do {
            package = try ZipPackage(path: path)
        } catch let error as ZipError {
            throw SpreadsheetReadError.damagedArchive(file: path, part: nil, reason: error.reason)
        }
        let parts = Parts(file: path, package: package, limits: limits)
        self.parts = parts
        partNames = package.entries.map(\.path)

        // The package relationships name the workbook part and the document properties; a package without them
        // is still read the way the parts are conventionally named.
        let packageRelationships = try parts.relationships(of: "", optional: true)
        func target(_ suffix: String) -> String? {
            packageRelationships.first { $0.type.hasSuffix(suffix) && !$0.isExternal }
                .map { resolvePartName($0.target, relativeTo: "") }
        }
        let workbookPart = target("/officeDocument") ?? "xl/workbook.xml"
        corePropertiesPart = target("/metadata/core-properties") ?? "docProps/core.xml"
        customPropertiesPart = target("/custom-properties") ?? "docProps/custom.xml"

        let workbook = try parts.scan(workbookPart, with: WorkbookPartHandler())
        let workbookRelationships = try parts.relationships(of: workbookPart, optional: false)
        var byID: [String: Relationship] = [:]
        for relationship in workbookRelationships where byID[relationship.id] == nil {
            byID[relationship.id] = relationship
        }
        var sheets: [SheetInfo] = []
        for (index, entry) in workbook.sheets.enumerated() {
            guard let relationship = byID[entry.relationshipID], !relationship.isExternal else {
                throw SpreadsheetReadError.malformedPart(
                    file: path, part: relationshipsPartName(of: workbookPart), offset: nil,
                    reason: "has no relationship for sheet “\(entry.name)”"
                )
            }
            let kind: SheetInfo.Kind
            if relationship.type.hasSuffix("/worksheet") { kind = .worksheet }
            else if relationship.type.hasSuffix("/chartsheet") { kind = .chartsheet }
            else { kind = .other }
            sheets.append(SheetInfo(
                name: entry.name, index: index, part: resolvePartName(relationship.target, relativeTo: workbookPart),
                kind: kind, visibility: entry.visibility
            ))
        }
        self.sheets = sheets
        definedNames = workbook.definedNames
        sharedStringsPart = workbookRelationships.first { $0.type.hasSuffix("/sharedStrings") && !$0.isExternal }
            .map { resolvePartName($0.target, relativeTo: workbookPart) }
            ?? (parts.entry("xl/sharedStrings.xml") != nil ? "xl/sharedStrings.xml" : nil)
    }

    /// The sheet named `name`, or nil.
    public func sheet(named name: String) -> SheetInfo? {
        sheets.first { $0.name == name }
    }

    /// Calls `body` with each row of `sheet` that the file stores, top to bottom as stored.
    ///
    /// A row is stored when it holds a cell or carries a format or height, so a row may come with no cells;
    /// rows that are not stored do not come at all. The `SheetRow` is only valid as a value: keep it if you
    /// need it.
    /// - Throws: `SpreadsheetReadError` for a problem of the file; any error `body` throws, unchanged.
    public func forEachRow(in sheet: SheetInfo, _ body: (SheetRow) throws -> Void) throws {
        let strings = try loadSharedStrings()
        try withoutActuallyEscaping(body) { body in
            _ = try parts.scan(sheet.part, with: SheetRowsHandler(sharedStrings: strings, body: body))
        }
    }

    /// The number of `<row>` elements of `sheet`: rows holding a cell, a format or a height. Does not load
    /// the shared strings or build any value, so it is the cheap way to check a sheet is complete.
    public func rowCount(of sheet: SheetInfo) throws -> Int {
        try parts.scan(sheet.part, with: RowCountHandler()).count
    }

    /// The number of `<row>` elements of a sheet written by a known writer, counted at the speed of inflating it.
    ///
    /// For a file whose writer is known to put no comments or CDATA sections in sheet XML (libxlsxwriter:
    /// Spreadsheet's read-back of the files it has just written), every `<` that starts `row` starts a row element:
    /// text escapes its `<` as `&lt;`. The count alone would miss a part cut short after its last row, so the part
    /// must also end with its root's end tag. A national workbook's sheet is half a gigabyte of XML; tokenising it
    /// all, as ``rowCount(of:)`` does, takes three times as long.
    /// - Throws: `SpreadsheetReadError.malformedPart` when the part does not end with `</worksheet>`.
    public func rowTagCount(of sheet: SheetInfo) throws -> Int {
        try parts.countRowTags(sheet.part)
    }

    /// The core document properties; empty when the package has none.
    public func coreProperties() throws -> CoreProperties {
        guard let part = corePropertiesPart, parts.entry(part) != nil else { return CoreProperties() }
        return try parts.scan(part, with: CorePropertiesHandler()).properties
    }

    /// The custom document properties in stored order; empty when the package has none.
    public func customProperties() throws -> [CustomProperty] {
        guard let part = customPropertiesPart, parts.entry(part) != nil else { return [] }
        return try parts.scan(part, with: CustomPropertiesHandler()).properties
    }

    /// Reads `part` through to its end and checks that it is complete, well-formed XML with an intact checksum,
    /// without keeping anything: how a writer checks that a package it just wrote is whole.
    public func checkPart(_ part: String) throws {
        _ = try parts.scan(part, with: WellFormednessHandler())
    }

    /// The uncompressed bytes of one part, such as `xl/workbook.xml`, whole: for small parts and for tests that
    /// look at the XML itself.
    public func partData(_ part: String) throws -> Data {
        try parts.data(part)
    }

    /// A part's CRC-32 and uncompressed size as the package's directory records them, or nil when there is no such
    /// part: tells which parts of two packages differ without inflating any (a national sheet is half a gigabyte).
    public func partChecksum(_ part: String) -> (crc32: UInt32, size: UInt64)? {
        parts.entry(part).map { ($0.crc32, $0.uncompressedSize) }
    }

    private func loadSharedStrings() throws -> [String] {
        if let sharedStrings { return sharedStrings }
        var strings: [String] = []
        if let part = sharedStringsPart {
            strings = try parts.scan(part, with: SharedStringsHandler(maxBytes: limits.maxSharedStringBytes)).strings
        }
        sharedStrings = strings
        return strings
    }
}

/// The parts of one package, found by name (exactly, else ignoring case, as OPC part names compare) and read
/// with every failure mapped to a `SpreadsheetReadError` naming the file and the part.
private struct Parts {
    let file: String
    let package: ZipPackage
    let limits: ReadLimits
    private let byName: [String: ZipEntry]
    private let byLowercasedName: [String: ZipEntry]

    /// Size of the chunks inflated at a time: large enough that per-chunk overhead vanishes, small enough to stay
    /// in cache.
    private static let chunkSize = 128 << 10

    init(file: String, package: ZipPackage, limits: ReadLimits) {
        self.file = file
        self.package = package
        self.limits = limits
        var byName: [String: ZipEntry] = [:]
        var byLowercasedName: [String: ZipEntry] = [:]
        for entry in package.entries {
            if byName[entry.path] == nil { byName[entry.path] = entry }
            if byLowercasedName[entry.path.lowercased()] == nil { byLowercasedName[entry.path.lowercased()] = entry }
        }
        self.byName = byName
        self.byLowercasedName = byLowercasedName
    }

    func entry(_ part: String) -> ZipEntry? {
        byName[part] ?? byLowercasedName[part.lowercased()]
    }

    /// Inflates `part` chunk by chunk through a scanner driving `handler`; errors of a row closure pass through
    /// unchanged.
    func scan<Handler: XMLContentHandler>(_ part: String, with handler: Handler) throws -> Handler {
        guard let entry = entry(part) else { throw SpreadsheetReadError.missingPart(file: file, part: part) }
        var scanner = XMLScanner(handler: handler, maxTokenBytes: limits.maxTokenBytes)
        do {
            try package.extract(entry, chunkSize: Self.chunkSize) { chunk in
                try chunk.withUnsafeBytes { try scanner.feed($0) }
            }
            try scanner.finish()
        } catch let error as XMLError {
            if error.isLimit {
                throw SpreadsheetReadError.limitExceeded(file: file, part: part, reason: error.reason)
            }
            throw SpreadsheetReadError.malformedPart(file: file, part: part, offset: error.offset ?? scanner.tokenOffset,
                                                     reason: error.reason)
        } catch let error as RowBodyError {
            throw error.underlying
        } catch let error as SpreadsheetReadError {
            throw error
        } catch {
            throw SpreadsheetReadError.damagedArchive(file: file, part: part, reason: describe(error))
        }
        return scanner.handler
    }

    /// ``WorkbookReader/rowTagCount(of:)``: `<row` (with or without a namespace prefix) followed by white space, `>`
    /// or `/`, counted across chunk boundaries; and the part's last non-space bytes must be its root's end tag.
    func countRowTags(_ part: String) throws -> Int {
        guard let entry = entry(part) else { throw SpreadsheetReadError.missingPart(file: file, part: part) }
        // A tag start is decided by at most `lookahead` bytes: '<', a prefix of up to 12, ':', "row" and one more.
        let lookahead = 18
        var count = 0
        var pending: [UInt8] = []
        var tail: [UInt8] = []
        var offset = 0
        do {
            try package.extract(entry, chunkSize: Self.chunkSize) { chunk in
                chunk.withUnsafeBytes { raw in
                    pending.append(contentsOf: raw.bindMemory(to: UInt8.self))
                    offset += raw.count
                }
                let decidable = pending.count - lookahead
                if decidable > 0 {
                    count += pending.withUnsafeBufferPointer { Self.rowTags(in: $0, before: decidable) }
                    tail = Array(pending[max(0, pending.count - 64)...])
                    pending.removeFirst(decidable)
                }
            }
        } catch let error as SpreadsheetReadError {
            throw error
        } catch {
            throw SpreadsheetReadError.damagedArchive(file: file, part: part, reason: describe(error))
        }
        count += pending.withUnsafeBufferPointer { Self.rowTags(in: $0, before: $0.count) }
        tail = Array((tail + pending).suffix(64))
        var end = tail[...]
        while let last = end.last, last == 0x20 || last == 0x0A || last == 0x0D || last == 0x09 { end = end.dropLast() }
        let text = String(decoding: end, as: UTF8.self)
        guard text.hasSuffix("worksheet>"), let lt = text.lastIndex(of: "<"), text[lt...].hasPrefix("</") else {
            throw SpreadsheetReadError.malformedPart(file: file, part: part, offset: offset,
                                                     reason: "it ends before its closing </worksheet> tag")
        }
        return count
    }

    /// The row start tags beginning before `limit` in `b` (a tag may read up to 18 bytes past its start).
    static func rowTags(in b: UnsafeBufferPointer<UInt8>, before limit: Int) -> Int {
        guard let base = b.baseAddress else { return 0 }
        let n = b.count
        var found = 0
        var i = 0
        while i < limit {
            // memchr finds the next '<' at memory speed.
            guard let hit = memchr(base + i, Int32(UInt8(ascii: "<")), limit - i) else { break }
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var j = i + 1
            var k = j
            while k < n, k - j < 12, b[k] != UInt8(ascii: ":"), b[k] != UInt8(ascii: ">"), b[k] != UInt8(ascii: " "),
                  b[k] != UInt8(ascii: "/") { k += 1 }
            if k < n, b[k] == UInt8(ascii: ":") { j = k + 1 }
            if j + 3 < n, b[j] == UInt8(ascii: "r"), b[j + 1] == UInt8(ascii: "o"), b[j + 2] == UInt8(ascii: "w") {
                let next = b[j + 3]
                if next == 0x20 || next == UInt8(ascii: ">") || next == UInt8(ascii: "/") || next == 0x09
                    || next == 0x0A || next == 0x0D {
                    found += 1
                }
            }
            i += 1
        }
        return found
    }

    /// The bytes of `part`, whole, up to `limits.maxPartDataBytes`.
    func data(_ part: String) throws -> Data {
        guard let entry = entry(part) else { throw SpreadsheetReadError.missingPart(file: file, part: part) }
        guard entry.uncompressedSize <= UInt64(limits.maxPartDataBytes) else {
            throw SpreadsheetReadError.limitExceeded(
                file: file, part: part, reason: "is larger than \(limits.maxPartDataBytes) bytes"
            )
        }
        var data = Data()
        do {
            try package.extract(entry, chunkSize: Self.chunkSize) { data.append($0) }
        } catch {
            throw SpreadsheetReadError.damagedArchive(file: file, part: part, reason: describe(error))
        }
        return data
    }

    /// The relationships of `part` ("" for the package itself); none when `optional` and the package has no
    /// relationships part for it.
    func relationships(of part: String, optional: Bool) throws -> [Relationship] {
        let relationshipsPart = relationshipsPartName(of: part)
        if optional && entry(relationshipsPart) == nil { return [] }
        return try scan(relationshipsPart, with: RelationshipsHandler()).relationships
    }
}

/// A sentence fragment for a zip or zlib error; these carry no file content.
private func describe(_ error: any Error) -> String {
    if let error = error as? ZipError { return error.reason }
    return "its compressed data is corrupt"
}

/// The `.rels` part holding the relationships of `part` ("" for the package itself).
func relationshipsPartName(of part: String) -> String {
    guard let slash = part.lastIndex(of: "/") else { return "_rels/\(part).rels" }
    return "\(part[..<slash])/_rels/\(part[part.index(after: slash)...]).rels"
}

/// The part a relationship target points to: targets are URIs relative to the source part's folder, or
/// absolute from the package root, and may hold `..` and percent-escapes.
func resolvePartName(_ target: String, relativeTo source: String) -> String {
    let decoded = target.removingPercentEncoding ?? target
    var components: [Substring] = []
    if !decoded.hasPrefix("/"), let slash = source.lastIndex(of: "/") {
        components = source[..<slash].split(separator: "/")
    }
    for component in decoded.split(separator: "/") {
        switch component {
        case ".": continue
        case "..": if !components.isEmpty { components.removeLast() }
        default: components.append(component)
        }
    }
    return components.joined(separator: "/")
}
