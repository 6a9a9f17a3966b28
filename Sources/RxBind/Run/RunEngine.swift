import Files
import DelimitedText
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

/// Something about a run that the person reading the terminal (or the scheduler's log) must see (SPEC §11), beside
/// the counts.
public enum RunNotice: Sendable, Equatable {
    /// The run created the workspace: its absolute path, so a mistyped path is seen the first night it happens.
    case newWorkspace(path: String)
    /// A failure export an earlier run read, processed again because of `--allow-repeat`.
    case repeatedExport(file: String, runID: String, asOf: String)
    /// An earlier run whose manifest could not be read, so its inputs could not be compared with tonight's.
    case unverifiableRun(runID: String)
    /// Rows that repeat an attempt already recorded (tonight in another file, or on an earlier night): counted once.
    case repeatedAttempts(rows: Int)
    /// Rows whose ID a spreadsheet program destroyed (`ID_MANGLED_BY_SPREADSHEET`).
    case mangledIDs(rows: Int)
    /// Failure rows naming another province.
    case otherProvinceRows(rows: Int)
    /// Roster and registry rows skipped or read with a warning.
    case referenceWarnings(rows: Int)
}

/// What `rxbind run` did.
public struct RunSummary: Sendable {
    public let runID: String
    public let asOf: CalendarDate
    /// The run existed already: nothing was done.
    public let alreadyExisted: Bool
    public let runDirectory: String
    public let manifest: Manifest?
    /// The SHA-256 of the run's manifest: a scheduler's log anchors the run outside the workspace (SPEC §13).
    public let manifestSHA256: String?
    public let files: [String]
    public let notices: [RunNotice]
}

/// `rxbind run` (SPEC §5–§6, §11): read and check the night, decide it, write its outputs out of sight, archive its
/// inputs, commit the case store and make the outputs visible — in an order that leaves the workspace as if the run
/// never started or fully finished, whatever instant it is killed at.
public enum RunEngine {
    public static func run(_ options: RunOptions, progress: (any ProgressReporter)? = nil) throws -> RunSummary {
        try RxBindError.guarding {
            // Nothing here touches the workspace until every input has been read and checked.
            let templates = try Templates(directory: options.templatesDirectory)
            let hashed = try hashInputs(options.inputs)
            let runID = RunID.compute(asOf: options.asOf, province: options.province, resendAfter: options.resendAfter,
                                      dormantAfter: options.dormantAfter, encoding: options.encoding, inputs: hashed.map { ($0.file.role, $0.sha256) },
                                      templatesSHA256: templates.sha256)
            let workspace = Workspace(root: options.workspace)
            if !options.force && workspace.hasRun(runID) { return existing(runID, options, workspace) }
            if FileSystem.exists(workspace.root) && !FileSystem.isDirectory(workspace.root) {
                throw RxBindError.file(FileError(path: workspace.root, operation: .expectingFolder, code: 0))
            }
            // An existing workspace is held from the start, so a second run finds it busy at once; a new one is
            // created (and locked) only once the inputs have been read and checked.
            var lock: WorkspaceLock? = nil
            if workspace.exists {
                lock = try WorkspaceLock(workspace: workspace.root,
                                         holder: WorkspaceLock.describeThisProcess(command: "rxbind run \(runID)"))
            }
            defer { lock?.release() }
            let night = try NightReader.read(hashed.map {
                                                 NightReader.Source(file: $0.file, readPath: $0.file.path, sha256: $0.sha256,
                                                                    bytes: $0.bytes, sniffer: $0.sniffer)
                                             },
                                             asOf: options.asOf, encoding: options.encoding, progress: progress)

            let created = !FileSystem.exists(workspace.root)
            CrashPoint.reached("inputs-read")
            do {
                try workspace.create()
                let held = try lock ?? WorkspaceLock(workspace: workspace.root,
                                                     holder: WorkspaceLock.describeThisProcess(command: "rxbind run \(runID)"))
                defer { held.release() }
                let store = try CaseStore(path: workspace.storePath)
                guard let plan = try plan(runID: runID, night: night, options: options, workspace: workspace, store: store)
                else { return existing(runID, options, workspace) }
                var summary = try commit(plan, night: consume night, templates: templates, options: options,
                                         workspace: workspace, store: store, hashed: hashed)
                if created { summary = summary.adding(.newWorkspace(path: FileSystem.absolutePath(workspace.root)), first: true) }
                return summary
            } catch {
                // A first run that fails leaves no workspace behind (unless another run holds it: then it is theirs).
                if created && (error as? RxBindError)?.category != .busy { try? FileSystem.remove(workspace.root) }
                throw error
            }
        }
    }

