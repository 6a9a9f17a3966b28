internal import CXlsxWriter
import Foundation
import SpreadsheetReader

/// Why a workbook could not be written.
///
/// Every case names the file being written. No case carries a cell value: cells may hold citizens' ID numbers,
/// and these messages end up in logs. Cells are named by position (`B7 of sheet “汇总”`) instead.
public enum SpreadsheetError: Error, LocalizedError, Sendable, Equatable {
    /// libxlsxwriter returned an error code. `message` is the library's own (`lxw_strerror`), `action` says what
    /// was being done, `systemError` is the C library's message for `errno` when the failure was a file operation.
    case library(code: Int, message: String, action: String, path: String, systemError: String?)
    /// A sheet name Excel would refuse; `reason` says which rule it breaks.
    case invalidSheetName(name: String, reason: String, path: String)
    /// The temporary folder given in `WorkbookOptions` cannot be used.
    case invalidTemporaryDirectory(directory: String, reason: String, path: String)
    /// A value the file format cannot hold (a NaN, a date before 1900, a NUL character …) or a position outside
    /// the sheet; `reason` says which, `action` what was being done.
    case invalidArgument(reason: String, action: String, path: String)
    /// The workbook has no sheet; a file without one would not be what the caller meant to write.
    case noSheets(path: String)
    /// libxlsxwriter reported success but the file read back does not hold the sheets that were added.
    case sheetsMismatch(path: String, written: [String], found: [String])
    /// libxlsxwriter reported success but a sheet read back holds another number of rows than were written:
    /// the file is incomplete (typically a full temporary folder, whose write errors libxlsxwriter ignores).
    case rowCountMismatch(path: String, sheet: String, written: Int, found: Int)
    /// libxlsxwriter reported success but the file cannot be read back.
    case unreadableResult(path: String, readError: SpreadsheetReadError)
    /// The finished file could not be moved to its final name.
    case cannotPlaceFile(path: String, reason: String)

    /// The file the error is about.
    public var path: String {
        switch self {
        case .library(_, _, _, let path, _), .invalidSheetName(_, _, let path),
             .invalidTemporaryDirectory(_, _, let path), .invalidArgument(_, _, let path), .noSheets(let path),
             .sheetsMismatch(let path, _, _), .rowCountMismatch(let path, _, _, _),
             .unreadableResult(let path, _), .cannotPlaceFile(let path, _):
            return path
        }
    }

    /// A sentence saying what went wrong and what to do next.
    public var errorDescription: String? {
        switch self {
        case .library(let code, let message, let action, let path, let systemError):
            let system = systemError.map { " (system error: \($0))" } ?? ""
            return "Cannot write \(path): libxlsxwriter failed while \(action): \(message)\(system). "
                + Self.advice(forLibraryCode: code)
        case .invalidSheetName(let name, let reason, let path):
            return "Cannot write \(path): the sheet name “\(name)” \(reason). Choose another sheet name."
        case .invalidTemporaryDirectory(let directory, let reason, let path):
            return "Cannot write \(path): the temporary folder \(directory) \(reason). "
                + "Give a folder that exists, on a file system with free space."
        case .invalidArgument(let reason, let action, let path):
            return "Cannot write \(path) while \(action): \(reason)."
        case .noSheets(let path):
            return "Cannot write \(path): the workbook has no sheet. Add one before closing it."
        case .sheetsMismatch(let path, let written, let found):
            return "\(path) was not written completely: it should hold the sheets "
                + "\(written.map { "“\($0)”" }.joined(separator: ", ")) but holds "
                + "\(found.map { "“\($0)”" }.joined(separator: ", ")). "
                + "Check free space in the output and temporary folders, then write it again."
        case .rowCountMismatch(let path, let sheet, let written, let found):
            return "\(path) was not written completely: sheet “\(sheet)” should hold \(written) rows but holds "
                + "\(found). Check free space in the output and temporary folders, then write it again."
        case .unreadableResult(let path, let readError):
            return "\(path) was not written completely: read back, \(readError.summary). "
                + "Check free space in the output and temporary folders, then write it again."
        case .cannotPlaceFile(let path, let reason):
            return "Cannot move the finished workbook to \(path): \(reason). Check that the folder is writable."
        }
    }

    private static func advice(forLibraryCode code: Int) -> String {
        switch UInt32(truncatingIfNeeded: code) {
        case LXW_ERROR_CREATING_XLSX_FILE.rawValue, LXW_ERROR_CREATING_TMPFILE.rawValue,
             LXW_ERROR_READING_TMPFILE.rawValue, LXW_ERROR_ZIP_FILE_OPERATION.rawValue,
             LXW_ERROR_ZIP_FILE_ADD.rawValue, LXW_ERROR_ZIP_CLOSE.rawValue:
            return "Check that the output and temporary folders exist, are writable and have free space."
        case LXW_ERROR_ZIP_BAD_ZIP_FILE.rawValue:
            return "The workbook may be too large for a plain zip file: write it with useZip64."
        case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE.rawValue:
            return "Rows go from 1 to 1,048,576 and columns from A to XFD; in constant-memory mode every row "
                + "must be written once, top to bottom."
        case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED.rawValue:
            return "A cell holds at most 32,767 characters: shorten the text."
        case LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue:
            return "The machine ran out of memory: write large workbooks in constant-memory mode."
        default:
            return "This is a bug in the program writing the workbook: report it with this message."
        }
    }
}
