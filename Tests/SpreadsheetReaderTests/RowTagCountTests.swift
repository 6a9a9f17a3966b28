import Foundation
import SpreadsheetReader
import Testing
import TestSupport

/// The fast row count Spreadsheet reads its own files back with.
@Suite struct RowTagCountTests {
    func workbook(_ sheetXML: String) throws -> (TemporaryDirectory, WorkbookReader) {
        let dir = try TemporaryDirectory("row-tags")
        try makePackage(at: dir.file("book.xlsx"), parts: minimalPackage(sheetXML: sheetXML))
        return (dir, try WorkbookReader(path: dir.file("book.xlsx")))
    }

    @Test func agreesWithTheTokenisingCountOnLargeSheetsAcrossChunks() throws {
        // Rows of varying length, so that tags fall across the 128 KiB chunks at every offset; text holding "row"
        // and an escaped "<row" that must not count; a <rowBreaks> element that is not a row.
        var xml = #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        for r in 1...40_000 {
            let filler = String(repeating: "行", count: r % 17)
            xml += #"<row r="\#(r)"><c r="A\#(r)" t="inlineStr"><is><t>row &lt;row \#(filler)</t></is></c></row>"#
        }
        xml += #"</sheetData><rowBreaks count="0"/></worksheet>"#
        let (_, book) = try workbook(xml)
        let sheet = book.sheets[0]
        #expect(try book.rowTagCount(of: sheet) == 40_000)
        #expect(try book.rowCount(of: sheet) == 40_000)
    }

    @Test func prefixedElementsCount() throws {
        let xml = #"<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"/><x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>"#
        let (_, book) = try workbook(xml)
        #expect(try book.rowTagCount(of: book.sheets[0]) == 2)
    }

    @Test func aPartCutShortAfterItsLastRowIsRefused() throws {
        let xml = #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"/><row r="2"/></sheetData><pageMargins left="0.7" right="0.7""#
        let (_, book) = try workbook(xml)
        #expect(throws: SpreadsheetReadError.self) { try book.rowTagCount(of: book.sheets[0]) }
    }
}
