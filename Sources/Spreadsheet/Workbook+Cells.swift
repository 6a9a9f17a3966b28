internal import CXlsxWriter
import Foundation

// Writing cells. Each call validates the position, calls libxlsxwriter once, passes its code through `check`,
// and marks the row in the sheet's RowSet only when the cell really exists (libxlsxwriter ignores an empty
// text or a blank without a format), so that `close()` knows how many rows the file must hold.

/// The rows and columns Excel allows.
private let rowLimit = 1_048_576
private let columnLimit = 16_384

extension Workbook {
    /// Writes `text` as a text cell, always: a long digit string stays text, and a text starting with "=" is
    /// text, never a formula. An empty text writes a blank cell when `format` is given, else nothing.
    ///
    /// Text that looks like SpreadsheetML's `_xHHHH_` escape is stored escaped (`_x005F_xHHHH_`) so that it
    /// reads back as written.
    /// - Throws: `SpreadsheetError.library` for text over 32,767 characters, or in constant-memory mode a row
    ///   above the last one written; `.invalidArgument` for a position outside the sheet or a NUL character.
    public mutating func write(
        _ text: String, sheet: SheetID, row: Int, column: Int, format: FormatID? = nil
    ) throws(SpreadsheetError) {
        let worksheet = try cell(sheet, row, column)
        let cFormat = formatPointer(format)
        let code: lxw_error
        switch inspect(text) {
        case .plain:
            // > The worksheet_write_string() function writes a string to the cell specified by row and column
            // (a formula is worksheet_write_formula()'s job, so a leading "=" stays text).
            code = text.withCString { worksheet_write_string(worksheet, lxw_row_t(row), lxw_col_t(column), $0, cFormat) }
        case .needsEscaping:
            code = escapeUnderscores(text).withCString {
                worksheet_write_string(worksheet, lxw_row_t(row), lxw_col_t(column), $0, cFormat)
            }
        case .holdsNUL:
            throw .invalidArgument(reason: "the text holds a NUL character, which a workbook cannot store",
                                   action: cellAction("writing", sheet, row, column), path: path)
        }
        try check(code, cellAction("writing text to", sheet, row, column))
        cellLog?.text(text, row: row, column: column)
        if !(text.isEmpty && format == nil) { sheets[sheet.index].rows.insert(row) }
    }

    /// Writes a number cell.
    /// - Throws: `SpreadsheetError.invalidArgument` for NaN or an infinity, which no workbook can hold.
    public mutating func write(
        number: Double, sheet: SheetID, row: Int, column: Int, format: FormatID? = nil
    ) throws(SpreadsheetError) {
        let worksheet = try cell(sheet, row, column)
        guard number.isFinite else {
            throw .invalidArgument(reason: "the number is NaN or infinite, which a workbook cannot store",
                                   action: cellAction("writing", sheet, row, column), path: path)
        }
        // > The worksheet_write_number() function writes numeric types to the cell specified by row and column
        let code = worksheet_write_number(worksheet, lxw_row_t(row), lxw_col_t(column), number, formatPointer(format))
        try check(code, cellAction("writing a number to", sheet, row, column))
        cellLog?.number(number, row: row, column: column)
        sheets[sheet.index].rows.insert(row)
    }

    /// Writes a whole number as a number cell, such as a count.
    /// - Throws: `SpreadsheetError.invalidArgument` when the number has no exact Double (beyond ±2⁵³).
    public mutating func write(
        integer: Int, sheet: SheetID, row: Int, column: Int, format: FormatID? = nil
    ) throws(SpreadsheetError) {
        guard let number = Double(exactly: integer) else {
            throw .invalidArgument(reason: "the whole number is too large for a workbook to store exactly",
                                   action: cellAction("writing", sheet, row, column), path: path)
        }
        try write(number: number, sheet: sheet, row: row, column: column, format: format)
    }

    /// Writes a calendar date as a date cell (Excel's day number) shown with `format`'s number format, or with
    /// `yyyy-mm-dd` when `format` is nil. A format without a date number format shows the day number.
    /// - Throws: `SpreadsheetError.invalidArgument` for a day that does not exist or a year outside 1900–9999.
    public mutating func write(
        date: CalendarDate, sheet: SheetID, row: Int, column: Int, format: FormatID? = nil
    ) throws(SpreadsheetError) {
        let worksheet = try cell(sheet, row, column)
        guard date.exists, (1900...9999).contains(date.year) else {
            throw .invalidArgument(reason: "the date does not exist or is outside the years 1900 to 9999",
                                   action: cellAction("writing", sheet, row, column), path: path)
        }
        var dateFormat = format ?? defaultDateFormat
        if dateFormat == nil {
            dateFormat = try self.format(CellStyle(numberFormat: "yyyy-mm-dd"))
            defaultDateFormat = dateFormat
        }
        var datetime = lxw_datetime(
            year: Int32(date.year), month: Int32(date.month), day: Int32(date.day), hour: 0, min: 0, sec: 0
        )
        // > The worksheet_write_datetime() function can be used to write a date or time to the cell specified by
        // > row and column … Without a date format the datetime will appear as a number only.
        let code = worksheet_write_datetime(worksheet, lxw_row_t(row), lxw_col_t(column), &datetime,
                                            formatPointer(dateFormat))
        try check(code, cellAction("writing a date to", sheet, row, column))
        sheets[sheet.index].rows.insert(row)
    }

