/// Which column of a file holds which field (SPEC §2): headers matched after trimming, NFKC and case-folding.
public struct HeaderMapping: Sendable {
    /// The column index of each field key found.
    public let columns: [String: Int]
    /// Columns that matched a field already taken by a column whose alias ranks higher: named in the manifest.
    public let ignored: [IgnoredColumn]
    /// The headers as the file has them, for messages.
    public let headers: [String]

    /// A column that matched a field another column won.
    public struct IgnoredColumn: Sendable, Hashable, Codable {
        /// The header text as found.
        public let header: String
        /// The field it would have been.
        public let field: String
        /// The header of the column that won.
        public let usedInstead: String
        enum CodingKeys: String, CodingKey { case header, field, usedInstead = "used_instead" }
    }

    /// The column of a field, or nil when the file has none.
    public subscript(_ key: String) -> Int? { columns[key] }

    /// Maps `headers` onto the role's fields; a missing required field is ``RxBindError/missingColumns(file:role:missing:found:)``.
    public init(headers: [String], role: InputRole, file: String) throws {
        self.headers = headers
        let folded = headers.map(HeaderMapping.fold)
        var columns: [String: Int] = [:]
        var ignored: [IgnoredColumn] = []
        for field in role.fields {
            // Rank every matching column by the position of the alias it matched; ties go to the leftmost.
            var matches: [(rank: Int, column: Int)] = []
            for (column, header) in folded.enumerated() {
                if let rank = field.aliases.firstIndex(where: { HeaderMapping.fold($0) == header }) {
                    matches.append((rank, column))
                }
            }
            matches.sort { ($0.rank, $0.column) < ($1.rank, $1.column) }
            guard let winner = matches.first else { continue }
            columns[field.key] = winner.column
            for loser in matches.dropFirst() {
                ignored.append(IgnoredColumn(header: headers[loser.column], field: field.key,
                                             usedInstead: headers[winner.column]))
            }
        }
        let missing = role.fields.filter { $0.required && columns[$0.key] == nil }
        if !missing.isEmpty {
            throw RxBindError.missingColumns(file: file, role: role, missing: missing, found: headers)
        }
        self.columns = columns
        self.ignored = ignored.sorted { ($0.field, $0.header) < ($1.field, $1.header) }
    }

    /// SPEC §2: trimmed, NFKC (full-width → half-width), case-folded.
    static func fold(_ header: String) -> String {
        TextNormalization.field(header).lowercased()
    }
}
