import Files
import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// `rxbind revert` (SPEC §11): undoes the workspace's latest run when it was a mistake — the wrong files, a night
/// run twice. The case store becomes exactly the state the run started from (its canonical dump equals the one
/// archived before the run), the run leaves the history and its folder moves under `reverted/` with a record of when
/// and why; the next run chains its manifest to the run before. Only the latest run can be reverted, so history is
/// undone from the end, one run at a time, and never rewritten in the middle.
public enum Revert {
    /// What was reverted.
    public struct Result: Sendable {
        public let reverted: RevertedRun
        /// The reverted run's folder and record.
        public let folder: String
        public let record: String
        /// The run now latest, whose manifest the next run links to; nil when none is left.
        public let latest: RunEntry?
        /// Cases in the restored state.
        public let cases: Int
    }

    /// Reverts `runID`, which must be the workspace's latest run; `why` is recorded as given.
    public static func revert(workspace root: String, runID: String, why: String) throws -> Result {
        try RxBindError.guarding {
            let workspace = Workspace(root: root)
            guard workspace.exists else { throw RxBindError.notAWorkspace(path: root) }
            let lock = try WorkspaceLock(workspace: workspace.root,
                                         holder: WorkspaceLock.describeThisProcess(command: "rxbind revert \(runID)"))
            defer { lock.release() }
            let store = try CaseStore(path: workspace.storePath)
            let runs = try workspace.finishInterrupted(store: store)
            let reverted = try store.revertedRuns()
            guard RunID.isWellFormed(runID), let index = runs.firstIndex(where: { $0.runID == runID }) else {
                if let r = reverted.last(where: { $0.run.runID == runID }) {
                    throw RxBindError.alreadyReverted(runID: runID, at: r.revertedAt, folder: workspace.revertedDirectory(r))
                }
                throw RxBindError.unknownRun(runID: runID, known: runs.map(\.runID))
            }
            guard index == runs.count - 1 else {
                let later = runs[(index + 1)...].map(\.runID)
                throw RxBindError.revertNotLatest(runID: runID, later: later)
            }
            let entry = runs[index]
            // Staff actions recorded since the run are in the store, not in the state it started from: reverting would
            // lose them (the actions log keeps them, and would then disagree with the store).
            let actions = try store.actionsState().count
            if actions > entry.actions {
                throw RxBindError.revertAfterActions(runID: runID, count: actions - entry.actions)
            }
            let prior = try PriorState.parse(try workspace.archive.read(entry.priorStateSHA256, name: Archive.priorStateName))
            let record = RevertedRun(seq: (reverted.last?.seq ?? 0) + 1, run: entry, revertedAt: localTimestamp(), why: why)

            // Out of runs/ first: a kill from here until the commit puts it back (Workspace.recover).
            try FileSystem.rename(workspace.runDirectory(runID), to: workspace.revertingDirectory(runID))
            try FileSystem.syncDirectory(workspace.runsDirectory)
            CrashPoint.reached("revert-moved")
            do {
                try store.revert(to: prior, record: record)
            } catch {
                try? FileSystem.rename(workspace.revertingDirectory(runID), to: workspace.runDirectory(runID))
                throw error
            }
            CrashPoint.reached("revert-commit")
            try workspace.finishRevert(record)
            return Result(reverted: record, folder: workspace.revertedDirectory(record),
                          record: workspace.revertedRecord(record), latest: runs.dropLast().last,
                          cases: prior.records.count)
        }
    }

    /// Now, local time with its offset: a record of when staff acted (never part of a run's outputs).
    static func localTimestamp() -> String {
        var now = time(nil)
        var t = tm()
        localtime_r(&now, &t)
        let offset = Int(t.tm_gmtoff) / 60
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d%@%02d:%02d", Int(t.tm_year) + 1900, Int(t.tm_mon) + 1,
                      Int(t.tm_mday), Int(t.tm_hour), Int(t.tm_min), Int(t.tm_sec), offset < 0 ? "-" : "+",
                      abs(offset) / 60, abs(offset) % 60)
    }
}

/// `reverted/<n>-<run-id>.json`: what was reverted, when and why — the same facts the case store keeps, beside the
/// folder for whoever looks there.
struct RevertRecord: Codable {
    var format = "rxbind-revert/1"
    var runID: String
    var runSeq: Int
    var asOf: String
    var manifestSHA256: String
    var priorStateSHA256: String
    var revertedAt: String
    var why: String

    enum CodingKeys: String, CodingKey {
        case format, runID = "run_id", runSeq = "run_seq", asOf = "as_of", manifestSHA256 = "manifest_sha256"
        case priorStateSHA256 = "prior_state_sha256", revertedAt = "reverted_at", why
    }

    init(_ r: RevertedRun) {
        runID = r.run.runID
        runSeq = r.run.seq
        asOf = r.run.asOf.iso
        manifestSHA256 = r.run.manifestSHA256
        priorStateSHA256 = r.run.priorStateSHA256
        revertedAt = r.revertedAt
        why = r.why
    }

    func encoded() throws -> [UInt8] {
        var bytes = [UInt8](try Manifest.encoder().encode(self))
        bytes.append(0x0A)
        return bytes
    }
}
