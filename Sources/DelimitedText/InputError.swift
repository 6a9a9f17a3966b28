public import Foundation
public import Files

/// Why an input file cannot be read as delimited text.
///
/// Every case names the file (the path as the caller gave it) and, where there is one, the physical line (1-based,
/// the header is line 1) and the byte offset (0-based, counted from the first byte of the file, byte-order mark
/// included). No case ever carries the text of a row: rows hold citizens' ID numbers, and error messages end up in
/// logs and e-mails. The command maps every case to exit status 65 (bad input data) except
/// ``converterUnavailable``, which is a fault of the machine, not of the file.
public enum InputError: Error, Equatable, Sendable {
    /// The file could not be opened or read.
    case file(FileError)
    /// `--encoding` named an encoding rxbind does not know.
    case unknownEncodingName(String)
    /// `--encoding utf-16` was given, but the file has no UTF-16 byte-order mark to say which byte order it uses.
    case missingByteOrderMark(path: String)
    /// The file starts with a byte-order mark of one encoding, but `--encoding` named another.
    case byteOrderMarkConflict(path: String, byteOrderMark: TextEncoding, requested: EncodingOverride)
    /// The file is a binary file, not text (a NUL character, or a zip archive such as an .xlsx workbook).
    case notText(path: String, reason: NotTextReason, line: Int, byteOffset: Int)
    /// Bytes that are not text in the file's encoding.
    case invalidBytes(path: String, encoding: TextEncoding, line: Int, byteOffset: Int)
    /// The file ends in the middle of a character.
    case incompleteCharacterAtEnd(path: String, encoding: TextEncoding, line: Int, byteOffset: Int)
    /// A UTF-16 surrogate code unit without its partner.
    case unpairedSurrogate(path: String, encoding: TextEncoding, line: Int, byteOffset: Int)
    /// The file holds no header line (it is empty, or holds only a byte-order mark or blank lines).
    case emptyFile(path: String)
    /// A quoted field is still open at the end of the file; `line` is where its record starts.
    case unterminatedQuote(path: String, line: Int)
    /// A field longer than ``DelimitedReader/maximumFieldLength`` characters; `field` is 1-based.
    case fieldTooLong(path: String, line: Int, field: Int)
    /// A record with more than ``DelimitedReader/maximumFieldCount`` fields.
    case tooManyFields(path: String, line: Int)
    /// The system's GB18030 converter (glibc iconv) cannot be opened; `reason` is the system's message.
    case converterUnavailable(reason: String)

    /// Why a file is not text.
    public enum NotTextReason: Sendable, Equatable {
        /// A NUL (U+0000) character, which no text export holds.
        case nulCharacter
        /// The file starts with a zip archive's signature (an .xlsx workbook is a zip archive).
        case zipArchive
    }
}

extension InputError: LocalizedError {
    /// A plain sentence naming the file and the place, and what to do next. Never the content of a row.
    public var errorDescription: String? {
        switch self {
        case .file(let e) where e.operation == .opening:
            return "Cannot open the input file \(e.path): \(e.systemMessage). Check the path and that the file is readable."
        case .file(let e):
            return "Cannot read the input file \(e.path): \(e.systemMessage). Check that it is a regular file, "
                + "or copy it again if the disk is failing."
        case .unknownEncodingName(let name):
            return "Unknown encoding \"\(name)\" given with --encoding. Use one of "
                + EncodingOverride.acceptedNames.joined(separator: ", ")
                + " (upper or lower case), or leave --encoding out to have the encoding detected."
        case .missingByteOrderMark(let path):
            return "--encoding utf-16 needs a byte-order mark to tell the byte order, and \(path) has none. "
                + "Give --encoding utf-16le (what Windows writes) or utf-16be instead."
        case .byteOrderMarkConflict(let path, let mark, let requested):
            return "\(path) starts with a \(mark.name) byte-order mark, but --encoding \(requested.name) was given. "
                + "Leave --encoding out to decode the file as its byte-order mark says, or re-export the file."
        case .notText(let path, .nulCharacter, let line, let offset):
            return "\(path) is not a text file: it holds a NUL character on line \(line) (byte offset \(offset)). "
                + "If it is UTF-16 text without a byte-order mark, give --encoding utf-16le or utf-16be; otherwise "
                + "export the data again as CSV text in UTF-8 or GB18030."
        case .notText(let path, .zipArchive, _, _):
            return "\(path) is not a text file: it is a zip archive, most likely an Excel workbook (.xlsx). "
                + "Open it in a spreadsheet program, save it as CSV (UTF-8) and give that file instead."
        case .invalidBytes(let path, let encoding, let line, let offset):
            return "\(path) is not valid \(encoding.name) text: the bytes on line \(line) at byte offset \(offset) "
                + "are not a character. Re-export the file as UTF-8 or GB18030 text (if it is a spreadsheet or "
                + "another binary file, export the data as CSV); if --encoding was given, check it or leave it out."
        case .incompleteCharacterAtEnd(let path, let encoding, let line, let offset):
            return "\(path) ends in the middle of a \(encoding.name) character (line \(line), byte offset "
                + "\(offset)): the file was probably cut short. Copy or export the file again."
        case .unpairedSurrogate(let path, let encoding, let line, let offset):
            return "\(path) is not valid \(encoding.name) text: an unpaired surrogate on line \(line) at byte "
                + "offset \(offset). Re-export the file as UTF-8 or UTF-16 text."
        case .emptyFile(let path):
            return "\(path) is empty: it has no header line. Export the file again with its header row."
        case .unterminatedQuote(let path, let line):
            return "\(path): the quoted field in the record that starts on line \(line) is never closed, so the "
                + "rest of the file would be read as one field. Check the quotes of that record (a quote inside a "
                + "quoted field must be doubled) and export the file again."
        case .fieldTooLong(let path, let line, let field):
            return "\(path): field \(field) of the record that starts on line \(line) is longer than "
                + "\(DelimitedReader.maximumFieldLength) characters, the most a spreadsheet cell holds. Check that "
                + "record (an unbalanced quote makes one field swallow the lines after it) and export the file again."
        case .tooManyFields(let path, let line):
            return "\(path): the record that starts on line \(line) has more than "
                + "\(DelimitedReader.maximumFieldCount) fields, the most a spreadsheet row holds. Check the "
                + "delimiters of that record and export the file again."
        case .converterUnavailable(let reason):
            return "The system's GB18030 converter (glibc iconv) cannot be opened: \(reason). Install glibc's "
                + "converter modules (Debian package libc6, folder gconv) or convert the file to UTF-8 first."
        }
    }
}
