import Foundation
import SpreadsheetReader
import Testing
import TestSupport

/// The error reading `path` throws, from opening it to reading every row of every sheet.
private func readFailure(_ path: String, limits: ReadLimits = ReadLimits()) -> SpreadsheetReadError? {
    do {
        let reader = try WorkbookReader(path: path, limits: limits)
        for sheet in reader.sheets { try reader.forEachRow(in: sheet) { _ in } }
        Issue.record("\(path) was read without an error")
        return nil
    } catch {
        return error as? SpreadsheetReadError
    }
}

private let sheetPart = "xl/worksheets/sheet1.xml"

@Suite struct ReaderErrorTests {
    @Test func randomBytesAreNotAZipArchive() throws {
        let directory = try TemporaryDirectory("random")
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        let bytes = (0..<4_096).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let path = directory.file("random.xlsx")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = readFailure(path)
        #expect(error == .notAZipArchive(file: path))
        #expect(error?.errorDescription?.contains(path) == true)

        try Data().write(to: URL(fileURLWithPath: directory.file("empty.xlsx")))
        #expect(readFailure(directory.file("empty.xlsx")) == .notAZipArchive(file: directory.file("empty.xlsx")))
    }

    @Test func aMissingFileCannotBeOpened() throws {
        let directory = try TemporaryDirectory("missing")
        #expect(readFailure(directory.file("nope.xlsx"))
            == .cannotOpen(file: directory.file("nope.xlsx"), reason: "No such file or directory"))
    }

    @Test func aZipWithoutAWorkbookPartIsNotASpreadsheet() throws {
        let directory = try TemporaryDirectory("no-workbook")
        let path = directory.file("archive.xlsx")
        try makePackage(at: path, parts: [("readme.txt", "hello")])
        let error = readFailure(path)
        #expect(error == .missingPart(file: path, part: "xl/workbook.xml"))
        #expect(error?.errorDescription?.contains("xl/workbook.xml") == true)
    }

    @Test func aSheetWithUnterminatedXMLNamesTheFileAndThePart() throws {
        let directory = try TemporaryDirectory("unterminated")
        let path = directory.file("cut.xlsx")
        try makePackage(at: path, parts: minimalPackage(
            sheetXML: #"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2""#
        ))
        let error = readFailure(path)
        guard case .malformedPart(let file, let part, _, let reason)? = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(file == path)
        #expect(part == sheetPart)
        #expect(reason == "is cut short inside a tag")
        // The fast row count refuses it too: it is how the writer checks its own files.
        let reader = try WorkbookReader(path: path)
        #expect(throws: SpreadsheetReadError.self) { _ = try reader.rowCount(of: reader.sheets[0]) }
    }

    @Test(arguments: [
        ("<worksheet><sheetData><row><c><v>1</v></c></row></sheetData>", sheetPart,
         "is cut short inside <worksheet> (the element is never closed)"),
        ("<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&bogus;</t></is></c></row></sheetData></worksheet>",
         sheetPart, "holds an entity other than &amp; &lt; &gt; &quot; &apos; or a character reference"),
        ("<html><body/></html>", sheetPart, "has the root element <html> where <worksheet> was expected"),
        ("<worksheet><sheetData><row><c r=\"A0\"><v>1</v></c></row></sheetData></worksheet>", sheetPart,
         "holds a cell whose reference is not a cell name such as B7"),
        ("<worksheet><sheetData><row r=\"0\"/></sheetData></worksheet>", sheetPart,
         "holds a row whose number is not between 1 and 1048576"),
        ("<worksheet><sheetData><row><c><v>12abc</v></c></row></sheetData></worksheet>", sheetPart,
         "holds a number cell whose value is not a number"),
        ("<worksheet><sheetData><row><c t=\"b\"><v>yes</v></c></row></sheetData></worksheet>", sheetPart,
         "holds a boolean cell whose value is neither 0 nor 1"),
        ("<worksheet><sheetData><row><c t=\"q\"><v>1</v></c></row></sheetData></worksheet>", sheetPart,
         "holds a cell of unknown type"),
        ("<worksheet><sheetData><row><c t=\"s\"><v>5</v></c></row></sheetData></worksheet>", sheetPart,
         "holds a cell that refers to a shared string the workbook does not have"),
    ])
    func badSheetsAreRefusedNamingThePart(sheetXML: String, part: String, reason: String) throws {
        let directory = try TemporaryDirectory("bad-sheet")
        let path = directory.file("bad.xlsx")
        try makePackage(at: path, parts: minimalPackage(sheetXML: sheetXML))
        guard case .malformedPart(let file, let failedPart, _, let failure)? = readFailure(path) else {
            Issue.record("expected malformedPart")
            return
        }
        #expect(file == path)
        #expect(failedPart == part)
        #expect(failure == reason)
    }

    @Test func textThatIsNotUTF8IsRefusedRatherThanRepaired() throws {
        let directory = try TemporaryDirectory("utf8")
        let path = directory.file("latin1.xlsx")
        var parts = minimalPackage(sheetXML: "").map { ($0.name, Data($0.text.utf8)) }
        // "café" in Latin-1: 0xE9 alone is not UTF-8, and repairing it to U+FFFD would change the value silently.
        parts[3].1 = Data("<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>caf".utf8) + Data([0xE9])
            + Data("</t></is></c></row></sheetData></worksheet>".utf8)
        try makePackage(at: path, binaryParts: parts)
        guard case .malformedPart(path, sheetPart, _, let reason)? = readFailure(path) else {
            Issue.record("expected malformedPart")
            return
        }
        #expect(reason == "holds text that is not valid UTF-8")
    }

    @Test func aControlCharacterReadsAsStored() throws {
        // XML 1.0 forbids most control characters, but writers emit them and every reader accepts them.
        let directory = try TemporaryDirectory("control")
        let path = directory.file("control.xlsx")
        try makePackage(at: path, parts: minimalPackage(
            sheetXML: "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>a\u{1}b</t></is></c></row></sheetData></worksheet>"
        ))
        #expect(try readRows(of: path, sheet: "Sheet1").first?.cells.first?.value == .text("a\u{1}b", .inline))
    }

    @Test func aWrongWorkbookRootAndAMissingSheetPartAreNamed() throws {
        let directory = try TemporaryDirectory("workbook-part")
        let wrongRoot = directory.file("root.xlsx")
        var parts = minimalPackage(sheetXML: "<worksheet/>")
        parts[1].text = "<foo/>"
        try makePackage(at: wrongRoot, parts: parts)
        #expect(readFailure(wrongRoot) == .malformedPart(file: wrongRoot, part: "xl/workbook.xml", offset: 0,
                                                         reason: "has the root element <foo> where <workbook> was expected"))

        let noSheet = directory.file("no-sheet.xlsx")
        try makePackage(at: noSheet, parts: minimalPackage(sheetXML: "").filter { $0.name != sheetPart })
        #expect(readFailure(noSheet) == .missingPart(file: noSheet, part: sheetPart))
    }

    @Test func damagedCompressedDataNamesThePart() throws {
        let directory = try TemporaryDirectory("damaged")
        let path = directory.file("damaged.xlsx")
        let rows = (1...3_000).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0 * 7919 % 10_007)</v></c></row>" }
        try makePackage(at: path, parts: minimalPackage(
            sheetXML: "<worksheet><sheetData>\(rows.joined())</sheetData></worksheet>"
        ))
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        // The sheet is by far the largest part, so the middle of the file is inside its compressed data.
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: path))
        let error = readFailure(path)
        switch error {
        case .damagedArchive(path, sheetPart, _)?, .malformedPart(path, sheetPart, _, _)?: break
        default: Issue.record("got \(String(describing: error))")
        }
    }

    @Test func hostileSizesStopAtTheLimits() throws {
        let directory = try TemporaryDirectory("limits")
        let endless = directory.file("endless.xlsx")
        try makePackage(at: endless, parts: minimalPackage(
            sheetXML: "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>" + String(repeating: "药", count: 200_000)
        ))
        let limits = ReadLimits(maxTokenBytes: 64 << 10, maxSharedStringBytes: 64 << 10)
        #expect(readFailure(endless, limits: limits) == .limitExceeded(
            file: endless, part: sheetPart, reason: "holds a tag or text longer than 65536 bytes"))

        let manyStrings = directory.file("strings.xlsx")
        let items = String(repeating: "<si><t>" + String(repeating: "x", count: 1_000) + "</t></si>", count: 100)
        try makePackage(at: manyStrings, parts: minimalPackage(
            sheetXML: "<worksheet><sheetData><row><c t=\"s\"><v>0</v></c></row></sheetData></worksheet>",
            sharedStringsXML: "<sst>\(items)</sst>"
        ))
        #expect(readFailure(manyStrings, limits: limits) == .limitExceeded(
            file: manyStrings, part: "xl/sharedStrings.xml", reason: "holds more than 65536 bytes of shared strings"))
        // Within the default limits the same file reads.
        #expect(try readRows(of: manyStrings, sheet: "Sheet1").count == 1)
    }
}

