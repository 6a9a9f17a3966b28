import Files
import Foundation

/// What staff do with a case between nights (SPEC §14): `rxbind cases note` and `rxbind cases close`.
///
/// An action goes into the case store — so the next run's archived prior state holds it and `audit rerun` still
/// reproduces every run — and into `actions.log`, an append-only, hash-chained, owner-only log that
/// `audit verify --all` checks against the store (``ActionLog``). It takes the workspace lock: no run changes the
/// store meanwhile.
public enum StaffActions {
    /// What an action did.
    public struct Result: Sendable {
        public let id: ResidentID
        public let note: CaseRecord.StaffNote
        /// The case's status afterwards.
        public let status: CaseRecord.Status
        /// Its number in the actions log.
        public let seq: Int
    }

    /// Adds a dated note to an open, closed or dormant case.
    public static func note(workspace root: String, id: ResidentID, text: String) throws -> Result {
        try RxBindError.guarding {
            try act(workspace: root, id: id, kind: .note, text: text) { record in
                guard record.status != .resolved else {
                    throw RxBindError.staffActionRefused(id: id.masked, action: .note, status: record.status)
                }
            }
        }
    }

    /// Closes an open or dormant case by staff decision, with the reason.
    public static func close(workspace root: String, id: ResidentID, why: String) throws -> Result {
        try RxBindError.guarding {
            try act(workspace: root, id: id, kind: .close, text: why) { record in
                guard record.status == .open || record.status == .dormant else {
                    throw RxBindError.staffActionRefused(id: id.masked, action: .close, status: record.status)
                }
            }
        }
    }

    static func act(workspace root: String, id: ResidentID, kind: CaseRecord.StaffNote.Kind, text: String,
                    check: (CaseRecord) throws -> Void) throws -> Result {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw RxBindError.staffTextEmpty(action: kind) }
        let workspace = Workspace(root: root)
        guard workspace.exists else { throw RxBindError.notAWorkspace(path: root) }
        let lock = try WorkspaceLock(workspace: workspace.root,
                                     holder: WorkspaceLock.describeThisProcess(command: "rxbind cases \(kind.rawValue)"))
        defer { lock.release() }
        let store = try CaseStore(path: workspace.storePath)
        let log = ActionLog(workspace: workspace)
        try log.recover(store: store)
        var found: CaseRecord? = nil
        try store.forEachCase(where: "WHERE id = ?", [.text(id.text)]) { found = $0 }
        guard var record = found else { throw RxBindError.unknownCase(id: id.masked) }
        try check(record)
        let note = CaseRecord.StaffNote(date: CalendarDate.today(), kind: kind, text: trimmed)
        record.notes.append(note)
        if kind == .close { record.status = .closed }
        let seq = try log.append(ActionLog.Entry(action: kind, at: Revert.localTimestamp(), id: id, date: note.date,
                                                 text: trimmed), updating: record, in: store)
        return Result(id: id, note: note, status: record.status, seq: seq)
    }
}

/// `actions.log`: every staff action, one JSON line each, each line naming the SHA-256 of the line before — so a
/// line changed or removed breaks the chain — with the chain's head kept in the case store, so a last line removed
/// is seen too. No line holds a full ID number (SPEC §6: logs never do): the case is named masked and by the SHA-256
/// of its number, which the store's full number is checked against.
///
/// An action is committed in the store together with the line it will append (kept as "pending"), then appended
/// and the pending line cleared: a process killed between the two has its line appended by the next command that
/// opens the log (``recover(store:)``), so the store and the log never disagree for long.
struct ActionLog {
    let path: String

    init(workspace: Workspace) { path = workspace.root + "/actions.log" }

    /// One line.
    struct Entry: Codable, Equatable {
        var seq = 0
        var prev = ""
        var action: CaseRecord.StaffNote.Kind
        /// When, local time with its offset.
        var at: String
        /// The case, masked, and the SHA-256 of its 18-digit number.
        var caseMasked: String
        var caseSHA256: String
        /// The note's date and text, as the case store holds them.
        var date: String
        var text: String

        enum CodingKeys: String, CodingKey {
            case seq, prev, action, at, caseMasked = "case", caseSHA256 = "case_sha256", date, text
        }

