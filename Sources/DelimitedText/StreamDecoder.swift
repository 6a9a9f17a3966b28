internal import Glibc

/// The first place where `bytes` is not valid UTF-8, found by the standard library's validator (the one
/// `UTF8Span` uses: about 0.9 GB/s on Chinese text and 6 GB/s on ASCII here, measured in a release build).
func firstUTF8Error(_ bytes: UnsafeBufferPointer<UInt8>) -> UTF8.ValidationError? {
    do throws(UTF8.ValidationError) {
        let span = try UTF8Span(validating: bytes.span)
        precondition(span.count == bytes.count, "a validated span covers its bytes")
        return nil
    } catch {
        return error
    }
}

/// What one conversion step of ``GB18030Converter`` did with a chunk.
struct DecodeStep {
    /// How many input bytes were decoded; the caller carries the rest over to the next step.
    var consumed: Int
    /// How many UTF-8 bytes were written to the output buffer.
    var produced: Int
    /// The first problem in the chunk; the output holds everything before it.
    var failure: DecodeFailure?
}

/// A problem a decoder found, at an offset into the chunk it was given.
enum DecodeFailure: Equatable {
    case invalidBytes(offset: Int)
    case incompleteCharacterAtEnd(offset: Int)
    case unpairedSurrogate(offset: Int)
    case nulCharacter(offset: Int)
    case zipArchive

    /// The same failure `distance` bytes further into the file.
    func shifted(by distance: Int) -> DecodeFailure {
        switch self {
        case .invalidBytes(let offset): .invalidBytes(offset: offset + distance)
        case .incompleteCharacterAtEnd(let offset): .incompleteCharacterAtEnd(offset: offset + distance)
        case .unpairedSurrogate(let offset): .unpairedSurrogate(offset: offset + distance)
        case .nulCharacter(let offset): .nulCharacter(offset: offset + distance)
        case .zipArchive: .zipArchive
        }
    }

}

/// The valid UTF-8 a decoding step produced, and where its problem (if any) lies.
struct DecodedChunk {
    /// Valid UTF-8 without NUL characters, valid until the next step.
    var text: UnsafeRawBufferPointer
    /// How many input bytes the step decoded.
    var consumed: Int
    /// The first problem, at an offset into the step's input.
    var failure: DecodeFailure?
}

/// Turns the bytes of a file, chunk by chunk, into valid UTF-8 without NUL characters.
///
/// The caller hands each step every byte not yet consumed (the carried-over tail of the previous chunk first), so
/// a character split across two reads is decoded whole. UTF-8 input is validated and passed through without a copy.
struct StreamDecoder: ~Copyable {
    /// The encoding decoded.
    let encoding: TextEncoding
    private let converter: GB18030Converter?
    private var output: ByteBuffer
    private var atStart = true

    /// The signatures a zip archive (and so an .xlsx workbook) starts with: a local file header, or the end of
    /// central directory record of an empty archive.
    private static let zipSignatures: [[UInt8]] = [[0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06]]

    /// A decoder for `encoding` whose steps take at most `chunkCapacity` bytes.
    init(encoding: TextEncoding, chunkCapacity: Int) throws(InputError) {
        self.encoding = encoding
        converter = encoding == .gb18030 ? try GB18030Converter() : nil
        let expansion = encoding == .utf8 ? 0 : GB18030Converter.maximumExpansion
        output = ByteBuffer(capacity: expansion * chunkCapacity)
    }

    /// Decodes `input` (at most the `chunkCapacity` given at creation). Unless `isFinal`, an incomplete character
    /// at the end is left unconsumed for the next step.
    mutating func decode(_ input: UnsafeRawBufferPointer, isFinal: Bool) -> DecodedChunk {
        var start = 0
        if atStart {
            // Four bytes tell a zip archive and every byte-order mark; wait for them unless the file is shorter.
            if input.count < 4 && !isFinal {
                return DecodedChunk(text: UnsafeRawBufferPointer(start: nil, count: 0), consumed: 0)
            }
            atStart = false
            if StreamDecoder.zipSignatures.contains(where: { input.starts(with: $0) }) {
                return DecodedChunk(
                    text: UnsafeRawBufferPointer(start: nil, count: 0), consumed: 0, failure: .zipArchive)
            }
            if input.starts(with: encoding.byteOrderMark) { start = encoding.byteOrderMark.count }
        }
        let body = UnsafeRawBufferPointer(rebasing: input[start...])
        var chunk: DecodedChunk
        switch encoding {
        case .utf8: chunk = StreamDecoder.validateUTF8(body, isFinal: isFinal)
        case .utf16LittleEndian: chunk = decodeUTF16(body, bigEndian: false, isFinal: isFinal)
        case .utf16BigEndian: chunk = decodeUTF16(body, bigEndian: true, isFinal: isFinal)
        case .gb18030: chunk = decodeGB18030(body, isFinal: isFinal)
        }
        chunk.consumed += start
        chunk.failure = chunk.failure?.shifted(by: start)
        return chunk
    }

    /// The offset of the first NUL byte in `bytes`, found with glibc's vectorised `memchr`.
    private static func firstNul(in bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
        // > The memchr() function scans the initial n bytes of the memory area pointed to by s for the first
        // > instance of c. … return a pointer to the matching byte or NULL if the character does not occur.
        guard let found = memchr(base, 0, bytes.count) else { return nil }
        return UnsafeRawPointer(found) - base
    }

