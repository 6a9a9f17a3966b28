import DelimitedText
/// What the delimited-text reader's errors say to people, from the catalog (SPEC §12): the file, the line and byte
/// offset, and what to do — never the content of a row. The reader itself (a general module) keeps plain English
/// descriptions; this is the product's wording.
enum InputErrorText {
    static func describe(_ e: InputError) -> String {
        switch e {
        case .file(let e) where e.operation == .opening:
            return localized(.readerCannotOpen, ["file": e.path, "reason": SystemErrorText.describe(e.code)])
        case .file(let e):
            return localized(.readerCannotRead, ["file": e.path, "reason": SystemErrorText.describe(e.code)])
        case .unknownEncodingName(let name):
            return localized(.runUnknownEncoding, ["name": name,
                                                   "names": localizedList(EncodingOverride.acceptedNames)])
        case .missingByteOrderMark(let path):
            return localized(.readerMissingBOM, ["file": path])
        case .byteOrderMarkConflict(let path, let mark, let requested):
            return localized(.readerBOMConflict, ["file": path, "mark": mark.name, "requested": requested.name])
        case .notText(let path, .nulCharacter, let line, let offset):
            return localized(.readerNulCharacter, ["file": path, "line": line, "offset": offset])
        case .notText(let path, .zipArchive, _, _):
            return localized(.readerZipArchive, ["file": path])
        case .invalidBytes(let path, let encoding, let line, let offset):
            return localized(.readerInvalidBytes, ["file": path, "encoding": encoding.name, "line": line,
                                                   "offset": offset])
        case .incompleteCharacterAtEnd(let path, let encoding, let line, let offset):
            return localized(.readerIncompleteCharacter, ["file": path, "encoding": encoding.name, "line": line,
                                                          "offset": offset])
        case .unpairedSurrogate(let path, let encoding, let line, let offset):
            return localized(.readerUnpairedSurrogate, ["file": path, "encoding": encoding.name, "line": line,
                                                        "offset": offset])
        case .emptyFile(let path):
            return localized(.inputNoHeader, ["file": path])
        case .unterminatedQuote(let path, let line):
            return localized(.readerUnterminatedQuote, ["file": path, "line": line])
        case .fieldTooLong(let path, let line, let field):
            return localized(.readerFieldTooLong, ["file": path, "line": line, "field": field,
                                                   "limit": DelimitedReader.maximumFieldLength])
        case .tooManyFields(let path, let line):
            return localized(.readerTooManyFields, ["file": path, "line": line,
                                                    "limit": DelimitedReader.maximumFieldCount])
        case .converterUnavailable(let reason):
            return localized(.converterUnavailable, ["reason": reason])
        }
    }
}
