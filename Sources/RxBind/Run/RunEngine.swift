import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// Reports progress of long stages (on a terminal only).
public protocol ProgressReporter: Sendable {
    /// A stage began or advanced; `count` rows so far.
    func update(_ stage: String, count: Int)
    /// The stage line is done.
    func finish()
}

/// What `rxbind run` did.
public struct RunSummary: Sendable {
    public let runID: String
    public let asOf: CalendarDate
    /// The run existed already: nothing was done.
    public let alreadyExisted: Bool
    public let runDirectory: String
    public let manifest: Manifest?
    public let files: [String]
}

/// `rxbind run` (SPEC §5–§6): read and check the night, decide it, write its outputs out of sight, archive its
/// inputs, commit the case store and make the outputs visible — in an order that leaves the workspace as if the run
/// never started or fully finished, whatever instant it is killed at.
public enum RunEngine {
    public static func run(_ options: RunOptions, progress: (any ProgressReporter)? = nil) throws -> RunSummary {
        // Nothing here touches the workspace until every input has been read and checked.
        let templates = try Templates(directory: options.templatesDirectory)
        var hashed: [(file: InputFile, sha256: String, bytes: Int)] = []
        var sniffers: [EncodingSniffer?] = []
        try Timings.measure("hash inputs") {
            for input in options.inputs {
                var sniffer: EncodingSniffer? = EncodingSniffer()
                let (sha, bytes) = try FileSystem.hash(input.path, sniffer: &sniffer)
                hashed.append((input, sha, bytes))
                sniffers.append(sniffer)
            }
        }
        let runID = RunID.compute(asOf: options.asOf, province: options.province, resendAfter: options.resendAfter,
                                  encoding: options.encoding, inputs: hashed.map { ($0.file.role, $0.sha256) },
                                  templatesSHA256: templates.sha256)
        let workspace = Workspace(root: options.workspace)
        if !options.force && workspace.hasRun(runID) {
            return RunSummary(runID: runID, asOf: options.asOf, alreadyExisted: true,
                              runDirectory: workspace.runDirectory(runID), manifest: nil, files: [])
        }
        if FileSystem.exists(workspace.root) && !FileSystem.isDirectory(workspace.root) {
            throw OutputProblem(path: workspace.root, detail: "a file stands where the workspace folder should be")
        }
        // An existing workspace is held from the start, so a second run finds it busy at once; a new one is
        // created (and locked) only once the inputs have been read and checked.
        var lock: WorkspaceLock? = nil
        if workspace.exists {
            lock = try WorkspaceLock(workspace: workspace.root,
                                     holder: WorkspaceLock.describeThisProcess(command: "rxbind run \(runID)"))
        }
        defer { lock?.release() }
        let night = try NightReader.read(zip(hashed, sniffers).map {
                                             NightReader.Source(file: $0.file, readPath: $0.file.path, sha256: $0.sha256,
                                                                bytes: $0.bytes, sniffer: $1)
                                         },
                                         asOf: options.asOf, encoding: options.encoding, progress: progress)

        let created = !FileSystem.exists(workspace.root)
        do {
            return try commitRun(runID: runID, night: consume night, templates: templates, options: options,
                                 workspace: workspace, hashed: hashed, lock: lock)
        } catch {
            // A first run that fails leaves no workspace behind (unless another run holds it: then it is theirs).
            if created && !(error is WorkspaceBusy) { try? FileSystem.remove(workspace.root) }
            throw error
        }
    }

