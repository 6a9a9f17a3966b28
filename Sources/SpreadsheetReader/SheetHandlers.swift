import Foundation

// Handlers for worksheet parts: one that hands out rows, one that only counts them.
//
// Element depths in a worksheet part: worksheet 1, sheetData 2, row 3, c 4, v/f/is 5, is/t and is/r and is/rPh 6,
// r/t and rPh/t 7.

/// Wraps an error thrown by the caller's row closure, so that it passes through unchanged instead of being
/// taken for a problem of the file.
struct RowBodyError: Error {
    var underlying: any Error
}

/// Streams the rows of a worksheet part to a closure.
struct SheetRowsHandler: XMLContentHandler {
    private enum CellType {
        case number, shared, inline, formula, boolean, error, date
    }

    private let sharedStrings: [String]
    private let body: (SheetRow) throws -> Void

    private var inSheetData = false
    private var inRow = false
    private var rowNumber = 0
    private var cells: [SheetCell] = []
    private var nextColumn = 0

    private var inCell = false
    private var column = 0
    private var type = CellType.number
    private var hasFormula = false
    private var hasValue = false
    private var hasInlineString = false
    private var inInlineString = false
    /// Collects the text of a `<v>`.
    private var collecting = false
    private var text: [UInt8] = []
    /// Collects the text of an inline string `<is>`.
    private var inlineText = RichTextCollector()

    init(sharedStrings: [String], body: @escaping (SheetRow) throws -> Void) {
        self.sharedStrings = sharedStrings
        self.body = body
        cells.reserveCapacity(32)
        text.reserveCapacity(256)
    }

    mutating func start(_ tag: XMLStartTag) throws {
        let name = tag.localName
        switch tag.depth {
        case 1:
            try checkRoot(tag, "worksheet", "chartsheet", "dialogsheet", "macrosheet")
        case 2:
            inSheetData = name.equals("sheetData")
        case 3 where inSheetData && name.equals("row"):
            if let reference = try tag.attributes.value("r") {
                guard let number = parseRowNumber(reference) else {
                    throw XMLError("holds a row whose number is not between 1 and 1048576")
                }
                rowNumber = number
            } else {
                rowNumber += 1
            }
            inRow = true
            nextColumn = 0
        case 4 where inRow && name.equals("c"):
            try startCell(tag.attributes)
        case 5 where inCell:
            if name.equals("v") {
                hasValue = true
                collecting = true
                text.removeAll(keepingCapacity: true)
            } else if name.equals("f") {
                hasFormula = true
            } else if name.equals("is") {
                inInlineString = true
                hasInlineString = true
                inlineText.reset()
            }
        default:
            if inInlineString { inlineText.start(tag) }
        }
    }

    private mutating func startCell(_ attributes: XMLAttributes) throws {
        if let reference = try attributes.value("r") {
            guard let parsed = parseColumn(reference) else {
                throw XMLError("holds a cell whose reference is not a cell name such as B7")
            }
            column = parsed
        } else {
            column = nextColumn
        }
        if let typeName = try attributes.value("t") {
            if typeName.equals("s") { type = .shared }
            else if typeName.equals("n") { type = .number }
            else if typeName.equals("inlineStr") { type = .inline }
            else if typeName.equals("str") { type = .formula }
            else if typeName.equals("b") { type = .boolean }
            else if typeName.equals("e") { type = .error }
            else if typeName.equals("d") { type = .date }
            else { throw XMLError("holds a cell of unknown type") }
        } else {
            type = .number
        }
        inCell = true
        hasFormula = false
        hasValue = false
        hasInlineString = false
    }

    mutating func end(localName: XMLBytes, depth: Int) throws {
        switch depth {
        case 2:
            inSheetData = false
        case 3 where inRow:
            inRow = false
            do {
                try body(SheetRow(number: rowNumber, cells: cells))
            } catch {
                throw RowBodyError(underlying: error)
            }
            cells.removeAll(keepingCapacity: true)
        case 4 where inCell:
            inCell = false
            collecting = false
            nextColumn = column + 1
            if let value = try cellValue() {
                cells.append(SheetCell(column: column, value: value, hasFormula: hasFormula))
            }
        case 5 where inCell:
            collecting = false
            if localName.equals("is") { inInlineString = false }
        default:
            if inInlineString { inlineText.end(localName: localName, depth: depth) }
        }
    }

