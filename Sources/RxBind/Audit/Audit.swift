import Files
import Foundation

/// One line of an audit report.
public struct AuditCheck: Sendable, Hashable {
    /// How a check came out. `rawValue` is a stable code; ``label`` is what people read.
    public enum Outcome: String, Sendable {
        case ok, mismatch, missing, unreadable, note

        /// The outcome's word on the terminal, in the process's language.
        public var label: String {
            switch self {
            case .ok: return localized(.auditOutcomeOK)
            case .mismatch: return localized(.auditOutcomeMismatch)
            case .missing: return localized(.auditOutcomeMissing)
            case .unreadable: return localized(.auditOutcomeUnreadable)
            case .note: return localized(.auditOutcomeNote)
            }
        }
    }

    /// What was checked (a file name, an archived input, a link of the manifest chain …), ready to print.
    public let subject: String
    public let outcome: Outcome
    /// What was found, ready to print (never a full ID or phone number).
    public let detail: String

    public init(subject: String, outcome: AuditCheck.Outcome, detail: String) {
        self.subject = subject
        self.outcome = outcome
        self.detail = detail
    }

    public var passed: Bool { outcome == .ok || outcome == .note }
}

/// The result of checking one run: `audit verify`, `audit rerun`, or one run of `audit verify --all`.
public struct AuditReport: Sendable {
    public let runID: String
    /// The run's as-of date (`YYYY-MM-DD`).
    public let asOf: String
    /// Set when the run was reverted (SPEC §11).
    public let reverted: RevertedRun?
    public let checks: [AuditCheck]

    public var passed: Bool { checks.allSatisfy(\.passed) }
    /// The checks that failed, in order.
    public var problems: [AuditCheck] { checks.filter { !$0.passed } }
}

/// `rxbind audit verify` and `rxbind audit rerun` (SPEC §8, §13).
public enum Audit {
    /// Opens a workspace for auditing: finishes an interrupted run first when no run is under way.
    static func open(_ root: String) throws -> (Workspace, [RunEntry], [RevertedRun]) {
        let workspace = Workspace(root: root)
        guard workspace.exists else {
            throw RxBindError.notAWorkspace(path: root)
        }
        let store = try CaseStore(path: workspace.storePath, readOnly: true)
        var runs = try store.runs()
        // With no run under way, finish what a killed one left: a run's folder, a staff action's log line.
        if let lock = try? WorkspaceLock(workspace: root, holder: WorkspaceLock.describeThisProcess(command: "rxbind audit")) {
            defer { lock.release() }
            try workspace.recover(runs: runs, reverted: try store.revertedRuns())
            if try store.actionsState().pending != nil {
                try ActionLog(workspace: workspace).recover(store: try CaseStore(path: workspace.storePath))
            }
            runs = try store.runs()
        }
        return (workspace, runs, try store.revertedRuns())
    }

    /// The run named `runID`: a committed one, else the latest revert of it; unknown is a usage error.
    static func find(_ runID: String, runs: [RunEntry], reverted: [RevertedRun]) throws -> (RunEntry, RevertedRun?) {
        if RunID.isWellFormed(runID) {
            if let e = runs.first(where: { $0.runID == runID }) { return (e, nil) }
            if let r = reverted.last(where: { $0.run.runID == runID }) { return (r.run, r) }
        }
        throw RxBindError.unknownRun(runID: runID, known: runs.map(\.runID))
    }

    /// Re-hashes the run's outputs and archived inputs against its manifest, and checks the run's links in the
    /// manifest chain: to the previous run's manifest and from the next one's.
    public static func verify(workspace root: String, runID: String) throws -> AuditReport {
        try RxBindError.guarding {
            let (workspace, runs, reverted) = try open(root)
            let (entry, revertedRun) = try find(runID, runs: runs, reverted: reverted)
            if let r = revertedRun { return verifyReverted(r, in: workspace, hashes: HashCache()) }
            let i = runs.firstIndex(of: entry)!
            let link = { (e: RunEntry) in (e, ManifestFile(path: workspace.runDirectory(e.runID) + "/manifest.json")) }
            let chain = Chain(checked: true, previous: i > 0 ? link(runs[i - 1]) : nil,
                              next: i + 1 < runs.count ? link(runs[i + 1]) : nil)
            return verify(entry, directory: workspace.runDirectory(runID), chain: chain, in: workspace, hashes: HashCache())
        }
    }

