import Files
import Foundation

/// A workspace folder: one province's state (SPEC §5).
///
/// ```
/// rxbind.sqlite      the case store
/// rxbind.lock        one run at a time
/// archive/           every input ever used, the templates and each run's prior case state, by SHA-256 (0400)
/// runs/<run-id>/     each run's outputs, visible only once complete
/// reverted/          runs undone by `rxbind revert`: `<n>-<run-id>/` (the folder as it was) and `<n>-<run-id>.json`
/// .staging/          where a run writes before its outputs appear (never under runs/)
/// ```
public struct Workspace: Sendable {
    public let root: String

    public init(root: String) {
        // Keep the path as given but without a trailing slash, so messages and joins read well.
        var r = root
        while r.count > 1, r.hasSuffix("/") { r.removeLast() }
        self.root = r
    }

    public var storePath: String { root + "/rxbind.sqlite" }
    public var runsDirectory: String { root + "/runs" }
    public var stagingRoot: String { root + "/.staging" }
    public var archive: Archive { Archive(root: root + "/archive") }
    public var revertedRoot: String { root + "/reverted" }

    public func runDirectory(_ runID: String) -> String { runsDirectory + "/" + runID }
    func stagingDirectory(_ runID: String) -> String { stagingRoot + "/" + runID }
    func retiredDirectory(_ runID: String) -> String { stagingRoot + "/" + runID + ".old" }
    /// Where a run being reverted waits between leaving `runs/` and reaching `reverted/`.
    func revertingDirectory(_ runID: String) -> String { stagingRoot + "/" + runID + ".revert" }
    /// A reverted run's folder.
    public func revertedDirectory(_ r: RevertedRun) -> String { revertedRoot + "/" + r.folder }
    /// A reverted run's record.
    public func revertedRecord(_ r: RevertedRun) -> String { revertedRoot + "/" + r.folder + ".json" }

    /// Whether the folder holds a workspace.
    public var exists: Bool { FileSystem.exists(storePath) }

    /// Creates the folders (0700) if missing.
    func create() throws {
        for d in [root, runsDirectory, stagingRoot, archive.root] { try FileSystem.makeDirectory(d) }
    }

    /// Whether a run's outputs are visible.
    public func hasRun(_ runID: String) -> Bool { FileSystem.exists(runDirectory(runID) + "/manifest.json") }

    /// Finishes whatever a killed process left — a run's or a revert's folder (``recover(runs:reverted:)``), a staff
    /// action's log line (``ActionLog/recover(store:)``) — and returns the runs. Needs the workspace lock and a
    /// writable store.
    func finishInterrupted(store: CaseStore) throws -> [RunEntry] {
        try recover(runs: try store.runs(), reverted: try store.revertedRuns())
        try ActionLog(workspace: self).recover(store: store)
        return try store.runs()
    }

