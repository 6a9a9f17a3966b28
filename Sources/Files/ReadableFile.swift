#if canImport(Glibc)
internal import Glibc
#endif

/// A file opened for reading, closed when the value goes away: the project's one file reader (the delimited-text
/// reader, hashing and archiving all read through it).
///
/// Foundation's `FileHandle` would return each chunk as a fresh `Data`; reading with `read(2)` into the caller's
/// own buffer keeps the steady state free of allocations.
public struct ReadableFile: ~Copyable {
    /// The path as the caller gave it, for messages.
    public let path: String
    private let descriptor: Int32

    /// Opens `path` for reading.
    public init(path: String) throws(FileError) {
        self.path = path
        // > open() returns a file descriptor … On error, -1 is returned, and errno is set to indicate the error.
        descriptor = Int32(try fileCheck(Int(open(path, O_RDONLY | O_CLOEXEC)), path, .opening))
    }

    /// Reads up to `count` bytes into `buffer`; returns how many, 0 at the end of the file.
    public func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(FileError) -> Int {
        while true {
            // > On success, the number of bytes read is returned (zero indicates end of file) … On error, -1 is
            // > returned, and errno is set to indicate the error.
            let n = Glibc.read(descriptor, buffer, count)
            // > EINTR The call was interrupted by a signal before any data was read.
            if n == -1 && errno == EINTR { continue }
            return try fileCheck(n, path, .reading)
        }
    }

    deinit {
        // > close() returns zero on success. On error, -1 is returned … Retrying the close() after a failure
        // > return is the wrong thing to do, since this may cause a reused file descriptor from another thread to
        // > be closed. This can occur because the Linux kernel always releases the file descriptor early in the
        // > close operation.
        // The file was only read, so EIO or EINTR here lose nothing; EBADF would mean this type lost track of its
        // own descriptor, a programmer error.
        if close(descriptor) == -1 {
            precondition(errno != EBADF, "ReadableFile closed a descriptor it did not own")
        }
    }
}