    /// An input, hashed, with what the hashing pass saw of its encoding.
    struct HashedInput {
        let file: InputFile
        let sha256: String
        let bytes: Int
        let sniffer: EncodingSniffer?
    }

    /// Hashes every input (and sniffs its encoding in the same pass); the same file given twice is refused.
    static func hashInputs(_ inputs: [InputFile]) throws -> [HashedInput] {
        try Timings.measure("hash inputs") {
            var hashed: [HashedInput] = []
            for input in inputs {
                var sniffer = EncodingSniffer()
                let (sha, bytes) = try FileSystem.hash(input.path) { sniffer.feed($0) }
                if let twin = hashed.first(where: { $0.sha256 == sha }) {
                    throw RxBindError.sameFileTwice(first: twin.file.name, firstRole: twin.file.role,
                                                     second: input.name, secondRole: input.role)
                }
                hashed.append(HashedInput(file: input, sha256: sha, bytes: bytes, sniffer: sniffer))
            }
            return hashed
        }
    }

    static func existing(_ runID: String, _ options: RunOptions, _ workspace: Workspace) -> RunSummary {
        RunSummary(runID: runID, asOf: options.asOf, alreadyExisted: true, runDirectory: workspace.runDirectory(runID),
                   manifest: nil, manifestSHA256: nil, files: [], notices: [])
    }

    /// Where tonight's run stands in the workspace's history.
    struct Plan {
        let runID: String
        /// The run `--force` redoes, if any.
        let redo: RunEntry?
        /// The run before tonight's: its manifest is the one tonight's links to.
        let previous: RunEntry?
        let notices: [RunNotice]
    }

    /// Decides whether and how tonight's run goes into the history (holding the lock, the store open): nil when the
    /// run exists already. Refuses a redo of a run that is not the latest, an as-of date earlier than the latest
    /// run's, and a failure export an earlier run read (without `--allow-repeat`), before anything changes.
    static func plan(runID: String, night: borrowing Night, options: RunOptions, workspace: Workspace,
                     store: CaseStore) throws -> Plan? {
        let runs = try workspace.finishInterrupted(store: store)
        var redo: RunEntry? = nil
        if let existing = runs.first(where: { $0.runID == runID }) {
            guard options.force else { return nil }
            guard existing == runs.last else {
                throw RxBindError.forceNotLatest(runID: runID, latest: runs.last!.runID)
            }
            redo = existing
        }
        let previous = redo == nil ? runs.last : runs.dropLast().last
        if let latest = previous, options.asOf < latest.asOf {
            throw RxBindError.earlierThanLatest(asOf: options.asOf.iso, latest: latest.runID, latestAsOf: latest.asOf.iso)
        }
        // SPEC §11: a failure export an earlier run already read.
        let earlier = workspace.failureExports(of: runs.filter { $0 != redo })
        var notices = earlier.unreadable.map { RunNotice.unverifiableRun(runID: $0.runID) }
        for input in night.inputs where input.file.role == .failures && input.rowsRead > 0 {
            guard let run = earlier.bySHA256[input.sha256] else { continue }
            guard options.allowRepeat else {
                throw RxBindError.reusedExport(file: input.file.name, runID: run.runID, asOf: run.asOf.iso)
            }
            notices.append(.repeatedExport(file: input.file.name, runID: run.runID, asOf: run.asOf.iso))
        }
        return Plan(runID: runID, redo: redo, previous: previous, notices: notices)
    }

