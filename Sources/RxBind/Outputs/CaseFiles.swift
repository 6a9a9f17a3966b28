import Files
/// `cases.csv` and `invalid-rows.csv` (SPEC §6 items 3–4).
public enum CaseFiles {
    /// `cases.csv`'s header.
    public static let casesHeader = ["id_number", "name", "class", "reason", "flags", "attempts", "first_seen",
                                     "certificate_no", "registry_id", "action"]
    /// `invalid-rows.csv`'s header.
    public static let invalidHeader = ["file", "line", "reason", "name", "id_number"]

    /// One `cases.csv` row.
    public static func row(_ c: CaseOutcome) -> [String] {
        [c.id.text, c.name, c.caseClass.code, c.reason.code, c.flagSet.codes,
         String(c.attempts), c.firstSeen.iso, c.certificateNumbers,
         c.registryID, c.action.rawValue]
    }

    /// Writes `cases.csv`: tonight's cases, sorted by ID number.
    public static func writeCases(_ cases: CaseList, to path: String) throws -> (sha256: String, bytes: Int) {
        let file = try OutputFile(path: path)
        try CSVOutput.write(to: file, header: casesHeader, rows: cases.lazy.map(row))
        return try file.close()
    }

    /// Writes `invalid-rows.csv`: every rule-0 row, in the order read.
    public static func writeInvalid(_ rows: [InvalidRow], fileNames: [String], to path: String) throws -> (sha256: String, bytes: Int) {
        let file = try OutputFile(path: path)
        try CSVOutput.write(to: file, header: invalidHeader, rows: rows.lazy.map {
            [fileNames[$0.ref.input], String($0.ref.line), $0.reason.code, $0.rawName, $0.rawID]
        })
        return try file.close()
    }
}
