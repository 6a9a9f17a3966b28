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
    case auditNotIn
    case archiveIncomplete
    case auditOutcomeOK
    case auditOutcomeMismatch
    case auditOutcomeMissing
    case auditOutcomeUnreadable
    case auditOutcomeNote
    case auditSubjectInput
    case auditSubjectTemplates
    case auditSubjectPriorState
    case auditRoleFailures
    case auditRoleCertificates
    case auditRoleRegistry
    case auditAsCommitted
    case auditManifestNotCommitted
    case auditManifestUnreadable
    case auditFileUnreadable
    case auditNotFound
    case auditShaMatches
    case auditShaDiffers
    case auditExtraFile
    case auditPriorStateNotCommitted
    case auditLinkSubject
    case auditLinkFirstSubject
    case auditLinkFromSubject
    case auditLinkFirstOK
    case auditLinkFirstNamesPrevious
    case auditLinkOK
    case auditLinkNotCommitted
    case auditLinkPreviousMissing
    case auditLinkPreviousChanged
    case auditLinkFromMissing
    case auditLinkFromBroken
    case auditLinkFromOK
    case auditRevertRecordMissing
    case auditRevertRecordUnreadable
    case auditRevertRecordFields
    case auditStrayRun
    case auditStrayReverted
    case auditVerifyPassed
    case auditVerifyFailed
    case auditAllHeading
    case auditAllRunOK
    case auditAllRunFailed
    case auditAllReverted
    case auditAllStrays
    case auditAllPassed
    case auditAllFailed
    case auditVersionNote
    case auditIdentical
    case auditRerunOnlyInRerun
    case auditRerunOnlyInRun
    case auditFirstDifferenceCell
    case auditFirstDifferenceSheets
    case auditFirstDifferencePart
    case auditFirstDifferenceContainer
    case auditFirstDifferenceColumn
    case auditFirstDifferenceLine
    case auditValueEmpty
    case auditValueAbsent
    case auditQuoted
    case auditRunCopyUnreadable
    case auditRerunCopyUnreadable
    case auditRerunPassed
    case auditRerunFailed
    case auditKeptIn
    case auditArchiveUnusable
    case auditArchiveItemMissing
    case auditArchiveItemDamaged
    case auditArchiveItemUnreadable
    case auditArchiveAdvice
    case auditManifestUnusable
    case auditKeepNotEmpty
    case auditKeepInsideWorkspace
    case auditVerifyTargetBoth
    case auditVerifyTargetNone
    case auditUnknownRunNone
    case auditUnknownRun
    case runsHeaderRun
    case runsHeaderAsOf
    case runsHeaderStatus
    case runsHeaderCases
    case runsHeaderInvalid
    case runsHeaderPortal
    case runsHeaderIdentity
    case runsHeaderLegacy
    case runsHeaderNoQualification
    case runsHeaderMissingRecord
    case runsHeaderFormRows
    case runsHeaderInputs
    case runsStatusCommitted
    case runsStatusReverted
    case runsInput
    case runsRevertedNote
    case runsManifestProblem
    case runsTotal
    case runsNone

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
    case helpAuditAbstract
    case helpAuditVerifyAbstract
    case helpAuditVerifyDiscussion
    case helpAuditRerunAbstract
    case helpAuditRerunDiscussion
    case helpAuditRunID
    case helpAuditAll
    case helpAuditKeep
    case helpRunsAbstract
    case helpRunsDiscussion
    case helpRunsFormat
}
