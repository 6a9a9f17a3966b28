import DelimitedText
import Files
import Foundation
import SpreadsheetReader
import Spreadsheet
import Store

/// Every error the domain throws — one type, as GRDB's `DatabaseError` and swift-crypto's `CryptoKitError` — with the
/// category the command maps to an exit status (SPEC §8), and a message from the catalog of the process's language
/// (SPEC §12) that names the file, line, column or header involved and says what to do. No message carries a row's
/// values: rows hold citizens' ID numbers, and messages end up in logs.
///
/// Errors of the general modules (`Store`, `Spreadsheet`, `SpreadsheetReader`, the delimited-text reader) are
/// wrapped where the domain meets them, so the command never needs to know those modules.
public enum RxBindError: Error, LocalizedError, Sendable {
    /// What the command does with an error: its exit status.
    public enum Category: Sendable, Equatable {
        /// 64: the command line is wrong.
        case usage
        /// 65: an input (or the archive an audit reads) is not usable as it is.
        case badInput
        /// 73: an output could not be written.
        case cannotWrite
        /// 75: another run holds the workspace.
        case busy
        /// 1: anything else (the machine, or a bug).
        case failure
    }

    // MARK: bad input data (65)

    /// Required columns are missing.
    case missingColumns(file: String, role: InputRole, missing: [FieldSpec], found: [String])
    /// A file given in one role has another role's own columns (`evidence`) and none of its own (SPEC §11).
    case wrongRole(file: String, given: InputRole, looksLike: InputRole, evidence: [String], found: [String])
    /// The roster was given as `--registry` and the registry as `--certificates`.
    case swappedReferences(certificates: String, registry: String)
    /// The same file (the same bytes) was given twice in one run.
    case sameFileTwice(first: String, firstRole: InputRole, second: String, secondRole: InputRole)
    /// A failure export whose bytes an earlier run of the workspace already read (SPEC §11).
    case reusedExport(file: String, runID: String, asOf: String)
    /// An input cannot be read as delimited text (the reader's own error, with file, line and byte offset).
    case unreadableInput(InputError)
    /// An input changed while rxbind was reading it.
    case inputChanged(file: String)
    /// A roster or registry with more than 4 GiB of text fields.
    case referenceTooLarge(file: String)
    /// A template is missing or broken; `field` and `line` say where.
    case template(file: String, field: String?, line: Int?, fault: TemplateFault)
    /// The templates folder does not exist.
    case templatesFolderMissing(String)
    /// The run has form rows and no province can be determined.
    case provinceUndetermined(mentions: [ProvinceMention])
    /// An archived file no longer hashes to its name.
    case archiveDamaged(name: String, sha256: String)
    /// A file the archive should hold is missing.
    case archiveIncomplete(name: String, path: String)
    /// An archived case-state dump cannot be read back at `line`.
    case caseStateDamaged(line: Int)
    /// The case store holds something rxbind did not write: a row of `table` is malformed.
    case storeDamaged(table: String)
    /// A run's manifest cannot be read.
    case manifestUnreadable(path: String)
    /// Archived files `audit rerun` needs are missing or damaged (SPEC §13): said before anything is re-run.
    case archiveUnusable(runID: String, problems: [ArchiveProblem])

    // MARK: usage (64)

    /// `--force` on a run that is not the latest.
    case forceNotLatest(runID: String, latest: String)
    /// An as-of date earlier than the workspace's latest run.
    case earlierThanLatest(asOf: String, latest: String, latestAsOf: String)
    /// `--province` names another province than the workspace remembers.
    case provinceConflict(given: Province, remembered: Province)
    /// A command that reads a workspace was given a folder that is not one.
    case notAWorkspace(path: String)
    /// A run id the workspace does not hold.
    case unknownRun(runID: String, known: [String])
    /// `audit rerun --keep` on a folder that is not empty, or inside the workspace's records.
    case keepFolderRefused(folder: String, insideWorkspace: Bool)
    /// `rxbind revert` of a run that is not the latest.
    case revertNotLatest(runID: String, later: [String])
    /// `rxbind revert` of a run reverted already.
    case alreadyReverted(runID: String, at: String, folder: String)
    /// `--encoding` names an encoding rxbind does not know.
    case unknownEncoding(String)
    /// `rxbind revert` of a run after which staff recorded actions.
    case revertAfterActions(runID: String, count: Int)
    /// `rxbind cases note|close` on a case the workspace does not hold (the ID masked).
    case unknownCase(id: String)
    /// `rxbind cases note|close` on a case whose status does not allow it.
    case staffActionRefused(id: String, action: CaseRecord.StaffNote.Kind, status: CaseRecord.Status)
    /// An empty note or `--why`.
    case staffTextEmpty(action: CaseRecord.StaffNote.Kind)

