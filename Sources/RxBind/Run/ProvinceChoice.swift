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

    /// The values found and their rows, as a message names them: the first five places of each.
    func undetermined(fileNames: [String]) -> RxBindError {
        .provinceUndetermined(mentions: mentions.map { m in
            RxBindError.ProvinceMention(
                value: m.value,
                places: m.rows.prefix(5).map { localized(.fileLine, ["file": fileNames[$0.input], "line": $0.line]) },
                total: m.rows.count)
        })
    }

    public init(option: Province?, remembered: Province?, mentions: [String: [RowRef]]) throws {
        if let o = option, let r = remembered, o != r { throw RxBindError.provinceConflict(given: o, remembered: r) }
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
