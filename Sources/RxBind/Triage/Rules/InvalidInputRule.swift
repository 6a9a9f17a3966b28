/// Rule 0 — `INVALID_INPUT`: a failure row that cannot become a case (SPEC §4).
///
/// Its reasons are tried in this order and the first that holds is reported: `ID_TYPE_UNSUPPORTED` (证件类型 other
/// than a resident ID: a passport or a Hong Kong permit cannot be checked against the registry), `MISSING_NAME`, then
/// the ID number's own problems (``IDProblem``: `MISSING_ID`, `ID_MANGLED_BY_SPREADSHEET`, `ID_MALFORMED`,
/// `ID_CHECKSUM`, `ID_BIRTH_DATE`, `ID_REGION`).
public enum InvalidInputRule {
    /// Why a row is unusable.
    public enum Reason: Error, Sendable, Hashable, CustomStringConvertible {
        case idTypeUnsupported
        case missingName
        case id(IDProblem)

        /// The reason code.
        public var code: String {
            switch self {
            case .idTypeUnsupported: return "ID_TYPE_UNSUPPORTED"
            case .missingName: return "MISSING_NAME"
            case .id(let p): return p.code
            }
        }

        public var description: String { code }
    }

    /// 证件类型 values that mean a resident ID (after normalisation); an empty value does too.
    static let residentIDTypes: Set<String> = ["", "居民身份证", "身份证", "二代身份证"]

    /// Whether an 证件类型 value (normalised) denotes a resident ID.
    public static func isResidentIDType(_ normalized: String) -> Bool { residentIDTypes.contains(normalized) }

    /// The first reason that holds, or the usable number.
    ///
    /// - Parameters:
    ///   - idType: the normalised 证件类型, empty when the file has no such column.
    ///   - name: the normalised name.
    ///   - id: the outcome of reading the ID field.
    public static func check(idType: String, name: String, id: Result<IDReading, IDProblem>) -> Result<IDReading, Reason> {
        if !isResidentIDType(idType) { return .failure(.idTypeUnsupported) }
        if name.isEmpty { return .failure(.missingName) }
        switch id {
        case .success(let reading): return .success(reading)
        case .failure(let problem): return .failure(.id(problem))
        }
    }
}
