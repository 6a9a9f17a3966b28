import ArgumentParser
import Foundation
import RxBind

/// Prints an error's message and returns the exit status SPEC §8 gives its category. The domain throws one error
/// type, ``RxBindError``; anything else reaching here is a bug (status 1), still said in a sentence.
func report(_ error: Error) -> ExitCode {
    if let code = error as? ExitCode { return code }
    printError((error as? LocalizedError)?.errorDescription ?? String(describing: error))
    return status(for: error)
}

func status(for error: Error) -> ExitCode {
    guard let e = error as? RxBindError else { return Status.failure }
    switch e.category {
    case .usage: return Status.usage
    case .badInput: return Status.dataError
    case .cannotWrite: return Status.cannotWrite
    case .busy: return Status.busy
    case .failure: return Status.failure
    }
}