    /// Every run, the whole manifest chain, every reverted run (SPEC §13) and the staff actions' log (SPEC §14), in
    /// one go.
    public static func verifyAll(workspace root: String) throws -> WorkspaceAudit {
        try RxBindError.guarding {
            let (workspace, runs, reverted) = try open(root)
            let hashes = HashCache()
            let manifests = runs.map { ManifestFile(path: workspace.runDirectory($0.runID) + "/manifest.json") }
            // Each link is checked once, from the later run: its manifest names the previous manifest, whose file
            // must still hash to that name and to what the case store committed.
            let reports = runs.indices.map { i in
                verify(runs[i], directory: workspace.runDirectory(runs[i].runID),
                       chain: Chain(checked: true, previous: i > 0 ? (runs[i - 1], manifests[i - 1]) : nil, next: nil),
                       in: workspace, hashes: hashes)
            }
            let revertedReports = reverted.map { verifyReverted($0, in: workspace, hashes: hashes) }
            return WorkspaceAudit(workspace: workspace.root, runs: reports, reverted: revertedReports,
                                  actions: actionLogChecks(in: workspace),
                                  strays: strays(in: workspace, runs: runs, reverted: reverted))
        }
    }

    /// `actions.log` (SPEC §14): its hash chain, its head as the case store committed it, and the same actions as
    /// the store's notes and closes.
    static func actionLogChecks(in workspace: Workspace) -> [AuditCheck] {
        let subject = "actions.log"
        let result: (lines: Int, findings: [ActionLog.Finding])
        do {
            let store = try CaseStore(path: workspace.storePath, readOnly: true)
            result = try ActionLog(workspace: workspace).verify(store: store)
        } catch {
            return [AuditCheck(subject: subject, outcome: .unreadable,
                               detail: localized(.auditFileUnreadable, ["why": error.localizedDescription]))]
        }
        if result.findings.isEmpty {
            return [AuditCheck(subject: subject, outcome: .ok, detail: localized(.auditActionsIntact, ["lines": result.lines]))]
        }
        return result.findings.map { finding in
            let detail: String
            switch finding {
            case .unreadable(let line): detail = localized(.auditActionsUnreadableLine, ["line": line])
            case .brokenChain(let line): detail = localized(.auditActionsBrokenChain, ["line": line])
            case let .headMismatch(lines, count): detail = localized(.auditActionsHeadMismatch, ["lines": lines, "count": count])
            case .notInStore(let line): detail = localized(.auditActionsNotInStore, ["line": line])
            case .notLogged(let count): detail = localized(.auditActionsNotLogged, ["count": count])
            }
            return AuditCheck(subject: subject, outcome: .mismatch, detail: detail)
        }
    }

    /// Entries of `runs/` and `reverted/` that no record of the case store explains.
    static func strays(in workspace: Workspace, runs: [RunEntry], reverted: [RevertedRun]) -> [AuditCheck] {
        var out: [AuditCheck] = []
        let committed = Set(runs.map(\.runID))
        for name in FileSystem.list(workspace.runsDirectory) where !committed.contains(name) {
            out.append(AuditCheck(subject: "runs/" + name, outcome: .mismatch, detail: localized(.auditStrayRun)))
        }
        let recorded = Set(reverted.flatMap { [$0.folder, $0.folder + ".json"] })
        // A record's temporary file is what a revert killed while writing it leaves; the next revert replaces it.
        for name in FileSystem.list(workspace.revertedRoot) where !recorded.contains(name) && !name.hasSuffix(".tmp") {
            out.append(AuditCheck(subject: "reverted/" + name, outcome: .mismatch, detail: localized(.auditStrayReverted)))
        }
        return out
    }