    mutating func text(_ raw: XMLBytes, isCDATA: Bool, depth: Int) throws {
        if collecting {
            try appendText(raw, isCDATA: isCDATA, to: &text)
        } else if inInlineString {
            try inlineText.text(raw, isCDATA: isCDATA)
        }
    }

    /// The value of the cell that just ended, or nil when it holds none.
    private mutating func cellValue() throws -> CellValue? {
        switch type {
        case .number:
            guard hasValue else { return nil }
            let raw = try makeString(text)
            guard let value = Double(raw) else { throw XMLError("holds a number cell whose value is not a number") }
            return .number(raw: raw, value: value)
        case .shared:
            guard hasValue else { return nil }
            guard let index = parseIndex(text), index < sharedStrings.count else {
                throw XMLError("holds a cell that refers to a shared string the workbook does not have")
            }
            return .text(sharedStrings[index], .shared)
        case .inline, .formula:
            guard hasValue || hasInlineString else { return nil }
            // An inline string is its <is>; a writer that put the text in <v> instead is read from there.
            var bytes = hasInlineString ? inlineText.bytes : text
            decodeSpreadsheetEscapes(&bytes)
            return .text(try makeString(bytes), type == .inline ? .inline : .formulaResult)
        case .boolean:
            guard hasValue else { return nil }
            if text == [UInt8(ascii: "1")] || text.elementsEqual("true".utf8) { return .boolean(true) }
            if text == [UInt8(ascii: "0")] || text.elementsEqual("false".utf8) { return .boolean(false) }
            throw XMLError("holds a boolean cell whose value is neither 0 nor 1")
        case .error:
            guard hasValue else { return nil }
            return .error(try makeString(text))
        case .date:
            guard hasValue else { return nil }
            return .date(try makeString(text))
        }
    }
}

/// Counts the rows of a worksheet part, the fast path behind `WorkbookReader.rowCount(of:)`.
struct RowCountHandler: XMLContentHandler {
    var count = 0
    private var inSheetData = false

    mutating func start(_ tag: XMLStartTag) throws {
        switch tag.depth {
        case 1: try checkRoot(tag, "worksheet", "chartsheet", "dialogsheet", "macrosheet")
        case 2: inSheetData = tag.localName.equals("sheetData")
        case 3 where inSheetData && tag.localName.equals("row"): count += 1
        default: break
        }
    }

    mutating func end(localName: XMLBytes, depth: Int) throws {
        if depth == 2 { inSheetData = false }
    }

    mutating func text(_ raw: XMLBytes, isCDATA: Bool, depth: Int) throws {}
}

// MARK: - Cell references

/// The number of the last row Excel allows.
private let maxRowNumber = 1_048_576
/// The number of columns Excel allows (A … XFD).
private let maxColumns = 16_384

/// The column from 0 of a cell reference such as `AB12` (letters, then the row's digits).
func parseColumn(_ reference: XMLBytes) -> Int? {
    var column = 0
    var index = 0
    while index < reference.count {
        let byte = reference[index] & 0xDF  // upper case for ASCII letters
        guard byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") else { break }
        column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
        guard column <= maxColumns else { return nil }
        index += 1
    }
    guard column > 0, parseRowNumber(XMLBytes(rebasing: reference[index...])) != nil else { return nil }
    return column - 1
}

/// A row number from 1 to 1,048,576.
func parseRowNumber(_ digits: XMLBytes) -> Int? {
    guard let number = parseIndex(digits), number >= 1, number <= maxRowNumber else { return nil }
    return number
}

/// A non-negative decimal integer of at most nine digits.
private func parseIndex(_ digits: some Collection<UInt8>) -> Int? {
    guard !digits.isEmpty, digits.count <= 9 else { return nil }
    var value = 0
    for byte in digits {
        guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
}