    // MARK: cannot write outputs (73)

    /// A file could not be read (an input or an archived file: bad data, 65) or written (73).
    case file(FileError)
    /// A workbook could not be written, or is not what was written (SPEC §6: read back after closing).
    case workbookNotWritten(folder: String, SpreadsheetError)
    /// The case store could not be written (a full disk, an unwritable folder).
    case caseStoreNotWritten(StoreError)

    // MARK: busy (75)

    /// Another run holds the workspace; `holder` is what it wrote into the lock file.
    case workspaceBusy(workspace: String, holder: String)

    // MARK: anything else (1)

    /// The case store failed in a way that is not the disk's (a bug, or a store from a newer rxbind).
    case caseStore(StoreError)
    /// The system's GB18030 converter cannot be opened.
    case converterUnavailable(reason: String)

    /// A value and the rows that name it, for ``provinceUndetermined(mentions:)``: "江西" at failures-a.csv line 7.
    public struct ProvinceMention: Sendable, Equatable {
        public let value: String
        public let places: [String]
        public let total: Int
    }

    /// What went wrong with a template.
    public enum TemplateFault: Sendable, Equatable {
        case missingFile
        case notUTF8
        case notYAML(String)
        case notAMappingOfFields
        case missing
        case mustBeMapping
        case mustBeText
        case mustBeNumber(from: Int, to: Int)
        case unknownField(known: [String])
        case archivedBundleUnreadable
        case columnsMustBeList(count: Int)
        case columnMustBeMapping
        case unknownColumnField(value: String, known: [String])
        case columnOutOfOrder(value: String, expected: String?, count: Int)
        case columnCount(found: Int, expected: [String])
        case footerMustBeList
        case footerLineMustBeMapping
    }

    public var category: Category {
        switch self {
        case .missingColumns, .wrongRole, .swappedReferences, .sameFileTwice, .reusedExport, .unreadableInput,
             .inputChanged, .referenceTooLarge, .template, .templatesFolderMissing, .provinceUndetermined,
             .archiveDamaged, .archiveIncomplete, .caseStateDamaged, .storeDamaged, .manifestUnreadable,
             .archiveUnusable:
            return .badInput
        case .forceNotLatest, .earlierThanLatest, .provinceConflict, .notAWorkspace, .unknownRun, .revertNotLatest,
             .alreadyReverted, .unknownEncoding, .revertAfterActions, .unknownCase, .staffActionRefused, .staffTextEmpty,
             .keepFolderRefused:
            return .usage
        case .file(let e):
            return e.operation.isReading ? .badInput : .cannotWrite
        case .workbookNotWritten, .caseStoreNotWritten:
            return .cannotWrite
        case .workspaceBusy:
            return .busy
        case .caseStore, .converterUnavailable:
            return .failure
        }
    }

    /// Wraps an error of the case store: the disk's and the folder's refusals are "cannot write" (73).
    static func store(_ error: StoreError) -> RxBindError {
        error.isFileSystemRefusal ? .caseStoreNotWritten(error) : .caseStore(error)
    }

    /// Wraps an error of the delimited-text reader: a machine without GB18030 converter is not the file's fault, and
    /// an unknown `--encoding` is the command line's.
    static func reading(_ error: InputError) -> RxBindError {
        switch error {
        case .converterUnavailable(let reason): return .converterUnavailable(reason: reason)
        case .unknownEncodingName(let name): return .unknownEncoding(name)
        default: return .unreadableInput(error)
        }
    }

