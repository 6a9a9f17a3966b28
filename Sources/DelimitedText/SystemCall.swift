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
