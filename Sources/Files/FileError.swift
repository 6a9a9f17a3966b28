#if canImport(Glibc)
internal import Glibc
#endif

/// Why a file operation failed: the path, what was being done, and the system's `errno`.
///
/// The one error vocabulary of file reading and writing in the project: the domain tells people what it means
/// (an input that cannot be read, an output that cannot be written) and what to do. No case carries file content.
public struct FileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was being done.
    public enum Operation: Sendable, Equatable {
        case opening, reading
        case creatingFile, creatingFolder, settingPermissions, writing, syncing, closing, openingFolder
        case syncingFolder, renaming(from: String), removing, locking, makingReadOnly
        /// A file stands where a folder is needed.
        case expectingFolder

        /// Reading a file that is there: a failure means the input cannot be used, not that the disk is full.
        public var isReading: Bool { self == .opening || self == .reading }
    }

    /// The file or folder involved.
    public let path: String
    public let operation: Operation
    /// The system's `errno`, 0 when the failure has none (a file where a folder must be).
    public let code: Int32

    public init(path: String, operation: Operation, code: Int32) {
        self.path = path
        self.operation = operation
        self.code = code
    }

    /// The C library's text for `code` (English: the project never changes the C locale).
    public var systemMessage: String {
        // > The strerror() function returns a pointer to a string that describes the error code
        code == 0 ? "" : String(cString: strerror(code))
    }

    public var description: String { "\(path): \(operation) failed: \(systemMessage)" }
}

/// The one place the file layer looks at a C return code: `-1` and `errno`.
func fileCheck(_ result: Int, _ path: String, _ operation: FileError.Operation) throws(FileError) -> Int {
    if result == -1 { throw FileError(path: path, operation: operation, code: errno) }
    return result
}
