import Foundation

/// A fatal input error (SPEC §2, §11): the night cannot be read as given. `rxbind run` exits 65 and changes nothing
/// in the workspace. Messages name the file and what is wrong, never a row's values.
public enum InputProblem: Error, LocalizedError, Sendable, Equatable {
    /// Required columns are missing.
    case missingColumns(file: String, role: InputRole, missing: [FieldSpec], found: [String])
    /// A file given in one role has another role's own columns (`evidence`) and none of its own (SPEC §11).
    case wrongRole(file: String, given: InputRole, looksLike: InputRole, evidence: [String], found: [String])
    /// The roster was given as `--registry` and the registry as `--certificates`.
    case swappedReferences(certificates: String, registry: String)
    /// The same file (the same bytes) was given twice in one run.
    case sameFileTwice(first: String, firstRole: InputRole, second: String, secondRole: InputRole)
    /// A failure export whose bytes an earlier run of the workspace already read (SPEC §11).
    case reusedExport(file: String, runID: String, asOf: String)
    /// The file has no header line.
    case noHeader(file: String)
    /// The file cannot be read or decoded, or breaks the rules of delimited text; `detail` says where and why.
    case unreadable(file: String, detail: String)

    public var errorDescription: String? {
        switch self {
        case let .missingColumns(file, role, missing, found):
            let names = missing.map { "\($0.key) (\($0.aliases.joined(separator: ", ")))" }.joined(separator: "; ")
            return localized(.inputMissingColumns, ["file": file, "role": role.label, "columns": names,
                                                     "found": InputProblem.list(found)])
        case let .wrongRole(file, given, looksLike, evidence, found):
            return localized(.inputWrongRole, [
                "file": file, "given": given.label, "looks": looksLike.label,
                "own": evidence.map { "\"\($0)\"" }.joined(separator: ", "),
                "missing": given.ownColumnNames.joined(separator: "、"),
                "option": looksLike.option, "found": InputProblem.list(found)])
        case let .swappedReferences(certificates, registry):
            return localized(.inputSwappedReferences, ["certificates": certificates, "registry": registry])
        case let .sameFileTwice(first, firstRole, second, secondRole):
            return localized(.inputSameFileTwice, ["first": first, "firstRole": firstRole.label, "second": second,
                                                    "secondRole": secondRole.label])
        case let .reusedExport(file, runID, asOf):
            return localized(.inputReusedExport, ["file": file, "run": runID, "date": asOf])
        case let .noHeader(file):
            return localized(.inputNoHeader, ["file": file])
        case let .unreadable(file, detail):
            return "\(file): \(detail)"
        }
    }

    static func list(_ headers: [String]) -> String {
        headers.isEmpty ? localized(.noneFound) : headers.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
