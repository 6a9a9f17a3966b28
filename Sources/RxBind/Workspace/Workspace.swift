import Foundation

/// A workspace folder: one province's state (SPEC §5).
///
/// ```
/// rxbind.sqlite      the case store
/// rxbind.lock        one run at a time
/// archive/           every input ever used, the templates and each run's prior case state, by SHA-256 (0400)
/// runs/<run-id>/     each run's outputs, visible only once complete
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

    public func runDirectory(_ runID: String) -> String { runsDirectory + "/" + runID }
    func stagingDirectory(_ runID: String) -> String { stagingRoot + "/" + runID }
    func retiredDirectory(_ runID: String) -> String { stagingRoot + "/" + runID + ".old" }

    /// Whether the folder holds a workspace.
    public var exists: Bool { FileSystem.exists(storePath) }

    /// Creates the folders (0700) if missing.
    func create() throws {
        for d in [root, runsDirectory, stagingRoot, archive.root] { try FileSystem.makeDirectory(d) }
    }

    /// Whether a run's outputs are visible.
    public func hasRun(_ runID: String) -> Bool { FileSystem.exists(runDirectory(runID) + "/manifest.json") }

    /// Brings the folders in line with the committed store after a run was killed (SPEC §5, crash safety).
    ///
    /// A run writes its outputs under `.staging/<id>`, commits the store, then renames the folder to `runs/<id>`.
    /// Killed before the commit, its staging folder is a leftover: removed. Killed between the commit and the
    /// rename, the store already has the run: the rename is finished here (the staging folder holds a manifest whose
    /// hash the store recorded). A redo (`--force`) first retires the old folder to `.staging/<id>.old`, likewise
    /// finished or undone here. Needs the workspace lock.
    func recover(runs: [RunEntry]) throws {
        guard FileSystem.isDirectory(stagingRoot) else { return }
        let committed = Dictionary(runs.map { ($0.runID, $0) }, uniquingKeysWith: { $1 })
        for name in FileSystem.list(stagingRoot) {
            let path = stagingRoot + "/" + name
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

/// A command that reads a workspace was given a folder that is not one: a usage error (64).
public struct NotAWorkspace: Error, LocalizedError, Sendable {
    public let path: String
    public var errorDescription: String? {
        "\(path) is not an rxbind workspace (it has no rxbind.sqlite). Give --workspace the folder `rxbind run` wrote to."
    }
}
