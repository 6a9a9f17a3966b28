import Files
import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

extension Audit {
    /// The result of a rerun: the version note (when this rxbind is not the one that wrote the run), the report,
    /// and where the rerun's outputs were kept.
    public struct RerunResult: Sendable {
        /// Said before anything else when the tool or rule-set version differs from the manifest's.
        public let versionNote: String?
        public let report: AuditReport
        /// How many outputs the rerun wrote and compared (the manifest included).
        public let outputs: Int
        /// The folder holding the rerun's outputs (`--keep`), as an absolute path.
        public let keptIn: String?
    }

    /// Re-runs a night from the archive alone — its inputs, templates and prior case state — in a scratch workspace,
    /// and compares every output byte for byte with the run folder, naming the first difference of each that
    /// differs. The archived files are checked first: a damaged or missing one stops the rerun (``ArchiveUnusable``)
    /// before anything is re-run, so it is never mistaken for outputs that differ. `keep`: a folder (new or empty)
    /// where the rerun's outputs stay for inspection.
    public static func rerun(workspace root: String, runID: String, keep: String? = nil) throws -> RerunResult {
        try RxBindError.guarding {
            let (workspace, runs, reverted) = try open(root)
            let (entry, revertedRun) = try find(runID, runs: runs, reverted: reverted)
            let dir = revertedRun.map { workspace.revertedDirectory($0) } ?? workspace.runDirectory(runID)
            var checks: [AuditCheck] = []
            if let r = revertedRun {
                checks.append(AuditCheck(subject: localized(.auditRevertedSubject), outcome: .note,
                                         detail: localized(.auditRevertedDetail, ["at": r.revertedAt, "why": r.why])))
            }

            // Which archived files to use: only the manifest says.
            let file = ManifestFile(path: dir + "/manifest.json")
            guard case .read(_, let manifestSHA) = file.state, let manifest = file.decoded,
                  let asOf = CalendarDate(iso: manifest.asOf) else {
                throw RxBindError.manifestUnreadable(path: file.path)
            }
            if manifestSHA != entry.manifestSHA256 {
                checks.append(AuditCheck(subject: "manifest.json", outcome: .mismatch, detail: localized(.auditManifestNotCommitted)))
            }
            try checkArchive(of: manifest, runID: runID, in: workspace)

            var note: String? = nil
            if manifest.tool.version != toolVersion || manifest.tool.ruleSet != Classifier.ruleSetVersion {
                note = localized(.auditVersionNote, [
                    "run": runID, "version": manifest.tool.version, "ruleSet": manifest.tool.ruleSet,
                    "currentVersion": toolVersion, "currentRuleSet": Classifier.ruleSetVersion])
            }
            let kept = try keep.map { try prepareKeepFolder($0, in: workspace) }

            let archive = workspace.archive
            let templates = try Templates(bundle: try archive.read(manifest.templates.sha256, name: Archive.templatesName))
            let sources = manifest.inputs.map {
                NightReader.Source(file: InputFile(role: $0.role, path: $0.name), readPath: archive.path(for: $0.sha256),
                                   sha256: $0.sha256, bytes: $0.bytes)
            }
            let night = try NightReader.read(sources, asOf: asOf, encoding: manifest.options.encoding, progress: nil)
            let prior = try PriorState.parse(try archive.read(manifest.priorState.sha256, name: Archive.priorStateName))

            let scratchRoot = workspace.root + "/.scratch"
            try FileSystem.makeDirectory(scratchRoot)
            removeAbandonedScratch(in: scratchRoot)
            let scratch = scratchRoot + "/rerun-\(runID)-\(getpid())"
            try FileSystem.remove(scratch)
            let out = kept ?? scratch + "/out"
            try FileSystem.makeDirectory(out)
            defer { try? FileSystem.remove(scratch) }
            let execution = NightExecution(
                night: consume night, prior: prior, templates: templates, runID: runID, asOf: asOf,
                provinceOption: manifest.options.province.flatMap { Province(named: $0) },
                resendAfter: manifest.options.resendAfter,
                dormantAfter: manifest.options.dormantAfter ?? RunOptions.defaultDormantAfter, encoding: manifest.options.encoding,
                previousManifestSHA256: manifest.previousManifestSHA256)
            let result = try execution.write(into: out, scratch: scratch + "/tmp")
            if kept != nil {
                // Owner-only whatever wrote them (SPEC §5): these are the night's full data.
                for name in result.files where chmod(out + "/" + name, 0o600) != 0 {
                    throw FileError(path: out + "/" + name, operation: .settingPermissions, code: errno)
                }
            }

            let originals = Set(FileSystem.list(dir))
            for name in result.files {
                guard originals.contains(name) else {
                    checks.append(AuditCheck(subject: name, outcome: .missing, detail: localized(.auditRerunOnlyInRerun)))
                    continue
                }
                checks.append(OutputComparison.compare(name, original: dir + "/" + name, rerun: out + "/" + name))
            }
            for name in originals.sorted() where !result.files.contains(name) {
                checks.append(AuditCheck(subject: name, outcome: .mismatch, detail: localized(.auditRerunOnlyInRun)))
            }
            return RerunResult(versionNote: note,
                               report: AuditReport(runID: runID, asOf: manifest.asOf, reverted: revertedRun, checks: checks),
                               outputs: result.files.count, keptIn: kept.map(FileSystem.absolutePath))
        }
    }