    /// Writes the calendar date of `date`, which must be exactly midnight UTC, as a date cell.
    /// - Throws: `SpreadsheetError.invalidArgument` when `date` is not midnight UTC, so that no time zone of
    ///   the machine decides which day is written.
    public mutating func write(
        date: Date, sheet: SheetID, row: Int, column: Int, format: FormatID? = nil
    ) throws(SpreadsheetError) {
        guard let day = CalendarDate(utcMidnight: date) else {
            throw .invalidArgument(reason: "the date is not exactly midnight UTC",
                                   action: cellAction("writing", sheet, row, column), path: path)
        }
        try write(date: day, sheet: sheet, row: row, column: column, format: format)
    }

    /// Writes a boolean cell (TRUE or FALSE).
    public mutating func write(
        boolean: Bool, sheet: SheetID, row: Int, column: Int, format: FormatID? = nil
    ) throws(SpreadsheetError) {
        let worksheet = try cell(sheet, row, column)
        // > Write an Excel boolean to the cell specified by row and column
        let code = worksheet_write_boolean(worksheet, lxw_row_t(row), lxw_col_t(column), boolean ? 1 : 0,
                                           formatPointer(format))
        try check(code, cellAction("writing a boolean to", sheet, row, column))
        sheets[sheet.index].rows.insert(row)
    }

    /// Writes a blank cell that only carries `format`, such as a bordered empty cell of a table.
    public mutating func writeBlank(
        sheet: SheetID, row: Int, column: Int, format: FormatID
    ) throws(SpreadsheetError) {
        let worksheet = try cell(sheet, row, column)
        // > Excel differentiates between an "Empty" cell and a "Blank" cell. An Empty cell is a cell which doesn't
        // > contain data or formatting whilst a Blank cell doesn't contain data but does contain formatting.
        let code = worksheet_write_blank(worksheet, lxw_row_t(row), lxw_col_t(column), formatPointer(format))
        try check(code, cellAction("writing a blank cell to", sheet, row, column))
        sheets[sheet.index].rows.insert(row)
    }

    /// Merges `rows` × `columns` into one cell holding `text` (a title across a table); every cell of the range
    /// gets `format`. In constant-memory mode the range must not start above the last row written.
    /// - Throws: like `write(_:sheet:row:column:format:)`, and `.library` for a single-cell range.
    public mutating func mergeCells(
        sheet: SheetID, rows: ClosedRange<Int>, columns: ClosedRange<Int>, text: String, format: FormatID? = nil
    ) throws(SpreadsheetError) {
        let worksheet = try cell(sheet, rows.lowerBound, columns.lowerBound)
        _ = try cell(sheet, rows.upperBound, columns.upperBound)
        let action = "merging \(cellName(rows.lowerBound, columns.lowerBound)):"
            + "\(cellName(rows.upperBound, columns.upperBound)) of sheet “\(sheets[sheet.index].name)”"
        // worksheet_merge_range() does not pass on the code of the string it writes, so the two ways that
        // write can fail are checked here, with the codes it would have returned.
        if text.unicodeScalars.count > 32_767 {
            throw libraryError(LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED, action, path: path)
        }
        if options.constantMemory && rows.lowerBound < sheets[sheet.index].rows.highest {
            throw libraryError(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, action, path: path)
        }
        let stored: String
        switch inspect(text) {
        case .plain: stored = text
        case .needsEscaping: stored = escapeUnderscores(text)
        case .holdsNUL:
            throw .invalidArgument(reason: "the text holds a NUL character, which a workbook cannot store",
                                   action: action, path: path)
        }
        // > The worksheet_merge_range() function allows cells to be merged together so that they act as a single
        // > area.
        let code = stored.withCString {
            worksheet_merge_range(worksheet, lxw_row_t(rows.lowerBound), lxw_col_t(columns.lowerBound),
                                  lxw_row_t(rows.upperBound), lxw_col_t(columns.upperBound), $0, formatPointer(format))
        }
        try check(code, action)
        cellLog?.text(text, row: rows.lowerBound, column: columns.lowerBound)
        // Without a format only the first cell exists, and only when it holds text.
        if format != nil {
            for row in rows { sheets[sheet.index].rows.insert(row) }
        } else if !text.isEmpty {
            sheets[sheet.index].rows.insert(rows.lowerBound)
        }
    }