        init(action: CaseRecord.StaffNote.Kind, at: String, id: ResidentID, date: CalendarDate, text: String) {
            self.action = action
            self.at = at
            caseMasked = id.masked
            caseSHA256 = Digest.sha256(id.text)
            self.date = date.iso
            self.text = text
        }

        /// The line's bytes: compact JSON with sorted keys, then a line feed.
        func line() throws -> [UInt8] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return [UInt8](try encoder.encode(self)) + [0x0A]
        }
    }

    /// The log's lines as they are in the file (each with its line feed); none when there is no file yet.
    func lines() throws -> [[UInt8]] {
        guard FileSystem.exists(path) else { return [] }
        let bytes = try FileSystem.read(path)
        var out: [[UInt8]] = []
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            out.append(Array(bytes[start...i]))
            start = i + 1
        }
        if start < bytes.count { out.append(Array(bytes[start...])) }
        return out
    }

    /// Commits the action in the store with its line pending, appends the line, clears the pending line.
    func append(_ entry: Entry, updating record: CaseRecord, in store: CaseStore) throws -> Int {
        let state = try store.actionsState()
        var e = entry
        e.seq = state.count + 1
        e.prev = state.head
        let line = try e.line()
        try store.commitAction(record, head: Digest.sha256(line), count: e.seq,
                               pending: String(decoding: line, as: UTF8.self))
        CrashPoint.reached("action-committed")
        try FileSystem.appendDurably(line, to: path)
        try store.clearPendingAction()
        return e.seq
    }

    /// Appends the line a killed process committed but did not write (see the type's comment).
    func recover(store: CaseStore) throws {
        guard let pending = try store.actionsState().pending else { return }
        let line = Array(pending.utf8)
        if try lines().last != line { try FileSystem.appendDurably(line, to: path) }
        try store.clearPendingAction()
    }

}

extension ActionLog {
    /// What `audit verify --all` finds wrong with the log (SPEC §14).
    enum Finding: Sendable, Equatable {
        /// A line that is not an entry.
        case unreadable(line: Int)
        /// A line whose number or link to the line before is not what the chain says: a line was changed, removed
        /// or inserted before it.
        case brokenChain(line: Int)
        /// The store's head or count is not the log's last line: lines were removed from the end, or added.
        case headMismatch(logLines: Int, storeCount: Int)
        /// A logged action the case store does not hold (its note was changed or removed in the store).
        case notInStore(line: Int)
        /// Notes in the case store that no line logs.
        case notLogged(count: Int)
    }

    /// Checks the chain, the store's head, and that the log and the store's notes are the same actions.
    func verify(store: CaseStore) throws -> (lines: Int, findings: [Finding]) {
        var findings: [Finding] = []
        let lines = try lines()
        var entries: [(line: Int, entry: Entry)] = []
        var previous = ""
        for (i, line) in lines.enumerated() {
            guard line.last == 0x0A, let e = try? JSONDecoder().decode(Entry.self, from: Data(line)) else {
                findings.append(.unreadable(line: i + 1))
                previous = Digest.sha256(line)
                continue
            }
            if e.seq != i + 1 || e.prev != previous { findings.append(.brokenChain(line: i + 1)) }
            previous = Digest.sha256(line)
            entries.append((i + 1, e))
        }
        let state = try store.actionsState()
        if state.count != lines.count || state.head != previous {
            findings.append(.headMismatch(logLines: lines.count, storeCount: state.count))
        }
        // The store's notes, by the SHA-256 of their case's number: each logged action takes one away.
        var notes: [String: [CaseRecord.StaffNote]] = [:]
        var total = 0
        try store.forEachCase(where: "WHERE notes != ''") { r in
            notes[Digest.sha256(r.id.text)] = r.notes
            total += r.notes.count
        }
        var matched = 0
        for (line, e) in entries {
            if let i = notes[e.caseSHA256]?.firstIndex(where: {
                $0.kind == e.action && $0.date.iso == e.date && $0.text == e.text
            }) {
                notes[e.caseSHA256]!.remove(at: i)
                matched += 1
            } else {
                findings.append(.notInStore(line: line))
            }
        }
        if total > matched { findings.append(.notLogged(count: total - matched)) }
        return (lines.count, findings)
    }
}