    /// Validates UTF-8 with the standard library's validator (the one `UTF8Span` uses; about 0.9 GB/s on mixed
    /// Chinese text and 6 GB/s on ASCII here) and passes the bytes through.
    private static func validateUTF8(_ input: UnsafeRawBufferPointer, isFinal: Bool) -> DecodedChunk {
        var valid = input.count
        var failure: DecodeFailure?
        if let error = firstUTF8Error(input.assumingMemoryBound(to: UInt8.self)) {
            valid = error.byteOffsets.lowerBound
            if error.kind == .truncatedScalar, error.byteOffsets.upperBound == input.count {
                // A character cut by the end of the chunk: complete next time, unless the file ends here.
                if isFinal { failure = .incompleteCharacterAtEnd(offset: valid) }
            } else {
                failure = .invalidBytes(offset: valid)
            }
        }
        if let nul = firstNul(in: UnsafeRawBufferPointer(rebasing: input[..<valid])) {
            valid = nul
            failure = .nulCharacter(offset: nul)
        }
        return DecodedChunk(text: UnsafeRawBufferPointer(rebasing: input[..<valid]), consumed: valid, failure: failure)
    }

    /// Decodes GB18030 through iconv. NUL bytes are looked for first: iconv would convert them like any other
    /// ASCII byte.
    private mutating func decodeGB18030(_ input: UnsafeRawBufferPointer, isFinal: Bool) -> DecodedChunk {
        let nul = StreamDecoder.firstNul(in: input)
        let text = UnsafeRawBufferPointer(rebasing: input[..<(nul ?? input.count)])
        output.reserve(GB18030Converter.maximumExpansion * text.count, keeping: 0)
        // Before a NUL the text is complete: nothing can finish a character cut there.
        guard var step = converter?.convert(text, into: output.base, isFinal: isFinal || nul != nil) else {
            preconditionFailure("a GB18030 decoder always has its converter")
        }
        if let nul {
            if case .incompleteCharacterAtEnd(let offset)? = step.failure {
                step.failure = .invalidBytes(offset: offset)
            }
            if step.failure == nil { step.failure = .nulCharacter(offset: nul) }
        }
        return DecodedChunk(
            text: UnsafeRawBufferPointer(start: output.base, count: step.produced), consumed: step.consumed,
            failure: step.failure)
    }

    /// Decodes UTF-16 by hand rather than through iconv: the transform is a few lines of arithmetic fixed by the
    /// Unicode standard (§3.9), it runs at memory speed on the mostly-ASCII exports, and doing it here tells an
    /// unpaired surrogate and a NUL apart from other errors, at their exact offsets, without a second C handle.
    private mutating func decodeUTF16(_ input: UnsafeRawBufferPointer, bigEndian: Bool, isFinal: Bool) -> DecodedChunk {
        output.reserve(GB18030Converter.maximumExpansion * input.count, keeping: 0)
        let out = output.bytes
        let count = input.count
        var produced = 0
        var index = 0
        var failure: DecodeFailure?
        func unit(at offset: Int) -> UInt32 {
            let first = UInt32(input[offset])
            let second = UInt32(input[offset + 1])
            return bigEndian ? first << 8 | second : second << 8 | first
        }
        while index + 1 < count {
            let code = unit(at: index)
            if code < 0x80 {
                if code == 0 {
                    failure = .nulCharacter(offset: index)
                    break
                }
                out[produced] = UInt8(truncatingIfNeeded: code)
                produced += 1
                index += 2
            } else if code < 0x800 {
                out[produced] = UInt8(truncatingIfNeeded: 0xC0 | code >> 6)
                out[produced + 1] = UInt8(truncatingIfNeeded: 0x80 | code & 0x3F)
                produced += 2
                index += 2
            } else if code & 0xF800 != 0xD800 {
                out[produced] = UInt8(truncatingIfNeeded: 0xE0 | code >> 12)
                out[produced + 1] = UInt8(truncatingIfNeeded: 0x80 | code >> 6 & 0x3F)
                out[produced + 2] = UInt8(truncatingIfNeeded: 0x80 | code & 0x3F)
                produced += 3
                index += 2
            } else if code < 0xDC00 {
                // A high surrogate must be followed by a low one.
                guard index + 3 < count else {
                    if isFinal { failure = .unpairedSurrogate(offset: index) }
                    break
                }
                let low = unit(at: index + 2)
                guard low & 0xFC00 == 0xDC00 else {
                    failure = .unpairedSurrogate(offset: index)
                    break
                }
                let scalar = 0x10000 + ((code - 0xD800) << 10 | (low - 0xDC00))
                out[produced] = UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18)
                out[produced + 1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F)
                out[produced + 2] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
                out[produced + 3] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
                produced += 4
                index += 4
            } else {
                failure = .unpairedSurrogate(offset: index)  // A low surrogate with no high one before it.
                break
            }
        }
        if failure == nil, isFinal, index < count {
            failure = .incompleteCharacterAtEnd(offset: index)  // An odd byte at the end of the file.
        }
        return DecodedChunk(
            text: UnsafeRawBufferPointer(start: output.base, count: produced), consumed: index, failure: failure)
    }
}
