internal import Glibc

/// GB18030 to UTF-8 through glibc's iconv, in chunks, with the GB18030-2005 four-byte codes that iconv rejects.
///
/// iconv is the well-kept converter on this system (its GB18030 table follows GB18030-2022). Files written by
/// software that follows GB18030-2005 (Java before 21, Python, older Windows) encode 18 characters with four-byte
/// codes that GB18030-2022 moved, and glibc 2.36's iconv rejects those codes with `EILSEQ` (verified on this
/// machine by `DecoderGB18030Tests`): one rare character in one name would make a whole night's file
/// unreadable. At `EILSEQ` the converter looks the next four bytes up in ``edition2005Codes`` and, if they are one
/// of the 18, writes that character and goes on; anything else is a real decoding error.
struct GB18030Converter: ~Copyable {
    private let handle: iconv_t

    /// The 18 GB18030-2005 four-byte codes glibc's iconv rejects, with the characters they stand for (SPEC §2):
    /// `82 35 90 37`–`82 35 91 34` are U+9FB4–U+9FBB in order, `84 31 82 36`–`84 31 83 35` are U+FE10–U+FE19
    /// in order.
    static let edition2005Codes: [(bytes: UInt32, scalar: Unicode.Scalar)] = [
        (0x8235_9037, "\u{9FB4}"), (0x8235_9038, "\u{9FB5}"), (0x8235_9039, "\u{9FB6}"), (0x8235_9130, "\u{9FB7}"),
        (0x8235_9131, "\u{9FB8}"), (0x8235_9132, "\u{9FB9}"), (0x8235_9133, "\u{9FBA}"), (0x8235_9134, "\u{9FBB}"),
        (0x8431_8236, "\u{FE10}"), (0x8431_8237, "\u{FE11}"), (0x8431_8238, "\u{FE12}"), (0x8431_8239, "\u{FE13}"),
        (0x8431_8330, "\u{FE14}"), (0x8431_8331, "\u{FE15}"), (0x8431_8332, "\u{FE16}"), (0x8431_8333, "\u{FE17}"),
        (0x8431_8334, "\u{FE18}"), (0x8431_8335, "\u{FE19}"),
    ]

    /// The most UTF-8 bytes one input byte can become: a two-byte GB18030 code becomes at most three UTF-8 bytes,
    /// a four-byte code at most four, a single byte one.
    static let maximumExpansion = 2

    /// Opens glibc's GB18030 to UTF-8 converter. `source` names iconv's source encoding; only tests change it,
    /// to make the opening fail.
    init(source: String = "GB18030") throws(InputError) {
        // > On success, iconv_open() returns a freshly allocated conversion descriptor. On failure, it returns
        // > (iconv_t) -1 and sets errno to indicate the error. … EINVAL The conversion from fromcode to tocode is
        // > not supported by the implementation.
        let opened = iconv_open("UTF-8", source)
        switch check(opened.map { Int(bitPattern: $0) } ?? 0) {
        case .failure(let error): throw .converterUnavailable(reason: error.message)
        case .success:
            guard let opened else { throw .converterUnavailable(reason: "iconv_open returned no descriptor") }
            handle = opened
        }
    }

    deinit {
        // > On success, iconv_close() returns 0; otherwise, it returns -1 and sets errno … EBADF The conversion
        // > descriptor is invalid.
        // EBADF is the only error documented, and it would mean this type lost its own handle.
        if case .failure(let error) = check(Int(iconv_close(handle))) {
            preconditionFailure("iconv_close failed (errno \(error.code)) on a handle GB18030Converter owned")
        }
    }

    /// The character a GB18030-2005 four-byte code iconv rejects stands for, or nil.
    static func scalarForEdition2005Code(_ bytes: UnsafeRawPointer) -> Unicode.Scalar? {
        let code =
            UInt32(bytes.load(as: UInt8.self)) << 24 | UInt32(bytes.load(fromByteOffset: 1, as: UInt8.self)) << 16
            | UInt32(bytes.load(fromByteOffset: 2, as: UInt8.self)) << 8
            | UInt32(bytes.load(fromByteOffset: 3, as: UInt8.self))
        return edition2005Codes.first { $0.bytes == code }?.scalar
    }

    /// Whether `count` (< 4) bytes could be the start of one of the 18 GB18030-2005 codes.
    private static func startsEdition2005Code(_ bytes: UnsafeRawPointer, count: Int) -> Bool {
        edition2005Codes.contains { entry in
            (0..<count).allSatisfy { index in
                bytes.load(fromByteOffset: index, as: UInt8.self)
                    == UInt8(truncatingIfNeeded: entry.bytes >> (24 - 8 * index))
            }
        }
    }

    /// Converts `input` into `output`, which must hold `maximumExpansion * input.count` bytes.
    ///
    /// Stops before an incomplete sequence at the end of `input` unless `isFinal` (the caller carries those bytes
    /// over to the next chunk), and before the first byte that cannot be converted. `input` must hold no NUL byte.
    func convert(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawPointer, isFinal: Bool
    ) -> DecodeStep {
        guard let inputBase = input.baseAddress, !input.isEmpty else {
            return DecodeStep(consumed: 0, produced: 0, failure: nil)
        }
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: inputBase)
            .assumingMemoryBound(to: CChar.self)
        var inLeft = input.count
        let outStart = output.assumingMemoryBound(to: CChar.self)
        var outPointer: UnsafeMutablePointer<CChar>? = outStart
        var outLeft = GB18030Converter.maximumExpansion * input.count
        var failure: DecodeFailure?
        conversion: while inLeft > 0 {
            // > The iconv() function returns the number of characters converted in a nonreversible way during this
            // > call … In case of error, it sets errno and returns (size_t) -1. … *inbuf is left pointing to the
            // > beginning of the invalid multibyte sequence.
            let result = check(iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft))
            guard case .failure(let error) = result, let out = outPointer else { break }
            let position = input.count - inLeft
            switch error.code {
            case EILSEQ:
                // > EILSEQ An invalid multibyte sequence has been encountered in the input.
                if inLeft >= 4, let scalar = GB18030Converter.scalarForEdition2005Code(inputBase + position) {
                    var written = 0
                    for byte in scalar.utf8 {
                        out[written] = CChar(bitPattern: byte)
                        written += 1
                    }
                    outPointer = out + written
                    outLeft -= written
                    inPointer = inPointer.map { $0 + 4 }
                    inLeft -= 4
                    continue conversion
                }
                if inLeft < 4, !isFinal,
                    GB18030Converter.startsEdition2005Code(inputBase + position, count: inLeft)
                {
                    break conversion  // The rest of the code comes with the next chunk.
                }
                failure = .invalidBytes(offset: position)
            case EINVAL:
                // > EINVAL An incomplete multibyte sequence has been encountered in the input.
                // Not final: the caller carries the bytes over to the next chunk.
                if isFinal { failure = .incompleteCharacterAtEnd(offset: position) }
            default:
                // > E2BIG There is not sufficient room at *outbuf.
                // The output holds `maximumExpansion` bytes per input byte, so this cannot happen, and iconv
                // documents no other error.
                preconditionFailure("iconv failed with errno \(error.code) despite a large enough output buffer")
            }
            break conversion
        }
        let produced = (outPointer ?? outStart) - outStart
        return DecodeStep(consumed: input.count - inLeft, produced: produced, failure: failure)
    }
}
