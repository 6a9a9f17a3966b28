import Foundation

/// Why a workbook could not be read.
///
/// Every case names the file and, where one is involved, the part of the package (`xl/worksheets/sheet1.xml`).
/// No case carries a cell value: cells may hold citizens' ID numbers, and these messages end up in logs.
public enum SpreadsheetReadError: Error, LocalizedError, Sendable, Equatable {
    /// The file could not be opened or read (missing, a folder, no permission).
    case cannotOpen(file: String, reason: String)
    /// The file is not a zip archive, so it cannot be an .xlsx package (an old .xls, a CSV, random bytes).
    case notAZipArchive(file: String)
    /// The zip archive is damaged: its directory, or the compressed data or checksum of a part, is wrong.
    case damagedArchive(file: String, part: String?, reason: String)
    /// A part the workbook needs is absent from the package.
    case missingPart(file: String, part: String)
    /// A part is not the XML it claims to be. `offset` is the byte offset in the uncompressed part, when known.
    case malformedPart(file: String, part: String, offset: Int?, reason: String)
    /// A part goes beyond a limit of `ReadLimits`, which keep memory bounded on hostile files.
    case limitExceeded(file: String, part: String, reason: String)

    /// The file the error is about.
    public var file: String {
        switch self {
        case .cannotOpen(let file, _), .notAZipArchive(let file), .damagedArchive(let file, _, _),
             .missingPart(let file, _), .malformedPart(let file, _, _, _), .limitExceeded(let file, _, _):
            return file
        }
    }

    /// The part of the package the error is about, if it is about one.
    public var part: String? {
        switch self {
        case .damagedArchive(_, let part, _): return part
        case .missingPart(_, let part), .malformedPart(_, let part, _, _), .limitExceeded(_, let part, _):
            return part
        case .cannotOpen, .notAZipArchive: return nil
        }
    }

    /// What is wrong, without the file name or advice: "part xl/worksheets/sheet1.xml at byte 262142 is cut
    /// short inside a tag". For callers that name the file themselves, such as a writer checking its output.
    public var summary: String {
        switch self {
        case .cannotOpen(_, let reason): return "it cannot be opened: \(reason)"
        case .notAZipArchive: return "it is not a zip package"
        case .damagedArchive(_, let part, let reason): return (part.map { "part \($0): " } ?? "") + reason
        case .missingPart(_, let part): return "it has no part \(part)"
        case .malformedPart(_, let part, let offset, let reason):
            return "part \(part)\(offset.map { " at byte \($0)" } ?? "") \(reason)"
        case .limitExceeded(_, let part, let reason): return "part \(part) \(reason)"
        }
    }

    /// A sentence saying what went wrong and what to do next.
    public var errorDescription: String? {
        switch self {
        case .cannotOpen(let file, let reason):
            return "Cannot open \(file): \(reason). Check the path and that the file is readable."
        case .notAZipArchive(let file):
            return "\(file) is not an .xlsx workbook (it is not a zip package). "
                + "Open it in a spreadsheet program and save it as Excel 2007-365 (.xlsx)."
        case .damagedArchive(let file, let part, let reason):
            let location = part.map { " in part \($0)" } ?? ""
            return "\(file) is a damaged zip package\(location): \(reason). Ask for the file to be sent again."
        case .missingPart(let file, let part):
            return "\(file) is not a complete .xlsx workbook: the package has no part \(part). "
                + "Open it in a spreadsheet program and save it as Excel 2007-365 (.xlsx)."
        case .malformedPart(let file, let part, let offset, let reason):
            let location = offset.map { " at byte \($0)" } ?? ""
            return "\(file) is not a readable .xlsx workbook: part \(part)\(location) \(reason). "
                + "Open it in a spreadsheet program and save it again, or ask for the file to be sent again."
        case .limitExceeded(let file, let part, let reason):
            return "\(file) was not read: part \(part) \(reason). "
                + "A workbook written by a spreadsheet program never does this; ask where the file came from."
        }
    }
}