    static func commitRun(runID: String, night: consuming Night, templates: Templates, options: RunOptions,
                          workspace: Workspace, hashed: [(file: InputFile, sha256: String, bytes: Int)],
                          lock: WorkspaceLock?) throws -> RunSummary {
        try workspace.create()
        let held = try lock ?? WorkspaceLock(workspace: workspace.root,
                                             holder: WorkspaceLock.describeThisProcess(command: "rxbind run \(runID)"))
        defer { held.release() }
        let store = try CaseStore(path: workspace.storePath)
        var runs = try store.runs()
        try workspace.recover(runs: runs)
        runs = try store.runs()

        var redo: RunEntry? = nil
        if let existing = runs.first(where: { $0.runID == runID }) {
            guard options.force else {
                return RunSummary(runID: runID, asOf: options.asOf, alreadyExisted: true,
                                  runDirectory: workspace.runDirectory(runID), manifest: nil, files: [])
            }
            guard existing == runs.last else {
                throw RunRefused(reason: "--force redoes only the workspace's latest run, and \(runID) has been "
                    + "followed by \(runs.last!.runID). Past nights are replayed with `rxbind audit rerun`, never rewritten.")
            }
            redo = existing
        }
        let previous = redo == nil ? runs.last : runs.dropLast().last
        if let latest = previous, options.asOf < latest.asOf {
            throw RunRefused(reason: "the as-of date \(options.asOf.iso) is earlier than the workspace's latest run "
                + "(\(latest.runID), as of \(latest.asOf.iso)). History is replayed with `rxbind audit rerun`, never rewritten.")
        }

        let prior: PriorState = try Timings.measure("prior case state") {
            if let r = redo { return try PriorState.parse(try workspace.archive.read(r.priorStateSHA256)) }
            return try PriorState.read(from: store)
        }

        let staging = workspace.stagingDirectory(runID)
        try FileSystem.remove(staging)
        try FileSystem.makeDirectory(staging)
        defer { try? FileSystem.remove(staging) }
        let execution = NightExecution(night: consume night, prior: prior, templates: templates, runID: runID,
                                       asOf: options.asOf, provinceOption: options.province,
                                       resendAfter: options.resendAfter, encoding: options.encoding,
                                       previousManifestSHA256: previous?.manifestSHA256)
        let scratch = staging + ".tmp"
        try FileSystem.remove(scratch)
        defer { try? FileSystem.remove(scratch) }
        // Beside the outputs: archive what a rerun needs, and write tonight's cases into the store's transaction —
        // staged, not committed, until every output is complete.
        let storeBox = UncheckedBox(store)
        let archive = workspace.archive
        let bundle = templates.bundle
        let redoRecords = redo == nil ? nil : prior.sortedRecords
        let result: NightExecution.Result
        do {
            result = try execution.write(into: staging, scratch: scratch) { outcome, _ in
                try Timings.measure("archive") {
                    for h in hashed { try archive.store(file: h.file.path, expectedSHA256: h.sha256) }
                    try archive.store(bytes: bundle)
                    try archive.store(bytes: prior.dump)
                }
                CrashPoint.reached("archive")
                try Timings.measure("stage case store") {
                    try storeBox.value.stage(replaceAll: redoRecords) { write in
                        try outcome.forEachUpdatedRecord(prior: prior.records, asOf: options.asOf, runID: runID, write)
                    }
                }
            }
        } catch {
            store.abandon()
            throw error
        }
        CrashPoint.reached("outputs")
        try Timings.measure("commit case store") {
            try store.finish(province: result.province, removeRun: redo?.runID,
                             addRun: RunEntry(seq: (previous?.seq ?? 0) + 1, runID: runID, asOf: options.asOf,
                                              manifestSHA256: result.manifestSHA256, priorStateSHA256: prior.sha256))
        }
        CrashPoint.reached("commit")
        try workspace.publish(runID)
        return RunSummary(runID: runID, asOf: options.asOf, alreadyExisted: false,
                          runDirectory: workspace.runDirectory(runID), manifest: result.manifest, files: result.files)
    }
}

/// A test hook for crash safety: with `RXBIND_CRASH_AT=<stage>` in the environment, the process dies on the spot
/// (as under SIGKILL: no clean-up runs) when it reaches that stage — `archive` (inputs archived, outputs partly
/// written), `outputs` (every output written and the case store's transaction staged, not committed), `commit`
/// (committed, not visible), `retire` (a redone run's old folder moved aside).
/// Kills at random instants rarely land in the short windows between those steps; this lands in each one.
enum CrashPoint {
    static let stage = ProcessInfo.processInfo.environment["RXBIND_CRASH_AT"]

    static func reached(_ name: String) {
        if stage == name { _exit(137) }
    }
}

/// Hands a value that is used by one thread at a time to another thread (the case store's connection moves to the
/// output thread while the main thread waits for it).
final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