    /// Runs a public entry point of the domain, turning the general modules' errors into the domain's.
    static func guarding<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as FileError {
            throw RxBindError.file(e)
        } catch let e as InputError {
            throw reading(e)
        } catch let e as StoreError {
            throw store(e)
        }
    }

    public var errorDescription: String? {
        switch self {
        case let .missingColumns(file, role, missing, found):
            let names = missing.map { "\($0.key) (\(localizedList($0.aliases)))" }.joined(separator: localized(.listSeparator))
            return localized(.inputMissingColumns, ["file": file, "role": role.label, "columns": names,
                                                     "found": Self.list(found)])
        case let .wrongRole(file, given, looksLike, evidence, found):
            return localized(.inputWrongRole, [
                "file": file, "given": given.label, "looks": looksLike.label,
                "own": localizedList(evidence.map { "\"\($0)\"" }),
                "missing": localizedList(given.ownColumnNames),
                "option": looksLike.option, "found": Self.list(found)])
        case let .swappedReferences(certificates, registry):
            return localized(.inputSwappedReferences, ["certificates": certificates, "registry": registry])
        case let .sameFileTwice(first, firstRole, second, secondRole):
            return localized(.inputSameFileTwice, ["first": first, "firstRole": firstRole.label, "second": second,
                                                    "secondRole": secondRole.label])
        case let .reusedExport(file, runID, asOf):
            return localized(.inputReusedExport, ["file": file, "run": runID, "date": asOf])
        case .unreadableInput(let e):
            return InputErrorText.describe(e)
        case .inputChanged(let file):
            return localized(.inputChanged, ["file": file])
        case .referenceTooLarge(let file):
            return localized(.referenceTooLarge, ["file": file])
        case let .template(file, field, line, fault):
            let place = localized(.templatePlace, ["file": file])
                + (line.map { localized(.templateLine, ["line": $0]) } ?? "")
                + (field.map { localized(.templateField, ["field": $0]) } ?? "")
            return localized(.templateBroken, ["place": place, "fault": Self.text(fault)])
        case .templatesFolderMissing(let folder):
            return localized(.templatesFolderMissing, ["folder": folder])
        case .provinceUndetermined(let mentions):
            let found = mentions.isEmpty ? localized(.provinceNoMentions) : mentions.map { m in
                let more = m.total > m.places.count
                    ? localized(.provinceMoreRows, ["count": m.total - m.places.count]) : ""
                let known = Province(named: m.value) == nil ? localized(.provinceNotADivision) : ""
                return localized(.provinceMention, ["value": m.value, "known": known,
                                                     "places": localizedList(m.places), "more": more])
            }.joined(separator: localized(.listSeparator))
            return localized(.provinceUndetermined, ["found": found])
        case let .archiveDamaged(name, sha256):
            return localized(.archiveDamaged, ["name": name, "sha": sha256])
        case let .archiveIncomplete(name, path):
            return localized(.archiveIncomplete, ["name": name, "path": path])
        case .caseStateDamaged(let line):
            return localized(.caseStateDamaged, ["line": line])
        case .storeDamaged(let table):
            return localized(.storeDamaged, ["table": table])
        case .manifestUnreadable(let path):
            return localized(.manifestUnreadable, ["path": path])
        case let .archiveUnusable(runID, problems):
            return ArchiveProblem.message(runID: runID, problems: problems)
        case let .forceNotLatest(runID, latest):
            return localized(.runForceNotLatest, ["run": runID, "latest": latest])
        case let .earlierThanLatest(asOf, latest, latestAsOf):
            return localized(.runEarlierThanLatest, ["date": asOf, "run": latest, "latestDate": latestAsOf])
        case let .provinceConflict(given, remembered):
            return localized(.provinceConflict, ["given": given.name, "remembered": remembered.name])
        case .notAWorkspace(let path):
            return localized(.notAWorkspace, ["path": path])
        case let .keepFolderRefused(folder, inside):
            return localized(inside ? .auditKeepInsideWorkspace : .auditKeepNotEmpty, ["folder": folder])
        case let .unknownRun(runID, known):
            return known.isEmpty ? localized(.unknownRunNoRuns, ["run": runID])
                : localized(.unknownRun, ["run": runID, "known": localizedList(known.suffix(10))])
        case let .revertNotLatest(runID, later):
            return localized(.revertNotLatest, ["run": runID, "later": localizedList(later),
                                                 "latest": later.last ?? ""])
        case let .alreadyReverted(runID, at, folder):
            return localized(.revertAlreadyReverted, ["run": runID, "at": at, "folder": folder])
        case let .revertAfterActions(runID, count):
            return localized(.revertAfterActions, ["run": runID, "count": count])
        case .unknownCase(let id):
            return localized(.unknownCase, ["id": id])
        case let .staffActionRefused(id, action, status):
            return localized(action == .close ? .closeRefused : .noteRefused, ["id": id, "status": Self.text(status)])
        case .staffTextEmpty(let action):
            return localized(action == .close ? .closeWhyEmpty : .noteEmpty)
        case .unknownEncoding(let name):
            return localized(.runUnknownEncoding, ["name": name,
                                                   "names": localizedList(EncodingOverride.acceptedNames)])
        case .file(let e) where e.operation == .expectingFolder:
            return localized(.fileWhereFolderMustBe, ["path": e.path])
        case .file(let e) where e.operation.isReading:
            return localized(.inputCannotRead, ["file": e.path, "reason": SystemErrorText.describe(e.code)])
        case .file(let e):
            return localized(.cannotWrite, ["path": e.path, "step": Self.text(e.operation),
                                            "reason": SystemErrorText.describe(e.code)])
        case let .workbookNotWritten(folder, error):
            return localized(.workbookNotWritten, ["folder": folder, "detail": error.localizedDescription])
        case .caseStoreNotWritten(let error):
            return localized(.caseStoreNotWritten, ["detail": Self.brief(error)])
        case let .workspaceBusy(workspace, holder):
            return localized(.workspaceBusy, ["workspace": workspace, "holder": holder])
        case .caseStore(let error):
            return localized(.caseStoreFailed, ["detail": Self.brief(error)])
        case .converterUnavailable(let reason):
            return localized(.converterUnavailable, ["reason": reason])
        }
    }

    /// SQLite's own words and codes, without the Store module's English advice (the catalog's sentence gives it).
    static func brief(_ e: StoreError) -> String {
        var text = e.message ?? e.operation
        if let code = e.resultCode, let extended = e.extendedResultCode { text += " (SQLite \(code)/\(extended))" }
        return text
    }

    static func list(_ headers: [String]) -> String {
        headers.isEmpty ? localized(.noneFound) : localizedList(headers.map { "\"\($0)\"" })
    }

    static func text(_ fault: TemplateFault) -> String {
        switch fault {
        case .missingFile: return localized(.templateMissingFile)
        case .notUTF8: return localized(.templateNotUTF8)
        case .notYAML(let detail): return localized(.templateNotYAML, ["detail": detail])
        case .notAMappingOfFields: return localized(.templateNotMapping)
        case .missing: return localized(.templateFieldMissing)
        case .mustBeMapping: return localized(.templateMustBeMapping)
        case .mustBeText: return localized(.templateMustBeText)
        case let .mustBeNumber(from, to): return localized(.templateMustBeNumber, ["from": from, "to": to])
        case .unknownField(let known): return localized(.templateUnknownField, ["known": localizedList(known)])
        case .archivedBundleUnreadable: return localized(.templateBundleUnreadable)
        case .columnsMustBeList(let count): return localized(.templateColumnsMustBeList, ["count": count])
        case .columnMustBeMapping: return localized(.templateColumnMustBeMapping)
        case let .unknownColumnField(value, known):
            return localized(.templateUnknownColumnField, ["value": value, "known": localizedList(known)])
        case let .columnOutOfOrder(value, expected, count):
            return expected.map { localized(.templateColumnOutOfOrder, ["value": value, "expected": $0]) }
                ?? localized(.templateColumnTooMany, ["value": value, "count": count])
        case let .columnCount(found, expected):
            return localized(.templateColumnCount, ["found": found, "count": expected.count,
                                                     "fields": localizedList(expected)])
        case .footerMustBeList: return localized(.templateFooterMustBeList)
        case .footerLineMustBeMapping: return localized(.templateFooterLineMustBeMapping)
        }
    }

    public static func text(_ status: CaseRecord.Status) -> String {
        switch status {
        case .open: return localized(.statusOpen)
        case .resolved: return localized(.statusResolved)
        case .closed: return localized(.statusClosed)
        case .dormant: return localized(.statusDormant)
        }
    }

    static func text(_ step: FileError.Operation) -> String {
        switch step {
        case .opening, .reading: return localized(.stepReading)
        case .expectingFolder: return localized(.stepCreatingFolder)
        case .creatingFile: return localized(.stepCreatingFile)
        case .creatingFolder: return localized(.stepCreatingFolder)
        case .settingPermissions: return localized(.stepSettingPermissions)
        case .writing: return localized(.stepWriting)
        case .syncing: return localized(.stepSyncing)
        case .closing: return localized(.stepClosing)
        case .openingFolder: return localized(.stepOpeningFolder)
        case .syncingFolder: return localized(.stepSyncingFolder)
        case .renaming(let from): return localized(.stepRenaming, ["from": from])
        case .removing: return localized(.stepRemoving)
        case .locking: return localized(.stepLocking)
        case .makingReadOnly: return localized(.stepMakingReadOnly)
        }
    }
}

/// The system's reason for an `errno`, in the process's language for the common ones (a full disk, a missing file,
/// no permission …) and as the C library says it otherwise.
enum SystemErrorText {
    static func describe(_ code: Int32) -> String {
        let key: MessageKey?
        switch code {
        case ENOENT: key = .errnoNoEntry
        case EACCES, EPERM: key = .errnoNoPermission
        case ENOSPC: key = .errnoNoSpace
        case EFBIG: key = .errnoFileTooBig
        case EDQUOT: key = .errnoQuota
        case EROFS: key = .errnoReadOnly
        case EISDIR: key = .errnoIsFolder
        case ENOTDIR: key = .errnoNotFolder
        case EIO: key = .errnoIO
        default: key = nil
        }
        let system = String(cString: strerror(code))
        return key.map { localized($0, ["system": system]) } ?? system
    }
}
