import Foundation

/// One line of an audit report.
public struct AuditCheck: Sendable, Hashable {
    public enum Outcome: String, Sendable { case ok = "ok", mismatch = "MISMATCH", missing = "MISSING", note = "note" }
    /// What was checked (a file name, "input failures-a.csv", "chain to previous run", …).
    public let subject: String
    public let outcome: Outcome
    public let detail: String

    public var passed: Bool { outcome == .ok || outcome == .note }
}

/// The result of `audit verify` or `audit rerun`.
public struct AuditReport: Sendable {
    public let runID: String
    public let checks: [AuditCheck]
    public var passed: Bool { checks.allSatisfy(\.passed) }
}

/// `rxbind audit verify` and `rxbind audit rerun` (SPEC §8).
public enum Audit {
    /// Opens a workspace for auditing: finishes an interrupted run first when no run is under way.
    static func open(_ root: String) throws -> (Workspace, [RunEntry], [RevertedRun]) {
        let workspace = Workspace(root: root)
        guard workspace.exists else {
            throw RxBindError.notAWorkspace(path: root)
        }
        let store = try CaseStore(path: workspace.storePath, readOnly: true)
        var runs = try store.runs()
        if let lock = try? WorkspaceLock(workspace: root, holder: WorkspaceLock.describeThisProcess(command: "rxbind audit")) {
            try workspace.recover(runs: runs, reverted: try store.revertedRuns())
            lock.release()
            runs = try store.runs()
        }
        return (workspace, runs, try store.revertedRuns())
    }

    static func entry(_ runID: String, in runs: [RunEntry]) throws -> RunEntry {
        guard RunID.isWellFormed(runID), let e = runs.first(where: { $0.runID == runID }) else {
            throw RxBindError.unknownRun(runID: runID, known: runs.map(\.runID))
        }
        return e
    }

    /// Re-hashes the run's outputs and archived inputs against its manifest, and checks the manifest chain.
    public static func verify(workspace root: String, runID: String) throws -> AuditReport {
        let (workspace, runs, reverted) = try open(root)
        if !runs.contains(where: { $0.runID == runID }), let r = reverted.last(where: { $0.run.runID == runID }) {
            return verifyReverted(r, in: workspace)
        }
        let entry = try entry(runID, in: runs)
        return try verify(entry, directory: workspace.runDirectory(runID), runs: runs, in: workspace)
    }

    /// A reverted run (SPEC §11): its record beside its folder, and its folder still what its manifest says. Its
    /// place in the manifest chain is gone — the next run links to the run before it — so the chain is not checked.
    static func verifyReverted(_ r: RevertedRun, in workspace: Workspace) -> AuditReport {
        var checks = [AuditCheck(subject: localized(.auditRevertedSubject), outcome: .note,
                                 detail: localized(.auditRevertedDetail, ["at": r.revertedAt, "why": r.why]))]
        let recordPath = workspace.revertedRecord(r)
        let record = (try? FileSystem.read(recordPath)).flatMap { try? JSONDecoder().decode(RevertRecord.self, from: Data($0)) }
        if let record, record.runID == r.run.runID, record.manifestSHA256 == r.run.manifestSHA256, record.why == r.why {
            checks.append(AuditCheck(subject: FileSystem.lastComponent(of: recordPath), outcome: .ok,
                                     detail: localized(.auditRevertRecordMatches)))
        } else {
            checks.append(AuditCheck(subject: FileSystem.lastComponent(of: recordPath), outcome: record == nil ? .missing : .mismatch,
                                     detail: localized(.auditRevertRecordDiffers)))
        }
        let dir = workspace.revertedDirectory(r)
        guard let inner = try? verify(r.run, directory: dir, runs: [], in: workspace) else {
            checks.append(AuditCheck(subject: "manifest.json", outcome: .missing, detail: localized(.auditNotIn, ["dir": dir])))
            return AuditReport(runID: r.run.runID, checks: checks)
        }
        return AuditReport(runID: r.run.runID, checks: checks + inner.checks)
    }