    /// A reverted run (SPEC §11): its record beside its folder, and its folder still what its manifest says. Its
    /// place in the manifest chain is gone — the next run links to the run before it — so the chain is not checked.
    static func verifyReverted(_ r: RevertedRun, in workspace: Workspace, hashes: HashCache) -> AuditReport {
        var checks = [AuditCheck(subject: localized(.auditRevertedSubject), outcome: .note,
                                 detail: localized(.auditRevertedDetail, ["at": r.revertedAt, "why": r.why]))]
        checks.append(recordCheck(r, path: workspace.revertedRecord(r)))
        let inner = verify(r.run, directory: workspace.revertedDirectory(r), chain: .none, in: workspace, hashes: hashes)
        return AuditReport(runID: r.run.runID, asOf: r.run.asOf.iso, reverted: r, checks: checks + inner.checks)
    }

    /// `reverted/<n>-<run-id>.json` against the case store's `reverted_runs` row: the same facts, field by field.
    static func recordCheck(_ r: RevertedRun, path: String) -> AuditCheck {
        let subject = FileSystem.lastComponent(of: path)
        guard FileSystem.exists(path) else {
            return AuditCheck(subject: subject, outcome: .missing, detail: localized(.auditRevertRecordMissing))
        }
        let record: RevertRecord
        do { record = try JSONDecoder().decode(RevertRecord.self, from: Data(try FileSystem.read(path))) } catch {
            return AuditCheck(subject: subject, outcome: .unreadable, detail: localized(.auditRevertRecordUnreadable))
        }
        let expected = RevertRecord(r)
        let fields: [(String, Bool)] = [
            ("format", record.format == expected.format), ("run_id", record.runID == expected.runID),
            ("run_seq", record.runSeq == expected.runSeq), ("as_of", record.asOf == expected.asOf),
            ("manifest_sha256", record.manifestSHA256 == expected.manifestSHA256),
            ("prior_state_sha256", record.priorStateSHA256 == expected.priorStateSHA256),
            ("reverted_at", record.revertedAt == expected.revertedAt), ("why", record.why == expected.why),
        ]
        let differing = fields.filter { !$0.1 }.map(\.0)
        if differing.isEmpty {
            return AuditCheck(subject: subject, outcome: .ok, detail: localized(.auditRevertRecordMatches))
        }
        return AuditCheck(subject: subject, outcome: .mismatch,
                          detail: localized(.auditRevertRecordFields, ["fields": localizedList(differing)]))
    }

    /// Where a run stands in the manifest chain, as far as one check needs it.
    struct Chain {
        /// Whether the run's links are checked at all (a reverted run has none).
        var checked: Bool
        /// The run before it in the history and that run's manifest file; nil for the first run.
        var previous: (entry: RunEntry, manifest: ManifestFile)?
        /// The run after it; nil when it is the latest, or when the next run's own link check covers it.
        var next: (entry: RunEntry, manifest: ManifestFile)?

        static let none = Chain(checked: false, previous: nil, next: nil)
    }

    /// Checks one run's folder against its manifest and the archive, and its links in the chain. Never throws: a
    /// file that cannot be read is a finding of the report, not the end of the audit.
    static func verify(_ entry: RunEntry, directory dir: String, chain: Chain, in workspace: Workspace,
                       hashes: HashCache) -> AuditReport {
        func report(_ checks: [AuditCheck]) -> AuditReport {
            AuditReport(runID: entry.runID, asOf: entry.asOf.iso, reverted: nil, checks: checks)
        }
        let file = ManifestFile(path: dir + "/manifest.json")
        let bytes: [UInt8]
        switch file.state {
        case .missing:
            return report([AuditCheck(subject: "manifest.json", outcome: .missing, detail: localized(.auditNotIn, ["dir": dir]))])
        case .unreadable(let why):
            return report([AuditCheck(subject: "manifest.json", outcome: .unreadable,
                                      detail: localized(.auditFileUnreadable, ["why": why]))])
        case .read(let b, let sha):
            bytes = b
            let same = sha == entry.manifestSHA256
            var checks = [AuditCheck(subject: "manifest.json", outcome: same ? .ok : .mismatch,
                                     detail: localized(same ? .auditAsCommitted : .auditManifestNotCommitted))]
            let manifest: Manifest
            do { manifest = try Manifest.decode(bytes) } catch {
                checks.append(AuditCheck(subject: "manifest.json", outcome: .unreadable, detail: localized(.auditManifestUnreadable)))
                return report(checks)
            }
            if chain.checked {
                checks.append(linkToPrevious(manifest, previous: chain.previous))
                if let next = chain.next { checks.append(linkFromNext(sha, entry: entry, next: next)) }
            }
            checks += contents(of: manifest, entry: entry, directory: dir, in: workspace, hashes: hashes)
            return report(checks)
        }
    }

