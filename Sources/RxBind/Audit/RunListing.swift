/// `rxbind runs` (SPEC §13): the workspace's runs, oldest first — run id, as-of date, inputs, counts by class, form
/// rows — reverted runs included and marked, with when and why. Facts from the case store (`runs`,
/// `reverted_runs`) and each run folder's manifest.
public struct RunListing: Sendable {
    /// One run.
    public struct Item: Sendable {
        public let run: RunEntry
        /// Set when the run was reverted.
        public let reverted: RevertedRun?
        /// Its folder: `runs/<id>` or `reverted/<n>-<id>`.
        public let folder: String
        /// Its manifest, when the file could be read.
        public let manifest: Manifest?
        /// `ok`, `changed` (not the manifest the case store committed), `missing` or `unreadable`.
        public let manifestState: String
    }

    public let items: [Item]

    /// Lists the workspace at `root`; a folder that is not a workspace is ``NotAWorkspace`` (64).
    public static func list(workspace root: String) throws -> RunListing {
        try RxBindError.guarding {
            let (workspace, runs, reverted) = try Audit.open(root)
            func item(_ run: RunEntry, _ r: RevertedRun?) -> Item {
                let folder = r.map { workspace.revertedDirectory($0) } ?? workspace.runDirectory(run.runID)
                let file = ManifestFile(path: folder + "/manifest.json")
                let state: String
                switch file.state {
                case .missing: state = "missing"
                case .unreadable: state = "unreadable"
                case .read(_, let sha): state = file.decoded == nil ? "unreadable" : sha == run.manifestSHA256 ? "ok" : "changed"
                }
                return Item(run: run, reverted: r, folder: folder, manifest: file.decoded, manifestState: state)
            }
            // A run's place in time: its number in the history; a night reverted and run again had that number first,
            // so at the same number reverted runs (in revert order) come before the one that stands.
            let all = runs.map { item($0, nil) } + reverted.map { item($0.run, $0) }
            let ordered = all.sorted {
                ($0.run.seq, $0.reverted == nil ? 1 : 0, $0.reverted?.seq ?? 0) < ($1.run.seq, $1.reverted == nil ? 1 : 0, $1.reverted?.seq ?? 0)
            }
            return RunListing(items: ordered)
        }
    }

    // MARK: the terminal table

    /// A table with CJK-aware column widths, notes for reverted runs and unreadable manifests, and a total.
    public func table() -> String {
        guard !items.isEmpty else { return localized(.runsNone) }
        let header = [localized(.runsHeaderRun), localized(.runsHeaderAsOf), localized(.runsHeaderStatus),
                      localized(.runsHeaderCases), localized(.runsHeaderInvalid)]
            + CaseClass.allCases.map { localized(Self.headerKey($0)) }
            + [localized(.runsHeaderFormRows), localized(.runsHeaderInputs)]
        // The counts, between the status and the inputs, are right-aligned.
        let numeric = 3..<(header.count - 1)
        let rows = items.map { i -> [String] in
            let counts = i.manifest?.counts
            func n(_ v: Int?) -> String { v.map(String.init) ?? "?" }
            return [i.run.runID, i.run.asOf.iso, localized(i.reverted == nil ? .runsStatusCommitted : .runsStatusReverted),
                    n(counts?.cases), n(counts?.invalidRows)]
                + CaseClass.allCases.map { c in counts.map { String($0.byClass[c.code] ?? 0) } ?? "?" }
                + [n(counts?.formRows),
                   i.manifest.map { m in
                       m.inputs.map { localized(.runsInput, ["role": Audit.roleName($0.role), "name": $0.name, "rows": $0.rowsRead]) }
                           .joined(separator: Language.current == .chinese ? "；" : "; ")
                   } ?? "?"]
        }
        var widths = header.map(TextTable.displayWidth)
        for row in rows { for (k, c) in row.enumerated() { widths[k] = max(widths[k], TextTable.displayWidth(c)) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { k, c in
                let gap = String(repeating: " ", count: widths[k] - TextTable.displayWidth(c))
                if k == cells.count - 1 { return c }
                return (numeric.contains(k) ? gap + c : c + gap) + "  "
            }.joined()
        }
        var out = [line(header)] + rows.map(line)
        for i in items {
            if let r = i.reverted {
                out.append(localized(.runsRevertedNote, ["run": i.run.runID, "at": r.revertedAt, "why": r.why,
                                                         "folder": "reverted/" + r.folder]))
            }
            if i.manifestState != "ok" { out.append(localized(.runsManifestProblem, ["run": i.run.runID])) }
        }
        out.append(localized(.runsTotal, ["runs": items.count, "reverted": items.count { $0.reverted != nil }]))
        return out.joined(separator: "\n")
    }

    static func headerKey(_ c: CaseClass) -> MessageKey {
        switch c {
        case .portalAccount: return .runsHeaderPortal
        case .identityMismatch: return .runsHeaderIdentity
        case .legacyID15: return .runsHeaderLegacy
        case .noQualification: return .runsHeaderNoQualification
        case .missingRegistryRecord: return .runsHeaderMissingRecord
        }
    }

    // MARK: --format csv

    /// `--format csv`'s header: the table's columns as codes, then the revert's facts and the manifest's state.
    /// `inputs` lists `role:name:rows_read` for each input, `|`-separated.
    public static var csvHeader: [String] {
        ["run_id", "as_of", "status", "cases", "invalid_rows"] + CaseClass.allCases.map(\.code)
            + ["form_rows", "inputs", "reverted_at", "reverted_why", "manifest", "manifest_sha256"]
    }

    /// The CSV rows, in the table's order; counts empty when the manifest could not be read.
    public func csvRows() -> [[String]] {
        items.map { i in
            let counts = i.manifest?.counts
            func n(_ v: Int?) -> String { v.map(String.init) ?? "" }
            return [i.run.runID, i.run.asOf.iso, i.reverted == nil ? "committed" : "reverted",
                    n(counts?.cases), n(counts?.invalidRows)]
                + CaseClass.allCases.map { c in counts.map { String($0.byClass[c.code] ?? 0) } ?? "" }
                + [n(counts?.formRows),
                   i.manifest?.inputs.map { "\($0.role.rawValue):\($0.name):\($0.rowsRead)" }.joined(separator: "|") ?? "",
                   i.reverted?.revertedAt ?? "", i.reverted?.why ?? "", i.manifestState, i.run.manifestSHA256]
        }
    }
}
