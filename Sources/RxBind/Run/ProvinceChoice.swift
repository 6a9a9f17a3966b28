import Foundation

/// The workspace's province (SPEC §6 item 1): `--province`, else the one the workspace remembers from its first run,
/// else the single province all failure rows name.
public struct ProvinceChoice: Sendable {
    /// The province, when one could be determined.
    public let province: Province?
    /// Rows naming another province (or a value that is no province): warnings, listed in the workbook.
    public let otherProvinceRows: [InputWarning]
    /// The values found and their rows, for the message when no province could be determined.
    public let mentions: [(value: String, rows: [RowRef])]

    /// `--province` names another province than the one the workspace remembers: a usage error (64).
    public struct Conflict: Error, LocalizedError {
        public let given: Province
        public let remembered: Province
        public var errorDescription: String? {
            "--province \(given.name) does not match this workspace's province, \(remembered.name) (remembered from "
                + "its first run). Use the workspace kept for \(given.name), or leave --province out."
        }
    }

    /// The run has form rows and no province can be determined: bad input data (65).
    public struct Undetermined: Error, LocalizedError {
        public let mentions: [(value: String, rows: [RowRef])]
        public let fileNames: [String]
        public var errorDescription: String? {
            let found = mentions.isEmpty ? "no failure row names a province" : "the failure rows name "
                + mentions.map { m in
                    let lines = m.rows.prefix(5).map { "\(fileNames[$0.input]) line \($0.line)" }.joined(separator: ", ")
                    let more = m.rows.count > 5 ? " and \(m.rows.count - 5) more" : ""
                    let known = Province(named: m.value) == nil ? " (not a province-level division)" : ""
                    return "\"\(m.value)\"\(known) at \(lines)\(more)"
                }.joined(separator: "; ")
            return "cannot tell which province the addition-request form is for: \(found). "
                + "Give the workspace's province with --province (for example --province 新疆维吾尔自治区)."
        }
    }

    public init(option: Province?, remembered: Province?, mentions: [String: [RowRef]]) throws {
        if let o = option, let r = remembered, o != r { throw Conflict(given: o, remembered: r) }
        let sorted = mentions.keys.sorted().map { (value: $0, rows: mentions[$0]!.sorted()) }
        self.mentions = sorted
        var chosen = option ?? remembered
        if chosen == nil {
            let named = Set(sorted.map { Province(named: $0.value) })
            if named.count == 1, let only = named.first, let p = only { chosen = p }
        }
        province = chosen
        var warnings: [InputWarning] = []
        if let p = chosen {
            for m in sorted where Province(named: m.value) != p {
                for r in m.rows { warnings.append(InputWarning(ref: r, kind: .otherProvince(m.value))) }
            }
        }
        otherProvinceRows = warnings.sorted { $0.ref < $1.ref }
    }
}
