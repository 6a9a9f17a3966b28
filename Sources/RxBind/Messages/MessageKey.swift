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
    case listSeparator
    case errnoNoEntry
    case errnoNoPermission
    case errnoNoSpace
    case errnoFileTooBig
    case errnoQuota
    case errnoReadOnly
    case errnoIsFolder
    case errnoNotFolder
    case errnoIO
    case stepCreatingFile
    case stepCreatingFolder
    case stepSettingPermissions
    case stepWriting
    case stepSyncing
    case stepClosing
    case stepOpeningFolder
    case stepSyncingFolder
    case stepRenaming
    case stepRemoving
    case stepOpeningLockFile
    case stepLocking
    case stepMakingReadOnly
    case cannotWrite
    case fileWhereFolderMustBe
    case workbookNotWritten
    case caseStoreNotWritten
    case caseStoreFailed
    case storeDamaged
    case caseStateDamaged
    case converterUnavailable

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
    case provinceConflict
    case provinceUndetermined
    case provinceNoMentions
    case provinceMention
    case provinceMoreRows
    case provinceNotADivision
    case runNoFailures
    case runNegativeResend
    case runNoTemplatesFolder
    case runNoDefaultTemplates

    // MARK: workspace, revert
    case revertAlreadyReverted
    case revertNotLatest
    case revertDone
    case revertNextChains
    case revertNoRunLeft
    case revertWhyEmpty
    case notAWorkspace
    case workspaceBusy
    case unknownRun
    case unknownRunNoRuns
    case holderUnknown

    // MARK: cases
    case casesColumnID
    case casesColumnName
    case casesColumnStatus
    case casesColumnClass
    case casesColumnReason
    case casesColumnFlags
    case casesColumnFirstSeen
    case casesColumnLastSeen
    case casesColumnAttempts
    case casesColumnRequested
    case casesCount

    // MARK: audit
    case auditRevertedSubject
    case auditRevertedDetail
    case auditRevertRecordMatches
    case auditRevertRecordDiffers
    case auditNotIn
    case archiveIncomplete
    case archiveDamaged
    case archivedPriorState
    case archivedTemplates
    case manifestUnreadable

    // MARK: form check

    // MARK: id check

    // MARK: input errors
    case inputMissingColumns
    case inputWrongRole
    case inputSwappedReferences
    case inputSameFileTwice
    case inputReusedExport
    case inputNoHeader
    case inputCannotRead
    case inputChanged
    case templatesFolderMissing
    case templatePlace
    case templateLine
    case templateField
    case templateBroken
    case templateMissingFile
    case templateNotUTF8
    case templateNotYAML
    case templateNotMapping
    case templateFieldMissing
    case templateMustBeMapping
    case templateMustBeText
    case templateMustBeNumber
    case templateUnknownField
    case templateBundleUnreadable
    case templateColumnsMustBeList
    case templateColumnMustBeMapping
    case templateUnknownColumnField
    case templateColumnOutOfOrder
    case templateColumnTooMany
    case templateColumnCount
    case templateFooterMustBeList
    case templateFooterLineMustBeMapping
    case readerCannotOpen
    case readerCannotRead
    case readerMissingBOM
    case readerBOMConflict
    case readerNulCharacter
    case readerZipArchive
    case readerInvalidBytes
    case readerIncompleteCharacter
    case readerUnpairedSurrogate
    case readerUnterminatedQuote
    case readerFieldTooLong
    case readerTooManyFields

    // MARK: help
    case helpRevertAbstract
    case helpRevertDiscussion
    case helpWorkspace
    case helpRevertRunID
    case helpRevertWhy
    case helpAllowRepeat
    case helpRootAbstract
    case helpRootDiscussion
    case helpAsOf
    case helpRunAbstract
    case helpRunDiscussion
    case helpRunWorkspace
    case helpRunCertificates
    case helpRunRegistry
    case helpRunProvince
    case helpRunResendAfter
    case helpRunTemplates
    case helpRunEncoding
    case helpRunForce
    case helpRunFailures
    case helpCasesAbstract
    case helpCasesDiscussion
    case helpCasesStatus
    case helpCasesClass
    case helpCasesID
    case helpCasesFormat
    case helpIDAbstract
    case helpIDCheckAbstract
    case helpIDCheckDiscussion
    case helpIDCheckNumbers
    case libraryOverview
    case libraryUsageHeading
    case libraryArguments
    case libraryOptions
    case librarySubcommands
    case libraryShowHelp
    case libraryShowVersion
    case libraryValuesDefault
    case libraryValues
    case libraryDefault
    case libraryDetailedHelp
    case libraryErrorPrefix
    case libraryUsage
    case libraryMoreInformation
    case libraryMissingArgument
    case libraryUnknownOptionSuggestion
    case libraryUnknownOption
    case libraryMissingValue
    case libraryUnexpectedArgument
    case libraryInvalidValue
    case libraryHelpLabel
    case libraryProvideOneOf
    case libraryProvideOneOfList
}
