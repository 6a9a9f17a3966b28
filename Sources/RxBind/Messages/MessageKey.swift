/// Every message rxbind prints for people, by area. Add a key here and its text in both catalogs
/// (`Catalog+Chinese.swift`, `Catalog+English.swift`), under the same area.
public enum MessageKey: String, Sendable, CaseIterable {
    // MARK: general
    case errorPrefix
    case fileLine

    // MARK: run

    // MARK: workspace, revert

    // MARK: cases

    // MARK: audit

    // MARK: form check
    case formCheckHeading
    case formCheckFactSeparator
    case formCheckBatch
    case formCheckPart
    case formCheckPartAsWritten
    case formCheckRowCount
    case formCheckFingerprintMatches
    case formCheckFingerprintReordered
    case formCheckFingerprintMismatch
    case formCheckFingerprintMissing
    case formCheckPassed
    case formCheckFailed
    case formCheckError
    case formCheckWarning
    case formCheckNote
    case formCheckMoreErrors
    case formCheckUnreadable
    case formCheckNoHeaderRow
    case formCheckFingerprintMissingDetail
    case formCheckMismatchLocated
    case formCheckMismatchNotLocated
    case formCheckMismatchNoDigests
    case formCheckRowPlace
    case formCheckRowChanged
    case formCheckRowChangedUnnamed
    case formCheckChangedCell
    case formCheckChangedCellEmpty
    case formCheckCellSeparator
    case formCheckRowRemoved
    case formCheckRowAdded
    case formCheckInvalidID
    case formCheckIDStoredAsNumber
    case formCheckDuplicate
    case formCheckFilePlace
    case formCheckPlaceSeparator
    case formCheckRosterNoCertificate
    case formCheckRosterOtherNumbers
    case formCheckRosterOtherName
    case formCheckRosterRevoked
    case formCheckFooterEmpty
    case formCheckReordered
    case formCheckFactsFromDigestSheet
    case formCheckBatchHeading
    case formCheckPartGivenTwice
    case formCheckMissingParts
    case formCheckSummaryPassed
    case formCheckSummaryFailed

    // MARK: id check

    // MARK: input errors

    // MARK: help
}
