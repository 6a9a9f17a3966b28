import SpreadsheetReader

/// What the workbook reader's errors say to people, from the catalog (SPEC §12): the file, the part of the package,
/// and what to do. The reader (a general module) keeps plain English descriptions; the technical reason inside
/// (`is cut short inside a tag`) is the reader's own.
enum SpreadsheetReadErrorText {
    static func describe(_ e: SpreadsheetReadError) -> String {
        switch e {
        case .cannotOpen(let file, let reason):
            return localized(.workbookCannotOpen, ["file": file, "reason": reason])
        case .notAZipArchive(let file):
            return localized(.workbookNotZip, ["file": file])
        case .damagedArchive(let file, let part, let reason):
            return localized(.workbookDamaged, ["file": file, "part": part ?? "", "reason": reason])
        case .missingPart(let file, let part):
            return localized(.workbookMissingPart, ["file": file, "part": part])
        case .malformedPart(let file, let part, let offset, let reason):
            return localized(.workbookMalformedPart, ["file": file, "part": part, "offset": offset.map(String.init) ?? "?",
                                                      "reason": reason])
        case .limitExceeded(let file, let part, let reason):
            return localized(.workbookLimitExceeded, ["file": file, "part": part, "reason": reason])
        }
    }
}
