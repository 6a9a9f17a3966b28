/// What one input file turned out to be.
public struct InputSummary: Sendable {
    public let file: InputFile
    public let sha256: String
    public let bytes: Int
    public var encoding: String = ""
    public var delimiter: String = ""
    public var rowsRead = 0
    public var rowsRejected = 0
    public var warnings = 0
    public var ignoredColumns: [HeaderMapping.IgnoredColumn] = []
}

/// Tonight's inputs, read and checked: the failure rows merged into cases, the roster and the registry indexed.
public struct Night: Sendable {
    public var inputs: [InputSummary]
    /// Tonight's cases, merged from the failure rows, with their attempts' identities.
    public var cases: NightCases
    public var invalidRows: [InvalidRow]
    public var warnings: [InputWarning]
    public var provinceMentions: [String: [RowRef]]
    public var roster: Roster
    public var registry: Registry

    /// The inputs' names (what outputs show), by index.
    public var fileNames: [String] { inputs.map(\.file.name) }
}