    // MARK: - Helpers

    /// The worksheet for a cell at `row`, `column`, after checking both are inside the sheet.
    @inline(__always)
    func cell(_ sheet: SheetID, _ row: Int, _ column: Int) throws(SpreadsheetError) -> UnsafeMutablePointer<lxw_worksheet> {
        precondition(sheet.workbook == serial, "a SheetID of another workbook")
        guard row >= 0 && row < rowLimit && column >= 0 && column < columnLimit else {
            throw .invalidArgument(
                reason: "row \(row) or column \(column) is outside the sheet (rows 0 to 1,048,575, columns 0 to "
                    + "16,383, counted from 0)",
                action: "writing to sheet “\(sheets[sheet.index].name)”", path: path
            )
        }
        return sheets[sheet.index].pointer
    }

    /// Checks a row (for row settings) the way `cell` checks a cell.
    func checkRow(_ sheet: SheetID, _ row: Int) throws(SpreadsheetError) -> UnsafeMutablePointer<lxw_worksheet> {
        try cell(sheet, row, 0)
    }

    /// Checks a column range the way `cell` checks a cell.
    func checkColumns(_ sheet: SheetID, _ columns: ClosedRange<Int>) throws(SpreadsheetError) -> UnsafeMutablePointer<lxw_worksheet> {
        _ = try cell(sheet, 0, columns.upperBound)
        return try cell(sheet, 0, columns.lowerBound)
    }

    @inline(__always)
    func formatPointer(_ format: FormatID?) -> UnsafeMutablePointer<lxw_format>? {
        guard let format else { return nil }
        precondition(format.workbook == serial, "a FormatID of another workbook")
        return formats[format.index]
    }

    /// "writing text to cell B7 of sheet “汇总”": positions only, never the value.
    func cellAction(_ verb: String, _ sheet: SheetID, _ row: Int, _ column: Int) -> String {
        "\(verb) cell \(cellName(row, column)) of sheet “\(sheets[sheet.index].name)”"
    }
}

/// The A1-style name of a cell, for messages.
func cellName(_ row: Int, _ column: Int) -> String {
    var letters: [Character] = []
    var remaining = column + 1
    while remaining > 0 {
        let digit = (remaining - 1) % 26
        letters.insert(Character(Unicode.Scalar(UInt8(65 + digit))), at: 0)
        remaining = (remaining - 1) / 26
    }
    return String(letters) + String(row + 1)
}

// MARK: - Text checks

enum TextInspection {
    case plain, needsEscaping, holdsNUL
}

/// One pass over the UTF-8 bytes: a NUL would cut the C string short, and `_xHHHH_` would be read back as an
/// escape. Nearly every text is `.plain`, which costs one comparison per byte.
@inline(__always)
func inspect(_ text: String) -> TextInspection {
    let result = text.utf8.withContiguousStorageIfAvailable { bytes -> TextInspection in
        var escaping = false
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == 0 { return .holdsNUL }
            if byte == UInt8(ascii: "_") && !escaping && startsEscape(bytes, at: index) { escaping = true }
        }
        return escaping ? .needsEscaping : .plain
    }
    return result ?? inspect(String(decoding: Array(text.utf8), as: UTF8.self))
}

/// True when `_xHHHH_` starts at `index` (an underscore).
private func startsEscape(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    guard index + 7 <= bytes.count, bytes[index + 1] == UInt8(ascii: "x"), bytes[index + 6] == UInt8(ascii: "_")
    else { return false }
    return bytes[(index + 2)..<(index + 6)].allSatisfy { byte in
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}

/// Escapes the underscore of every `_xHHHH_` as `_x005F_` (ECMA-376 Part 1, 22.9.2.19 ST_Xstring), as Excel
/// does; libxlsxwriter 1.1.4 does not.
func escapeUnderscores(_ text: String) -> String {
    var output: [UInt8] = []
    Array(text.utf8).withUnsafeBufferPointer { bytes in
        for index in bytes.indices {
            if bytes[index] == UInt8(ascii: "_") && startsEscape(bytes, at: index) {
                output.append(contentsOf: "_x005F".utf8)
            }
            output.append(bytes[index])
        }
    }
    return String(decoding: output, as: UTF8.self)
}