    /// Brings the folders in line with the committed store after a run was killed (SPEC §5, crash safety).
    ///
    /// A run writes its outputs under `.staging/<id>`, commits the store, then renames the folder to `runs/<id>`.
    /// Killed before the commit, its staging folder is a leftover: removed. Killed between the commit and the
    /// rename, the store already has the run: the rename is finished here (the staging folder holds a manifest whose
    /// hash the store recorded). A redo (`--force`) first retires the old folder to `.staging/<id>.old`, likewise
    /// finished or undone here. Needs the workspace lock.
    ///
    /// A revert moves the run's folder to `.staging/<id>.revert`, commits the store, then moves the folder under
    /// `reverted/`: killed before the commit, the folder goes back to `runs/`; after it, the move is finished.
    func recover(runs: [RunEntry], reverted: [RevertedRun]) throws {
        guard FileSystem.isDirectory(stagingRoot) else { return }
        let committed = Dictionary(runs.map { ($0.runID, $0) }, uniquingKeysWith: { $1 })
        for name in FileSystem.list(stagingRoot) {
            let path = stagingRoot + "/" + name
            if name.hasSuffix(".revert") {
                let id = String(name.dropLast(".revert".count))
                if let entry = committed[id], !FileSystem.exists(runDirectory(id)),
                   (try? FileSystem.hash(path + "/manifest.json").sha256) == entry.manifestSHA256 {
                    // The revert never committed: the run is still in the history.
                    try FileSystem.rename(path, to: runDirectory(id))
                    try FileSystem.syncDirectory(runsDirectory)
                    continue
                }
                if committed[id] == nil, let r = reverted.last(where: { $0.run.runID == id }),
                   !FileSystem.exists(revertedDirectory(r)) {
                    try finishRevert(r)
                    continue
                }
            }
            if let entry = committed[name] {
                let manifest = path + "/manifest.json"
                if FileSystem.exists(manifest), (try? FileSystem.hash(manifest).sha256) == entry.manifestSHA256 {
                    // Committed but not yet visible: finish the rename (retiring what is there).
                    if FileSystem.exists(runDirectory(name)) {
                        try FileSystem.remove(retiredDirectory(name))
                        try FileSystem.rename(runDirectory(name), to: retiredDirectory(name))
                    }
                    try FileSystem.rename(path, to: runDirectory(name))
                    try FileSystem.syncDirectory(runsDirectory)
                    continue
                }
            }
            if name.hasSuffix(".old") {
                let id = String(name.dropLast(4))
                if !FileSystem.exists(runDirectory(id)), let entry = committed[id],
                   (try? FileSystem.hash(path + "/manifest.json").sha256) == entry.manifestSHA256 {
                    // The retired folder is still the committed one: put it back.
                    try FileSystem.rename(path, to: runDirectory(id))
                    continue
                }
            }
            try FileSystem.remove(path)
        }
        try FileSystem.syncDirectory(stagingRoot)
    }

    /// The failure exports the given runs read (by SHA-256, the latest run naming each), from their manifests —
    /// each checked against the hash the case store committed. Runs whose manifest is missing or changed are
    /// returned apart, so the caller can say that they could not be checked.
    func failureExports(of runs: [RunEntry]) -> (bySHA256: [String: RunEntry], unreadable: [RunEntry]) {
        var bySHA256: [String: RunEntry] = [:]
        var unreadable: [RunEntry] = []
        for run in runs {
            let path = runDirectory(run.runID) + "/manifest.json"
            guard let bytes = try? FileSystem.read(path), Digest.sha256(bytes) == run.manifestSHA256,
                  let manifest = try? Manifest.decode(bytes) else {
                unreadable.append(run)
                continue
            }
            for input in manifest.inputs where input.role == .failures && input.rowsRead > 0 {
                bySHA256[input.sha256] = run
            }
        }
        return (bySHA256, unreadable)
    }

    /// Moves a reverted run's folder from `.staging/<id>.revert` under `reverted/`, its record beside it.
    func finishRevert(_ r: RevertedRun) throws {
        try FileSystem.makeDirectory(revertedRoot)
        let record = revertedRecord(r)
        if !FileSystem.exists(record) {
            let temp = record + ".tmp"
            try FileSystem.remove(temp)
            let file = try OutputFile(path: temp)
            try file.write(try RevertRecord(r).encoded())
            try file.close()
            try FileSystem.rename(temp, to: record)
        }
        CrashPoint.reached("revert-record")
        try FileSystem.rename(revertingDirectory(r.run.runID), to: revertedDirectory(r))
        try FileSystem.syncDirectory(revertedRoot)
        try FileSystem.syncDirectory(stagingRoot)
    }

    /// Makes a committed run's outputs visible: `.staging/<id>` → `runs/<id>`, retiring an older folder of the same
    /// id (a redo) first.
    func publish(_ runID: String) throws {
        if FileSystem.exists(runDirectory(runID)) {
            try FileSystem.remove(retiredDirectory(runID))
            try FileSystem.rename(runDirectory(runID), to: retiredDirectory(runID))
            CrashPoint.reached("retire")
        }
        try FileSystem.rename(stagingDirectory(runID), to: runDirectory(runID))
        try FileSystem.syncDirectory(runsDirectory)
        try FileSystem.remove(retiredDirectory(runID))
    }
}
