/// A text encoding rxbind decodes to UTF-8 (SPEC §2).
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
    /// UTF-8, with or without a byte-order mark.
    case utf8 = "UTF-8"
    /// UTF-16 little-endian: Excel's "Unicode text" export on Windows.
    case utf16LittleEndian = "UTF-16LE"
    /// UTF-16 big-endian.
    case utf16BigEndian = "UTF-16BE"
    /// GB18030, which contains GBK and GB2312: Windows Excel's default for Chinese CSV.
    case gb18030 = "GB18030"

    /// The name to print in reports and messages.
    public var name: String { rawValue }

    /// The byte-order mark that starts a file in this encoding, if the encoding has one rxbind recognises.
    ///
    /// GB18030 has one too (`84 31 95 33`), but no exporter writes it; decoding leaves it as U+FEFF, which the
    /// normalisation of SPEC §3 removes.
    var byteOrderMark: [UInt8] {
        switch self {
        case .utf8: [0xEF, 0xBB, 0xBF]
        case .utf16LittleEndian: [0xFF, 0xFE]
        case .utf16BigEndian: [0xFE, 0xFF]
        case .gb18030: []
        }
    }

    /// The encoding whose byte-order mark starts `head`, the first bytes of a file (at least three of them,
    /// unless the file is shorter).
    static func byteOrderMark(startingWith head: some Collection<UInt8>) -> TextEncoding? {
        for encoding in [TextEncoding.utf8, .utf16LittleEndian, .utf16BigEndian]
        where head.starts(with: encoding.byteOrderMark) {
            return encoding
        }
        return nil
    }
}

/// The encoding the user named with `--encoding`, overriding detection.
public enum EncodingOverride: Sendable, Hashable {
    /// `utf-8`, `utf8`.
    case utf8
    /// `utf-16le`.
    case utf16LittleEndian
    /// `utf-16be`.
    case utf16BigEndian
    /// `utf-16`: UTF-16 in the byte order its byte-order mark gives (a mark is required).
    case utf16
    /// `gb18030`, and `gbk`, `gb2312` and `cp936`, which are subsets of GB18030 and decode as GB18030.
    case gb18030

    /// The names `--encoding` accepts, case-insensitively, in the order help and errors list them.
    public static let acceptedNames = [
        "utf-8", "utf8", "utf-16le", "utf-16be", "utf-16", "gb18030", "gbk", "gb2312", "cp936",
    ]

    /// Parses a name given with `--encoding`; upper and lower case are the same.
    /// - Throws: ``InputError/unknownEncodingName(_:)`` listing the accepted names.
    public init(name: String) throws(InputError) {
        switch name.lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "utf-16le": self = .utf16LittleEndian
        case "utf-16be": self = .utf16BigEndian
        case "utf-16": self = .utf16
        case "gb18030", "gbk", "gb2312", "cp936": self = .gb18030
        default: throw .unknownEncodingName(name)
        }
    }

    /// The canonical name, as `--encoding` spells it.
    public var name: String {
        switch self {
        case .utf8: "utf-8"
        case .utf16LittleEndian: "utf-16le"
        case .utf16BigEndian: "utf-16be"
        case .utf16: "utf-16"
        case .gb18030: "gb18030"
        }
    }

    /// The encoding to decode a file with, given the byte-order mark the file starts with (if any).
    ///
    /// A byte-order mark of another encoding is an error rather than a silent choice: decoding a UTF-8 file as
    /// GB18030 yields plausible Chinese nonsense instead of an error, so the user must hear of the contradiction.
    func resolve(byteOrderMark: TextEncoding?, path: String) throws(InputError) -> TextEncoding {
        let requested: TextEncoding
        switch self {
        case .utf8: requested = .utf8
        case .utf16LittleEndian: requested = .utf16LittleEndian
        case .utf16BigEndian: requested = .utf16BigEndian
        case .gb18030: requested = .gb18030
        case .utf16:
            switch byteOrderMark {
            case nil: throw .missingByteOrderMark(path: path)
            case .utf8?: throw .byteOrderMarkConflict(path: path, byteOrderMark: .utf8, requested: self)
            case let mark?: return mark
            }
        }
        if let byteOrderMark, byteOrderMark != requested {
            throw .byteOrderMarkConflict(path: path, byteOrderMark: byteOrderMark, requested: self)
        }
        return requested
    }
}
