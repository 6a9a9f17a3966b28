/// Every message rxbind prints for people, by area. Add a key here and its text in both catalogs
/// (`Catalog+Chinese.swift`, `Catalog+English.swift`), under the same area.
public enum MessageKey: String, Sendable, CaseIterable {
    // MARK: general
    case errorPrefix
    case fileLine
    case noneFound
    case roleFailures
    case roleCertificates
    case roleRegistry
    case roleFailuresOption

    // MARK: run
    case runForceNotLatest
    case runEarlierThanLatest
    case runUnknownEncoding
    case runExists
    case runHeading
    case runNoProvince
    case runCases
    case runCarriedResolved
    case runRequests
    case runOutputs
    case runManifestSHA
    case noticeNewWorkspace
    case noticeRepeatedExport
    case noticeUnverifiableRun
    case noticeRepeatedAttempts
    case noticeMangledIDs
    case noticeOtherProvince
    case noticeReferenceWarnings
    case progressRows
    case progressReading

    // MARK: workspace, revert
    case revertAlreadyReverted
    case revertNotLatest
    case revertDone
    case revertNextChains
    case revertNoRunLeft
    case revertWhyEmpty

    // MARK: cases

    // MARK: audit
    case auditRevertedSubject
    case auditRevertedDetail
    case auditRevertRecordMatches
    case auditRevertRecordDiffers
    case auditNotIn
    case archiveIncomplete

    // MARK: form check

    // MARK: id check

    // MARK: input errors
    case inputMissingColumns
    case inputWrongRole
    case inputSwappedReferences
    case inputSameFileTwice
    case inputReusedExport
    case inputNoHeader

    // MARK: help
    case helpRevertAbstract
    case helpRevertDiscussion
    case helpWorkspace
    case helpRevertRunID
    case helpRevertWhy
    case helpAllowRepeat
}
