import Foundation
import ArgumentParser
import RxBind
import Store

/// Prints an error's message and returns the exit status SPEC §8 gives it.
func report(_ error: Error) -> ExitCode {
    let message = (error as? LocalizedError)?.errorDescription ?? String(describing: error)
    let code = status(for: error)
    if code == Status.cannotWrite && error is StoreError {
        printError("cannot write the workspace's case store (rxbind.sqlite): " + message)
    } else {
        printError(message)
    }
    return code
}

func status(for error: Error) -> ExitCode {
    switch error {
    case let e as InputError:
        // A missing GB18030 converter is the machine's fault, not the file's.
        if case .converterUnavailable = e { return Status.failure }
        return Status.dataError
    case is InputProblem, is TemplateProblem, is ProvinceChoice.Undetermined: return Status.dataError
    case is RunRefused, is ProvinceChoice.Conflict, is NotAWorkspace, is UnknownRun: return Status.usage
    case is ArchiveDamaged, is ArchiveIncomplete, is CaseStateDump.Damaged: return Status.dataError
    case is OutputProblem: return Status.cannotWrite
    case is WorkspaceBusy: return Status.busy
    // SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN: the disk or folder refused.
    case let e as StoreError where [3, 8, 10, 13, 14].contains(e.resultCode ?? 0) || e.kind == .fileSystem:
        return Status.cannotWrite
    case let e as ExitCode: return e
    default: return Status.failure
    }
}
