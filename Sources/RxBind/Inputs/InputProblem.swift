import Foundation

/// A fatal input error (SPEC §2): the night cannot be read as given. `rxbind run` exits 65 and changes nothing in
/// the workspace. Messages name the file and what is wrong, never a row's values.
public enum InputProblem: Error, LocalizedError, Sendable, Equatable {
    /// Required columns are missing.
    case missingColumns(file: String, role: InputRole, missing: [FieldSpec], found: [String])
    /// A certificate roster was given as `--registry`.
    case rosterGivenAsRegistry(file: String, found: [String])
    /// The file has no header line.
    case noHeader(file: String)
    /// The file cannot be read or decoded, or breaks the rules of delimited text; `detail` says where and why.
    case unreadable(file: String, detail: String)

    public var errorDescription: String? {
        switch self {
        case let .missingColumns(file, role, missing, found):
            let names = missing.map { "\($0.key) (\($0.aliases.joined(separator: ", ")))" }.joined(separator: "; ")
            return "\(file): the \(role.label) lacks the required column \(names). "
                + "Headers found: \(InputProblem.list(found)). "
                + "Rename the column in the export to one of the names listed, or export the file again with it."
        case let .rosterGivenAsRegistry(file, found):
            return "\(file): this looks like a certificate roster, not a registry snapshot: it has a certificate-number "
                + "column and none of the registry's own columns (注册证编号, 执业单位, 注册状态). "
                + "Headers found: \(InputProblem.list(found)). Give the roster as --certificates and the registry "
                + "snapshot as --registry."
        case let .noHeader(file):
            return "\(file): the file is empty: it has no header line. Export it again."
        case let .unreadable(file, detail):
            return "\(file): \(detail)"
        }
    }

    static func list(_ headers: [String]) -> String {
        headers.isEmpty ? "(none)" : headers.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
