import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

extension Audit {
    /// The result of a rerun: the version note (when this rxbind is not the one that wrote the run) and the report.
    public struct RerunResult: Sendable {
        /// Said before anything else when the tool or rule-set version differs from the manifest's.
        public let versionNote: String?
        public let report: AuditReport
    }

    /// Re-runs a night from the archive alone — its inputs, templates and prior case state — in a scratch workspace,
    /// and compares every output byte for byte with the run folder.
    public static func rerun(workspace root: String, runID: String) throws -> RerunResult {
        let (workspace, runs, _) = try open(root)
        _ = try entry(runID, in: runs)
        let dir = workspace.runDirectory(runID)
        let manifest = try Manifest.decode(try FileSystem.read(dir + "/manifest.json"))
        var note: String? = nil
        if manifest.tool.version != toolVersion || manifest.tool.ruleSet != Classifier.ruleSetVersion {
            note = "run \(runID) was written by rxbind \(manifest.tool.version) (rule set \(manifest.tool.ruleSet)); "
                + "this is rxbind \(toolVersion) (rule set \(Classifier.ruleSetVersion)). Byte equality is promised "
                + "for the same versions only: the comparison below shows which outputs this version would change."
        }
        guard let asOf = CalendarDate(iso: manifest.asOf) else {
            throw RxBindError.manifestUnreadable(path: dir + "/manifest.json")
        }
        let archive = workspace.archive
        let templates = try Templates(bundle: try archive.read(manifest.templates.sha256, name: Archive.templatesName))
        let sources = manifest.inputs.map {
            NightReader.Source(file: InputFile(role: $0.role, path: $0.name), readPath: archive.path(for: $0.sha256),
                               sha256: $0.sha256, bytes: $0.bytes)
        }
        for s in sources where !archive.contains(s.sha256) {
            throw RxBindError.archiveIncomplete(name: s.file.name, path: archive.path(for: s.sha256))
        }
        let night = try NightReader.read(sources, asOf: asOf, encoding: manifest.options.encoding, progress: nil)
        let prior = try PriorState.parse(try archive.read(manifest.priorState.sha256, name: Archive.priorStateName))

        let scratchRoot = workspace.root + "/.scratch"
        try FileSystem.makeDirectory(scratchRoot)
        removeAbandonedScratch(in: scratchRoot)
        let scratch = scratchRoot + "/rerun-\(runID)-\(getpid())"
        try FileSystem.remove(scratch)
        try FileSystem.makeDirectory(scratch + "/out")
        defer { try? FileSystem.remove(scratch) }
        let execution = NightExecution(
            night: consume night, prior: prior, templates: templates, runID: runID, asOf: asOf,
            provinceOption: manifest.options.province.flatMap { Province(named: $0) },
            resendAfter: manifest.options.resendAfter,
            dormantAfter: manifest.options.dormantAfter ?? RunOptions.defaultDormantAfter, encoding: manifest.options.encoding,
            previousManifestSHA256: manifest.previousManifestSHA256)
        let result = try execution.write(into: scratch + "/out", scratch: scratch + "/tmp")

        var checks: [AuditCheck] = []
        let originals = Set(FileSystem.list(dir))
        for name in result.files {
            let original = dir + "/" + name
            guard originals.contains(name) else {
                checks.append(AuditCheck(subject: name, outcome: .missing, detail: "the rerun writes it; the run folder lacks it"))
                continue
            }
            let same = (try? FileSystem.read(original)) == (try? FileSystem.read(scratch + "/out/" + name))
            checks.append(AuditCheck(subject: name, outcome: same ? .ok : .mismatch,
                                     detail: same ? "identical" : "differs from the rerun"))
        }
        for name in originals.sorted() where !result.files.contains(name) {
            checks.append(AuditCheck(subject: name, outcome: .mismatch, detail: "in the run folder, but the rerun does not write it"))
        }
        return RerunResult(versionNote: note, report: AuditReport(runID: runID, checks: checks))
    }

    /// Scratch folders of reruns whose process is gone.
    static func removeAbandonedScratch(in root: String) {
        for name in FileSystem.list(root) {
            guard let pid = name.split(separator: "-").last.flatMap({ Int32($0) }) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { try? FileSystem.remove(root + "/" + name) }
        }
    }
}