    /// The outputs in the folder and the archived files the manifest names.
    static func contents(of manifest: Manifest, entry: RunEntry, directory dir: String, in workspace: Workspace,
                         hashes: HashCache) -> [AuditCheck] {
        var checks: [AuditCheck] = []
        for output in manifest.outputs {
            checks.append(fileCheck(output.name, path: dir + "/" + output.name, sha256: output.sha256,
                                    bytes: output.bytes, hashes: hashes))
        }
        let listed = Set(manifest.outputs.map(\.name) + ["manifest.json"])
        for extra in FileSystem.list(dir) where !listed.contains(extra) {
            checks.append(AuditCheck(subject: extra, outcome: .mismatch, detail: localized(.auditExtraFile)))
        }
        for item in archivedItems(of: manifest) {
            checks.append(fileCheck(item.subject, path: workspace.archive.path(for: item.sha256), sha256: item.sha256,
                                    bytes: item.bytes, hashes: hashes))
        }
        if manifest.priorState.sha256 != entry.priorStateSHA256 {
            checks.append(AuditCheck(subject: Archive.priorStateName, outcome: .mismatch,
                                     detail: localized(.auditPriorStateNotCommitted)))
        }
        return checks
    }

    /// An archived file a manifest names, as people call it.
    struct ArchivedItem {
        /// "input failures-a.csv (failure export)", "templates", "prior case state".
        let subject: String
        let sha256: String
        let bytes: Int
    }

    /// The inputs, the templates and the prior case state a run was made from.
    static func archivedItems(of manifest: Manifest) -> [ArchivedItem] {
        manifest.inputs.map {
            ArchivedItem(subject: localized(.auditSubjectInput, ["name": $0.name, "role": roleName($0.role)]),
                         sha256: $0.sha256, bytes: $0.bytes)
        } + [
            ArchivedItem(subject: Archive.templatesName, sha256: manifest.templates.sha256,
                         bytes: manifest.templates.bytes),
            ArchivedItem(subject: Archive.priorStateName, sha256: manifest.priorState.sha256,
                         bytes: manifest.priorState.bytes),
        ]
    }

    /// An input role's short name in audit reports.
    static func roleName(_ role: InputRole) -> String {
        switch role {
        case .failures: return localized(.auditRoleFailures)
        case .certificates: return localized(.auditRoleCertificates)
        case .registry: return localized(.auditRoleRegistry)
        }
    }

    /// This run's manifest names the previous run's manifest by its SHA-256: that must be what the case store
    /// committed for the previous run, and what the previous run's `manifest.json` still hashes to.
    static func linkToPrevious(_ manifest: Manifest, previous: (entry: RunEntry, manifest: ManifestFile)?) -> AuditCheck {
        let found = manifest.previousManifestSHA256
        guard let (p, file) = previous else {
            let subject = localized(.auditLinkFirstSubject)
            return found == nil ? AuditCheck(subject: subject, outcome: .ok, detail: localized(.auditLinkFirstOK))
                : AuditCheck(subject: subject, outcome: .mismatch, detail: localized(.auditLinkFirstNamesPrevious))
        }
        let subject = localized(.auditLinkSubject, ["run": p.runID])
        guard found == p.manifestSHA256 else {
            return AuditCheck(subject: subject, outcome: .mismatch, detail: localized(.auditLinkNotCommitted, [
                "found": found.map { String($0.prefix(12)) } ?? localized(.noneFound), "run": p.runID,
                "expected": p.manifestSHA256.prefix(12)]))
        }
        switch file.state {
        case .missing:
            return AuditCheck(subject: subject, outcome: .missing, detail: localized(.auditLinkPreviousMissing, ["run": p.runID]))
        case .unreadable(let why):
            return AuditCheck(subject: subject, outcome: .unreadable, detail: localized(.auditFileUnreadable, ["why": why]))
        case .read(_, let sha) where sha != found:
            return AuditCheck(subject: subject, outcome: .mismatch,
                              detail: localized(.auditLinkPreviousChanged, ["run": p.runID, "sha": sha.prefix(12)]))
        case .read:
            return AuditCheck(subject: subject, outcome: .ok, detail: localized(.auditLinkOK, ["run": p.runID]))
        }
    }

