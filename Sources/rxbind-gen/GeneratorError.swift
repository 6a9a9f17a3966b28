import Foundation

/// Everything that can stop `rxbind-gen`, in sentences that say what to do next.
///
/// Messages name options and paths, never generated values: the generator's IDs look like citizens' ID numbers and
/// get treated as such.
enum GeneratorError: LocalizedError {
    /// The command line does not say what to generate; the text says what is wrong.
    case usage(String)
    /// A folder or file could not be created or written.
    case cannotWrite(path: String, reason: String)
    /// A night folder already holds files: the generator never overwrites or mixes nights.
    case folderNotEmpty(path: String)
    /// The text encoder failed (iconv), which means a character in the generator's own pools has no encoding.
    case encoding(what: String, reason: String)

    var errorDescription: String? {
        switch self {
        case .usage(let text):
            return "\(text) Run `rxbind-gen --help` for the options."
        case .cannotWrite(let path, let reason):
            let sentence = reason.hasSuffix(".") ? String(reason.dropLast()) : reason
            return "Cannot write \(path): \(sentence). Check that the folder is writable and the disk has room, then run again."
        case .folderNotEmpty(let path):
            return "\(path) is not empty. Remove it (the generator never overwrites a night) or choose another --out."
        case .encoding(let what, let reason):
            return "Cannot encode \(what): \(reason). This is a bug in rxbind-gen's name pools; please report it."
        }
    }

    /// The process exit status: 64 for usage (as `rxbind`), 73 when outputs cannot be written, 1 otherwise.
    var exitStatus: Int32 {
        switch self {
        case .usage: return 64
        case .cannotWrite, .folderNotEmpty: return 73
        case .encoding: return 1
        }
    }
}

/// The one place a C return code is looked at: `failure` is the value the C function documents as its error
/// return; any other value passes through.
@discardableResult
func check(_ code: Int, failure: Int = -1, _ doing: @autoclosure () -> String) throws -> Int {
    if code == failure {
        let reason = String(cString: strerror(errno))
        throw GeneratorError.encoding(what: doing(), reason: reason)
    }
    return code
}