    /// Checks one run's folder against its manifest and the archive; `runs` places it in the chain (empty: not
    /// checked).
    static func verify(_ entry: RunEntry, directory dir: String, runs: [RunEntry],
                       in workspace: Workspace) throws -> AuditReport {
        let runID = entry.runID
        var checks: [AuditCheck] = []
        let manifestPath = dir + "/manifest.json"
        guard FileSystem.exists(manifestPath) else {
            return AuditReport(runID: runID, checks: [AuditCheck(subject: "manifest.json", outcome: .missing,
                                                                 detail: localized(.auditNotIn, ["dir": dir]))])
        }
        let manifestBytes = try FileSystem.read(manifestPath)
        let manifestSHA = Digest.sha256(manifestBytes)
        checks.append(AuditCheck(subject: "manifest.json",
                                 outcome: manifestSHA == entry.manifestSHA256 ? .ok : .mismatch,
                                 detail: manifestSHA == entry.manifestSHA256 ? "as committed"
                                     : "its SHA-256 is not the one the case store committed"))
        let manifest: Manifest
        do { manifest = try Manifest.decode(manifestBytes) } catch {
            checks.append(AuditCheck(subject: "manifest.json", outcome: .mismatch, detail: "not a readable manifest"))
            return AuditReport(runID: runID, checks: checks)
        }
        // The chain: this manifest names the previous run's; the next run's names this one.
        if let i = runs.firstIndex(of: entry) {
            let previous = i > 0 ? runs[i - 1] : nil
            checks.append(chainCheck("link to previous run", expected: previous?.manifestSHA256,
                                     found: manifest.previousManifestSHA256, otherRun: previous?.runID))
            if let p = previous, FileSystem.exists(workspace.runDirectory(p.runID) + "/manifest.json") {
                let sha = try FileSystem.hash(workspace.runDirectory(p.runID) + "/manifest.json").sha256
                checks.append(AuditCheck(subject: "previous run's manifest (\(p.runID))",
                                         outcome: sha == p.manifestSHA256 ? .ok : .mismatch,
                                         detail: sha == p.manifestSHA256 ? "as committed" : "changed since it was committed"))
            }
            if i + 1 < runs.count {
                let next = runs[i + 1]
                let nextPath = workspace.runDirectory(next.runID) + "/manifest.json"
                let nextManifest = (try? FileSystem.read(nextPath)).flatMap { try? Manifest.decode($0) }
                checks.append(chainCheck("link from next run (\(next.runID))", expected: manifestSHA,
                                         found: nextManifest?.previousManifestSHA256, otherRun: next.runID))
            }
        }
        for output in manifest.outputs {
            checks.append(fileCheck(output.name, path: dir + "/" + output.name, sha256: output.sha256, bytes: output.bytes))
        }
        let listed = Set(manifest.outputs.map(\.name) + ["manifest.json"])
        for extra in FileSystem.list(dir) where !listed.contains(extra) {
            checks.append(AuditCheck(subject: extra, outcome: .mismatch, detail: "is in the run folder but not in the manifest"))
        }
        for input in manifest.inputs {
            checks.append(fileCheck("input \(input.name) (\(input.role.rawValue))",
                                    path: workspace.archive.path(for: input.sha256), sha256: input.sha256, bytes: input.bytes))
        }
        checks.append(fileCheck("templates", path: workspace.archive.path(for: manifest.templates.sha256),
                                sha256: manifest.templates.sha256, bytes: manifest.templates.bytes))
        checks.append(fileCheck("prior case state", path: workspace.archive.path(for: manifest.priorState.sha256),
                                sha256: manifest.priorState.sha256, bytes: manifest.priorState.bytes))
        if manifest.priorState.sha256 != entry.priorStateSHA256 {
            checks.append(AuditCheck(subject: "prior case state", outcome: .mismatch,
                                     detail: "the manifest names another state than the case store committed"))
        }
        return AuditReport(runID: runID, checks: checks)
    }

    static func chainCheck(_ subject: String, expected: String?, found: String?, otherRun: String?) -> AuditCheck {
        if expected == found { return AuditCheck(subject: subject, outcome: .ok, detail: found == nil ? "first run" : "intact") }
        return AuditCheck(subject: subject, outcome: .mismatch,
                          detail: "the manifest chain is broken: a manifest was changed after \(otherRun ?? "the first run") was written")
    }

    static func fileCheck(_ subject: String, path: String, sha256: String, bytes: Int) -> AuditCheck {
        guard FileSystem.exists(path) else { return AuditCheck(subject: subject, outcome: .missing, detail: "not found") }
        guard let (sha, size) = try? FileSystem.hash(path) else {
            return AuditCheck(subject: subject, outcome: .missing, detail: "cannot be read")
        }
        if sha == sha256 && size == bytes { return AuditCheck(subject: subject, outcome: .ok, detail: "SHA-256 matches") }
        return AuditCheck(subject: subject, outcome: .mismatch,
                          detail: "SHA-256 \(sha.prefix(12))… (\(size) bytes), manifest says \(sha256.prefix(12))… (\(bytes) bytes)")
    }
}
