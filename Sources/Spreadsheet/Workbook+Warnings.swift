internal import CXlsxWriter

// Excel's error-checking warnings, switched off for ranges of a sheet. A file of its own, beside the layout calls,
// so that it stays apart from the page-setup code in Workbook+Layout.swift.

/// A warning of Excel's background error checking (the small green triangle in a cell's corner) that a sheet can
/// switch off for ranges of cells.
public enum CellWarning: Hashable, Sendable, CaseIterable {
    /// "Number stored as text": a text cell holding only digits, such as an ID or certificate number that is text
    /// on purpose so that no digit is lost.
    case numberStoredAsText
    /// A formula whose result is an error, such as a division by zero.
    case evaluationError
    /// A formula that differs from the formulas around it.
    case formulaDiffers
    /// A formula that leaves out cells next to its range.
    case formulaRange
    /// An unlocked cell holding a formula.
    case formulaUnlocked
    /// A formula that refers to empty cells.
    case emptyCellReference
    /// A table cell that breaks the column's data validation.
    case listDataValidation
    /// A formula that differs from its table column's formula.
    case calculatedColumn
    /// A text date with a two-digit year.
    case twoDigitTextYear
}

extension Workbook {
    /// Switches `warning` off for the cells of `rows` in each run of `columns` of `sheet` (rows and columns from 0),
    /// so that Excel shows no warning mark on them: `rows: 3...5002, columns: [3...4, 6...6]` is `D4:E5003 G4:G5003`.
    ///
    /// One call per warning and sheet: a second call for the same warning replaces the cells of the first, as
    /// libxlsxwriter does.
    /// - Throws: `SpreadsheetError.invalidArgument` for no columns or cells outside the sheet.
    public mutating func ignore(
        _ warning: CellWarning, rows: ClosedRange<Int>, columns: [ClosedRange<Int>], sheet: SheetID
    ) throws(SpreadsheetError) {
        let worksheet = try cell(sheet, rows.lowerBound, 0)
        _ = try cell(sheet, rows.upperBound, 0)
        let action = "switching off a warning on sheet “\(sheets[sheet.index].name)”"
        guard !columns.isEmpty else {
            throw .invalidArgument(reason: "no columns were given", action: action, path: path)
        }
        for run in columns {
            _ = try cell(sheet, rows.lowerBound, run.lowerBound)
            _ = try cell(sheet, rows.upperBound, run.upperBound)
        }
        let type: lxw_ignore_errors
        switch warning {
        case .numberStoredAsText: type = LXW_IGNORE_NUMBER_STORED_AS_TEXT
        case .evaluationError: type = LXW_IGNORE_EVAL_ERROR
        case .formulaDiffers: type = LXW_IGNORE_FORMULA_DIFFERS
        case .formulaRange: type = LXW_IGNORE_FORMULA_RANGE
        case .formulaUnlocked: type = LXW_IGNORE_FORMULA_UNLOCKED
        case .emptyCellReference: type = LXW_IGNORE_EMPTY_CELL_REFERENCE
        case .listDataValidation: type = LXW_IGNORE_LIST_DATA_VALIDATION
        case .calculatedColumn: type = LXW_IGNORE_CALCULATED_COLUMN
        case .twoDigitTextYear: type = LXW_IGNORE_TWO_DIGIT_TEXT_YEAR
        }
        // > The worksheet_ignore_errors() function can be used to ignore various worksheet cell errors/warnings.
        // > … The range can be a single cell, a range of cells, or multiple cells and ranges separated by spaces
        // > … Calling worksheet_ignore_errors() more than once for the same lxw_ignore_errors type will overwrite
        // > the previous range.
        // The library copies the range text (lxw_strdup), so it need not outlive the call.
        let sqref = columns.map { run in
            cellName(rows.lowerBound, run.lowerBound) + ":" + cellName(rows.upperBound, run.upperBound)
        }.joined(separator: " ")
        let code = sqref.withCString { worksheet_ignore_errors(worksheet, UInt8(type.rawValue), $0) }
        try check(code, action)
    }

    /// Hides `sheet`'s tab; a user can show it again (Excel's Format ▸ Sheet ▸ Unhide). Readers still read it.
    ///
    /// libxlsxwriter 1.1.4 writes only `state="hidden"`: it has no "very hidden" state, which only a program could
    /// undo.
    /// - Throws: `SpreadsheetError.invalidArgument` for the first sheet, which is the one shown when the file
    ///   opens.
    public mutating func hide(sheet: SheetID) throws(SpreadsheetError) {
        let worksheet = try cell(sheet, 0, 0)
        guard sheet.index != 0 else {
            throw .invalidArgument(reason: "the first sheet is the one shown when the file opens and cannot be hidden",
                                   action: "hiding sheet “\(sheets[sheet.index].name)”", path: path)
        }
        // > The worksheet_hide() function is used to hide a worksheet … A hidden worksheet can not be activated or
        // > selected … since the first worksheet will default to being the active worksheet, you cannot hide the
        // > first worksheet without activating another sheet
        worksheet_hide(worksheet)
    }
}