    /// Writes the run's outputs out of sight while archiving its inputs and staging the case store's transaction,
    /// then commits and makes the outputs visible.
    static func commit(_ plan: Plan, night: consuming Night, templates: Templates, options: RunOptions,
                       workspace: Workspace, store: CaseStore, hashed: [HashedInput]) throws -> RunSummary {
        let runID = plan.runID
        let prior: PriorState = try Timings.measure("prior case state") {
            if let r = plan.redo { return try PriorState.parse(try workspace.archive.read(r.priorStateSHA256, name: Archive.priorStateName)) }
            return try PriorState.read(from: store)
        }
        let staging = workspace.stagingDirectory(runID)
        try FileSystem.remove(staging)
        try FileSystem.makeDirectory(staging)
        defer { try? FileSystem.remove(staging) }
        CrashPoint.reached("staged")
        let execution = NightExecution(night: consume night, prior: prior, templates: templates, runID: runID,
                                       asOf: options.asOf, provinceOption: options.province,
                                       resendAfter: options.resendAfter, dormantAfter: options.dormantAfter,
                                       encoding: options.encoding,
                                       previousManifestSHA256: plan.previous?.manifestSHA256)
        let scratch = staging + ".tmp"
        try FileSystem.remove(scratch)
        defer { try? FileSystem.remove(scratch) }
        // Beside the outputs: archive what a rerun needs, and write tonight's cases into the store's transaction —
        // staged, not committed, until every output is complete.
        let storeBox = UncheckedBox(store)
        let archive = workspace.archive
        let bundle = templates.bundle
        let redoState = plan.redo == nil ? nil : prior
        let asOf = options.asOf
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
                    try storeBox.value.stage(replaceAll: redoState) { write in
                        try outcome.forEachUpdatedRecord(prior: prior.records, asOf: asOf, runID: runID, write)
                    }
                }
            }
        } catch {
            store.abandon()
            throw error
        }
        CrashPoint.reached("outputs")
        try Timings.measure("commit case store") {
            try store.finish(province: result.province, removeRun: plan.redo?.runID,
                             addRun: RunEntry(seq: (plan.previous?.seq ?? 0) + 1, runID: runID, asOf: options.asOf,
                                              manifestSHA256: result.manifestSHA256, priorStateSHA256: prior.sha256),
                             trend: result.trend)
        }
        CrashPoint.reached("commit")
        try workspace.publish(runID)
        var notices = plan.notices
        let counts = result.manifest.counts
        if let repeated = counts.repeatedRows, repeated > 0 { notices.append(.repeatedAttempts(rows: repeated)) }
        if result.mangledIDRows > 0 { notices.append(.mangledIDs(rows: result.mangledIDRows)) }
        let otherProvince = result.warnings.filter { if case .otherProvince = $0.kind { true } else { false } }.count
        if otherProvince > 0 { notices.append(.otherProvinceRows(rows: otherProvince)) }
        if result.warnings.count > otherProvince { notices.append(.referenceWarnings(rows: result.warnings.count - otherProvince)) }
        return RunSummary(runID: runID, asOf: options.asOf, alreadyExisted: false,
                          runDirectory: workspace.runDirectory(runID), manifest: result.manifest,
                          manifestSHA256: result.manifestSHA256, files: result.files, notices: notices)
    }
}

extension RunSummary {
    func adding(_ notice: RunNotice, first: Bool = false) -> RunSummary {
        RunSummary(runID: runID, asOf: asOf, alreadyExisted: alreadyExisted, runDirectory: runDirectory,
                   manifest: manifest, manifestSHA256: manifestSHA256, files: files,
                   notices: first ? [notice] + notices : notices + [notice])
    }
}

/// A test hook for crash safety: with `RXBIND_CRASH_AT=<stage>` in the environment, the process dies on the spot
/// (as under SIGKILL: no clean-up runs) when it reaches that stage — `archive` (inputs archived, outputs partly
/// written), `outputs` (every output written and the case store's transaction staged, not committed), `commit`
/// (committed, not visible), `retire` (a redone run's old folder moved aside), `revert-moved` (a reverted run's
/// folder moved aside, the store not yet changed), `revert-commit` (the revert committed, its folder not yet under
/// `reverted/`).
/// Kills at random instants rarely land in the short windows between those steps; this lands in each one.
///
/// With `RXBIND_PAUSE_AT=<stage>` and `RXBIND_PAUSE_FILE=<path>`, the process instead writes its id into that file
/// and waits there, so a test can send it a real SIGKILL at exactly that point. Stages besides those above:
/// `inputs-read` (every input read and checked, the workspace untouched), `staged` (the staging folder made,
/// nothing written into it yet).
enum CrashPoint {
    static let stage = ProcessInfo.processInfo.environment["RXBIND_CRASH_AT"]
    static let pause = ProcessInfo.processInfo.environment["RXBIND_PAUSE_AT"]

    static func reached(_ name: String) {
        if stage == name { _exit(137) }
        if pause == name, let file = ProcessInfo.processInfo.environment["RXBIND_PAUSE_FILE"] {
            FileManager.default.createFile(atPath: file, contents: Data("\(getpid()) \(name)\n".utf8))
            while true { sleep(60) }
        }
    }
}

/// Hands a value that is used by one thread at a time to another thread (the case store's connection moves to the
/// output thread while the main thread waits for it).
final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