    /// Every archived file the manifest names must be there and hash to its name; all that are not are named.
    static func checkArchive(of manifest: Manifest, runID: String, in workspace: Workspace) throws {
        var problems: [ArchiveProblem] = []
        for item in archivedItems(of: manifest) {
            let path = workspace.archive.path(for: item.sha256)
            guard FileSystem.exists(path) else {
                problems.append(.init(what: item.subject, path: path, kind: .missing))
                continue
            }
            do {
                if try FileSystem.hash(path).sha256 != item.sha256 {
                    problems.append(.init(what: item.subject, path: path, kind: .damaged))
                }
            } catch {
                problems.append(.init(what: item.subject, path: path, kind: .unreadable(error.localizedDescription)))
            }
        }
        if !problems.isEmpty { throw RxBindError.archiveUnusable(runID: runID, problems: problems) }
    }

    /// Creates the `--keep` folder (0700), or takes an existing empty one; refuses one with anything in it, and one
    /// inside the workspace's runs, reverted runs or archive, where extra files would be findings of `audit verify`.
    static func prepareKeepFolder(_ path: String, in workspace: Workspace) throws -> String {
        let existed = FileSystem.exists(path)
        if existed {
            let entries = try? FileManager.default.contentsOfDirectory(atPath: path)
            guard FileSystem.isDirectory(path), let entries, entries.isEmpty else {
                throw RxBindError.keepFolderRefused(folder: path, insideWorkspace: false)
            }
        }
        try FileSystem.makeDirectory(path)
        let absolute = FileSystem.absolutePath(path)
        for guarded in [workspace.runsDirectory, workspace.revertedRoot, workspace.archive.root] {
            let g = FileSystem.absolutePath(guarded)
            if absolute == g || absolute.hasPrefix(g + "/") {
                if !existed { try? FileSystem.remove(path) }
                throw RxBindError.keepFolderRefused(folder: path, insideWorkspace: true)
            }
        }
        return path
    }

    /// Scratch folders of reruns whose process is gone.
    static func removeAbandonedScratch(in root: String) {
        for name in FileSystem.list(root) {
            guard let pid = name.split(separator: "-").last.flatMap({ Int32($0) }) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { try? FileSystem.remove(root + "/" + name) }
        }
    }
}

/// An archived file a rerun needs that is missing or no longer hashes to its name
/// (``RxBindError/archiveUnusable(runID:problems:)``: bad data, 65, said before anything is re-run).
public struct ArchiveProblem: Sendable {
    public enum Kind: Sendable { case missing, damaged, unreadable(String) }
    /// The input's original name and role, the templates or the prior case state.
    public let what: String
    public let path: String
    public let kind: Kind

    /// The message: the run, each problem on its line, and that the archive — not the run's outputs — is the
    /// problem, to be restored from a backup.
    static func message(runID: String, problems: [ArchiveProblem]) -> String {
        let lines = problems.map { p -> String in
            switch p.kind {
            case .missing: return localized(.auditArchiveItemMissing, ["what": p.what, "path": p.path])
            case .damaged: return localized(.auditArchiveItemDamaged, ["what": p.what, "path": p.path])
            case .unreadable(let why): return localized(.auditArchiveItemUnreadable, ["what": p.what, "path": p.path, "why": why])
            }
        }
        return ([localized(.auditArchiveUnusable, ["run": runID])] + lines.map { "  " + $0 }
                + [localized(.auditArchiveAdvice)]).joined(separator: "\n")
    }
}
