internal import Glibc

/// A failed C call of the input layer: the `errno` it set.
struct SystemCallError: Error, Equatable {
    /// The `errno` value.
    let code: Int32

    /// The system's message for the code. rxbind never changes the C locale, so this is glibc's English text.
    var message: String {
        // > The strerror() function returns a pointer to a string that describes the error code passed in the
        // > argument errnum … This string must not be modified by the application.
        String(cString: strerror(code))
    }
}

/// The one place where the input layer looks at a C return code.
///
/// Every C function it calls (`open`, `read`, `close`, `iconv_open`, `iconv`, `iconv_close`) reports failure the
/// same way — `-1` and `errno` — so one check serves them all; each caller then decides what the `errno` means for
/// its call (for `iconv`, `EILSEQ` and `EINVAL` are expected events, not failures of the machine).
func check(_ result: Int) -> Result<Int, SystemCallError> {
    result == -1 ? .failure(SystemCallError(code: errno)) : .success(result)
}

/// A file opened for reading, closed when the value goes away.
///
/// Foundation's `FileHandle` would return each chunk as a fresh `Data`; reading with `read(2)` into the reader's
/// own buffer keeps the steady state free of allocations.
struct ReadableFile: ~Copyable {
    /// The path as the caller gave it, for messages.
    let path: String
    private let descriptor: Int32

    /// Opens `path` for reading.
    init(path: String) throws(InputError) {
        self.path = path
        // > open() returns a file descriptor … On error, -1 is returned, and errno is set to indicate the error.
        switch check(Int(open(path, O_RDONLY | O_CLOEXEC))) {
        case .success(let descriptor): self.descriptor = Int32(descriptor)
        case .failure(let error): throw .cannotOpen(path: path, reason: error.message)
        }
    }

    /// Reads up to `count` bytes into `buffer`; returns how many, 0 at the end of the file.
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(InputError) -> Int {
        while true {
            // > On success, the number of bytes read is returned (zero indicates end of file) … On error, -1 is
            // > returned, and errno is set to indicate the error.
            switch check(Glibc.read(descriptor, buffer, count)) {
            case .success(let read): return read
            // > EINTR The call was interrupted by a signal before any data was read.
            case .failure(let error) where error.code == EINTR: continue
            case .failure(let error): throw .cannotRead(path: path, reason: error.message)
            }
        }
    }

    deinit {
        // > close() returns zero on success. On error, -1 is returned … Retrying the close() after a failure
        // > return is the wrong thing to do, since this may cause a reused file descriptor from another thread to
        // > be closed. This can occur because the Linux kernel always releases the file descriptor early in the
        // > close operation.
        // The file was only read, so EIO or EINTR here lose nothing; EBADF would mean this type lost track of its
        // own descriptor, a programmer error.
        if case .failure(let error) = check(Int(close(descriptor))) {
            precondition(error.code != EBADF, "ReadableFile closed a descriptor it did not own")
        }
    }
}

/// A block of bytes owned by one value and freed with it; grows on request.
struct ByteBuffer: ~Copyable {
    /// The start of the block.
    private(set) var base: UnsafeMutableRawPointer
    /// How many bytes the block holds.
    private(set) var capacity: Int

    /// Allocates `capacity` bytes (at least one).
    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        base = .allocate(byteCount: self.capacity, alignment: 16)
        // Bound once to bytes, so every view of the block may use `assumingMemoryBound(to: UInt8.self)`.
        base.bindMemory(to: UInt8.self, capacity: self.capacity)
    }

    /// The block as bytes.
    var bytes: UnsafeMutablePointer<UInt8> { base.assumingMemoryBound(to: UInt8.self) }

    /// Makes room for at least `needed` bytes, keeping the first `keeping` bytes.
    mutating func reserve(_ needed: Int, keeping: Int) {
        guard needed > capacity else { return }
        let grown = max(needed, capacity * 2)
        let fresh = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
        fresh.bindMemory(to: UInt8.self, capacity: grown)
        fresh.copyMemory(from: base, byteCount: keeping)
        base.deallocate()
        base = fresh
        capacity = grown
    }

    deinit { base.deallocate() }
}
