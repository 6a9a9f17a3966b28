extension Catalog {
    /// English: with `RXBIND_LANG=en` or an English locale (SPEC §12).
    static func english(_ key: MessageKey) -> String {
        switch key {
        // MARK: general
        case .errorPrefix: return "rxbind: error: "
        case .fileLine: return "{file} line {line}"

        // MARK: run

        // MARK: workspace, revert

        // MARK: cases

        // MARK: audit

        // MARK: form check
        case .formCheckHeading: return "{file}: {facts} — {verdict}"
        case .formCheckFactSeparator: return ", "
        case .formCheckBatch: return "batch {batch}"
        case .formCheckPart: return "part {number}/{count}"
        case .formCheckPartAsWritten: return "part {part}"
        case .formCheckRowCount: return "{count} rows"
        case .formCheckFingerprintMatches: return "fingerprint matches"
        case .formCheckFingerprintReordered: return "fingerprint matches with the rows in their written order (rows re-ordered, data intact)"
        case .formCheckFingerprintMismatch: return "fingerprint does NOT match"
        case .formCheckFingerprintMissing: return "fingerprint MISSING"
        case .formCheckPassed: return "OK"
        case .formCheckFailed: return "FAILED"
        case .formCheckError: return "  error: {message}"
        case .formCheckWarning: return "  warning: {message}"
        case .formCheckNote: return "  note: {message}"
        case .formCheckMoreErrors: return "  … and {count} more errors"
        case .formCheckUnreadable: return "not a readable workbook: {detail}"
        case .formCheckNoHeaderRow: return "no form header row (序号, 姓名, 身份证号码, 资格证书编号 …) was found: this is not an addition-request form"
        case .formCheckFingerprintMissingDetail: return "the rxbind-fingerprint property is missing: the rows cannot be shown to be the ones rxbind wrote"
        case .formCheckMismatchLocated: return "the fingerprint does not match: the rows below were changed, added or removed after rxbind wrote the file"
        case .formCheckMismatchNotLocated: return "the fingerprint does not match: a data row was changed, added or removed after rxbind wrote the file, and the form's row digests cannot say which"
        case .formCheckMismatchNoDigests: return "the fingerprint does not match: a data row was changed, added or removed after rxbind wrote the file (the form carries no row digests — an earlier rxbind wrote it, or its sheet {sheet} was removed — so the row cannot be named)"
        case .formCheckRowPlace: return "No. {seq} (row {row})"
        case .formCheckRowChanged: return "{place} was changed: {cells}"
        case .formCheckRowChangedUnnamed: return "{place} was changed (which columns cannot be told)"
        case .formCheckChangedCell: return "{heading} is now “{value}”"
        case .formCheckChangedCellEmpty: return "{heading} is now empty"
        case .formCheckCellSeparator: return "; "
        case .formCheckRowRemoved: return "No. {seq} (row {row} as written) was removed"
        case .formCheckRowAdded: return "{place} was added: rxbind did not write it (ID {id}, name {name})"
        case .formCheckInvalidID: return "{cell}, {place}: ID {id} is invalid ({reason})"
        case .formCheckIDStoredAsNumber: return "{cell}, {place}: the ID is stored as a number, so its digits are not to be trusted; set the column to text and enter the number again"
        case .formCheckDuplicate: return "{place}: ID {id} with certificate {certificate} appears more than once ({places})"
        case .formCheckFilePlace: return "{file} row {row}"
        case .formCheckPlaceSeparator: return ", "
        case .formCheckRosterNoCertificate: return "{place}: ID {id}, certificate {certificate}: the roster holds no certificate under this ID"
        case .formCheckRosterOtherNumbers: return "{place}: ID {id}, certificate {certificate}: the roster holds this ID with other certificate numbers"
        case .formCheckRosterOtherName: return "{place}: ID {id}, certificate {certificate}: the roster holds this certificate under another name"
        case .formCheckRosterRevoked: return "{place}: ID {id}, certificate {certificate}: the roster says this certificate is revoked"
        case .formCheckFooterEmpty: return "the footer field {label} is empty"
        case .formCheckReordered: return "the rows were re-ordered after rxbind wrote the file ({count} not where they were written), but every row is intact: the data is unchanged"
        case .formCheckFactsFromDigestSheet: return "the file's custom properties (rxbind-batch, rxbind-fingerprint …) are gone — a program dropped them when it re-saved the file; batch, part and fingerprint were read from the form's hidden sheet {sheet}"
        case .formCheckBatchHeading: return "batch {batch}:"
        case .formCheckPartGivenTwice: return "{part} was given more than once ({files}): import one copy only"
        case .formCheckMissingParts: return "the batch is split into parts and {parts} was not given ({files} given)"
        case .formCheckSummaryPassed: return "{count} file(s) checked: all pass"
        case .formCheckSummaryFailed: return "{count} file(s) checked: {failed} FAILED"

        // MARK: id check

        // MARK: input errors

        // MARK: help
        }
    }
}