/// Zip containers no library would write: ZIP64 records, and damage a reader must refuse without hanging.
@Suite struct ZipContainerTests {
    private func package(_ sheetText: String = "<worksheet><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>",
                         workbook: RawZipEntry? = nil) -> [RawZipEntry] {
        minimalPackage(sheetXML: sheetText).map { part in
            part.name == "xl/workbook.xml" && workbook != nil ? workbook! : RawZipEntry.deflated(part.name, part.text)
        }
    }

    @Test func zip64RecordsAndStoredPartsAreRead() throws {
        let directory = try TemporaryDirectory("zip64")
        let path = directory.file("zip64.xlsx")
        let entries = minimalPackage(sheetXML: "<worksheet><sheetData><row><c><v>42</v></c></row></sheetData></worksheet>")
            .map { RawZipEntry.stored($0.name, $0.text) }
        try makeRawZip(at: path, entries: entries, zip64: true)
        #expect(try readRows(of: path, sheet: "Sheet1") == [
            SheetRow(number: 1, cells: [SheetCell(column: 0, value: .number(raw: "42", value: 42))]),
        ])
    }

    /// ZIPFoundation 0.9.20's own extraction spins forever on this 96 KB file (its PR #389 is open): a deflate
    /// stream whose stored block claims more bytes than the file has left.
    @Test(.timeLimit(.minutes(1)))
    func aDeflateStreamRunningPastTheEndOfTheFileIsRefused() throws {
        let directory = try TemporaryDirectory("endless-deflate")
        let path = directory.file("endless.xlsx")
        let text = Array("<workbook>".utf8) + [UInt8](repeating: 0x20, count: 65_525)
        let payload = deflateStoredBlockHeader(length: 65_535, isFinal: false) + text
            + deflateStoredBlockHeader(length: 65_535, isFinal: false) + [UInt8](repeating: 0x20, count: 30_000)
        let workbook = RawZipEntry(name: "xl/workbook.xml", payload: payload, method: 8, crc32: 0,
                                   uncompressedSize: 10_000_000)
        try makeRawZip(at: path, entries: package(workbook: workbook))
        #expect(readFailure(path) == .damagedArchive(file: path, part: "xl/workbook.xml",
                                                    reason: "its compressed data ends before the part does"))
    }

    @Test func aWrongChecksumOrSizeIsRefused() throws {
        let directory = try TemporaryDirectory("checksum")
        var workbook = RawZipEntry.deflated("xl/workbook.xml", minimalPackage(sheetXML: "")[1].text)
        workbook.crc32 ^= 1
        try makeRawZip(at: directory.file("crc.xlsx"), entries: package(workbook: workbook))
        #expect(readFailure(directory.file("crc.xlsx")) == .damagedArchive(
            file: directory.file("crc.xlsx"), part: "xl/workbook.xml", reason: "its checksum does not match its contents"))

        workbook.crc32 ^= 1
        workbook.uncompressedSize -= 1
        try makeRawZip(at: directory.file("size.xlsx"), entries: package(workbook: workbook))
        #expect(readFailure(directory.file("size.xlsx")) == .damagedArchive(
            file: directory.file("size.xlsx"), part: "xl/workbook.xml",
            reason: "its data is longer than the size the directory declares"))
    }

    @Test func aFileCutShortIsADamagedArchive() throws {
        let directory = try TemporaryDirectory("cut")
        let path = directory.file("cut.xlsx")
        try makeRawZip(at: path, entries: package())
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count - 10).write(to: URL(fileURLWithPath: path))
        #expect(readFailure(path) == .damagedArchive(
            file: path, part: nil,
            reason: "its end-of-directory record is missing (the file is cut short or not a zip archive)"))
    }
}