    /// The next run's manifest names this run's manifest: as the file is now, and as the case store committed it.
    static func linkFromNext(_ sha: String, entry: RunEntry, next: (entry: RunEntry, manifest: ManifestFile)) -> AuditCheck {
        let subject = localized(.auditLinkFromSubject, ["run": next.entry.runID])
        guard let m = next.manifest.decoded else {
            return AuditCheck(subject: subject, outcome: .missing,
                              detail: localized(.auditLinkFromMissing, ["run": next.entry.runID]))
        }
        if m.previousManifestSHA256 == sha && sha == entry.manifestSHA256 {
            return AuditCheck(subject: subject, outcome: .ok, detail: localized(.auditLinkFromOK, ["run": next.entry.runID]))
        }
        return AuditCheck(subject: subject, outcome: .mismatch, detail: localized(.auditLinkFromBroken, ["run": next.entry.runID]))
    }

    static func fileCheck(_ subject: String, path: String, sha256: String, bytes: Int, hashes: HashCache) -> AuditCheck {
        guard FileSystem.exists(path) else {
            return AuditCheck(subject: subject, outcome: .missing, detail: localized(.auditNotFound))
        }
        switch hashes.hash(path) {
        case .failure(let error):
            return AuditCheck(subject: subject, outcome: .unreadable,
                              detail: localized(.auditFileUnreadable, ["why": error.localizedDescription]))
        case .success(let found) where found.sha256 == sha256 && found.bytes == bytes:
            return AuditCheck(subject: subject, outcome: .ok, detail: localized(.auditShaMatches))
        case .success(let found):
            return AuditCheck(subject: subject, outcome: .mismatch, detail: localized(.auditShaDiffers, [
                "sha": found.sha256.prefix(12), "bytes": found.bytes, "expected": sha256.prefix(12),
                "expectedBytes": bytes]))
        }
    }
}

/// `audit verify --all`: every run, the chain and the reverted runs of one workspace.
public struct WorkspaceAudit: Sendable {
    /// The workspace folder as given.
    public let workspace: String
    /// The committed runs, oldest first.
    public let runs: [AuditReport]
    /// The reverted runs, in the order they were reverted.
    public let reverted: [AuditReport]
    /// The staff actions' log (SPEC §14).
    public let actions: [AuditCheck]
    /// Folders and files under `runs/` and `reverted/` that no record explains.
    public let strays: [AuditCheck]

    public var passed: Bool {
        runs.allSatisfy(\.passed) && reverted.allSatisfy(\.passed) && actions.allSatisfy(\.passed) && strays.isEmpty
    }
}

/// A run's `manifest.json` as found on disk.
struct ManifestFile {
    enum State {
        case missing
        case unreadable(String)
        case read([UInt8], sha256: String)
    }

    let path: String
    let state: State

    init(path: String) {
        self.path = path
        if !FileSystem.exists(path) {
            state = .missing
            return
        }
        do {
            let bytes = try FileSystem.read(path)
            state = .read(bytes, sha256: Digest.sha256(bytes))
        } catch {
            state = .unreadable(error.localizedDescription)
        }
    }

    /// The manifest, when the file was read and decodes.
    var decoded: Manifest? {
        guard case .read(let bytes, _) = state else { return nil }
        return try? Manifest.decode(bytes)
    }
}

/// Hashes of files already read in one audit: an archived roster that a hundred nights share is read once.
final class HashCache {
    struct FileHash { let sha256: String; let bytes: Int }
    private var known: [String: Result<FileHash, Error>] = [:]

    func hash(_ path: String) -> Result<FileHash, Error> {
        if let k = known[path] { return k }
        let r = Result { () throws -> FileHash in
            let (sha, bytes) = try FileSystem.hash(path)
            return FileHash(sha256: sha, bytes: bytes)
        }
        known[path] = r
        return r
    }
}
