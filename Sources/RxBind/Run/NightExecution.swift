import Foundation
import Spreadsheet

/// Decides a night and writes its outputs into a folder — the part of a run that `audit rerun` repeats in a scratch
/// workspace, so both produce the same bytes by construction.
public struct NightExecution: Sendable {
    /// What was decided and written.
    public struct Result: Sendable {
        public let manifest: Manifest
        public let manifestSHA256: String
        public let outcome: NightOutcome
        /// The province the run used (and the workspace remembers from now on).
        public let province: Province?
        public let warnings: [InputWarning]
        /// The output files written, in the manifest's order, manifest.json last.
        public let files: [String]
    }

    public let night: Night
    public let prior: PriorState
    public let templates: Templates
    public let runID: String
    public let asOf: CalendarDate
    public let provinceOption: Province?
    public let resendAfter: Int
    public let encoding: String?
    public let previousManifestSHA256: String?

    /// Writes the form parts and the triage workbook — on two threads, since each workbook's close (where
    /// libxlsxwriter does most of its work) is serialised only against the other's close — and returns their
    /// hashes in manifest order: the form parts, then `triage.xlsx`.
    func writeSpreadsheets(parts: [AdditionRequestForm.Part], triage: TriageWorkbook, into directory: String,
                           scratch: String, province: Province?) throws -> [(String, (sha256: String, bytes: Int))] {
        let results = ResultBox<[(String, (sha256: String, bytes: Int))]>(count: 2)
        let layout = templates.form
        let (runID, asOf) = (self.runID, self.asOf)
        DispatchQueue.concurrentPerform(iterations: 2) { job in
            results.set(job, Swift.Result { () throws -> [(String, (sha256: String, bytes: Int))] in
                if job == 0 {
                    guard let p = province else { return [] }
                    return try Timings.measure("write \(parts.count) form part(s)") {
                        try parts.map { part in
                            (part.fileName, try AdditionRequestForm.write(part, into: directory, temporaryDirectory: scratch,
                                                                          layout: layout, province: p, runID: runID, asOf: asOf))
                        }
                    }
                }
                return try Timings.measure("write triage.xlsx") {
                    [("triage.xlsx", try triage.write(to: directory + "/triage.xlsx", temporaryDirectory: scratch))]
                }
            })
        }
        return try results.get(0) + results.get(1)
    }

    /// Writes every output into `directory` (which must exist and be empty); the manifest last. `scratch` is a
    /// folder on the same file system for libxlsxwriter's temporary files (never `$TMPDIR`: STYLE.md, Traps).
    public func write(into directory: String, scratch: String) throws -> Result {
        let choice = try ProvinceChoice(option: provinceOption, remembered: prior.province,
                                        mentions: night.provinceMentions)
        let outcome = Timings.measure("classify") {
            NightOutcome.decide(drafts: night.drafts, roster: night.roster, registry: night.registry,
                                prior: prior.records, asOf: asOf, runID: runID, resendAfter: resendAfter,
                                templates: templates)
        }
        if !outcome.formRows.isEmpty && choice.province == nil {
            throw ProvinceChoice.Undetermined(mentions: choice.mentions, fileNames: night.fileNames)
        }
        let warnings = (night.warnings + choice.otherProvinceRows).sorted { ($0.ref, $0.code) < ($1.ref, $1.code) }

        var outputs: [Manifest.Output] = []
        func record(_ name: String, _ result: (sha256: String, bytes: Int)) {
            outputs.append(Manifest.Output(name: name, sha256: result.sha256, bytes: result.bytes))
        }
        let parts = choice.province.map {
            AdditionRequestForm.parts(outcome.formRows, province: $0, asOf: asOf)
        } ?? []
        let triage = TriageWorkbook(runID: runID, asOf: asOf, province: choice.province, night: night, prior: prior,
                                    outcome: outcome, warnings: warnings, templatesSHA256: templates.sha256,
                                    formFiles: parts.map(\.fileName))
        try FileSystem.makeDirectory(scratch)
        let spreadsheets: [(String, (sha256: String, bytes: Int))]
        do {
            spreadsheets = try Timings.measure("write spreadsheets") { try writeSpreadsheets(parts: parts, triage: triage, into: directory, scratch: scratch,
                                                 province: choice.province) }
        } catch let e as SpreadsheetError {
            // A workbook that could not be written, or is not what was written (libxlsxwriter reports success for
            // files it could not finish; Spreadsheet reads every file back): cannot write outputs.
            throw OutputProblem(path: directory, detail: e.localizedDescription)
        }
        // The workbooks are written first — the largest files, the likeliest to meet a full disk — but listed
        // after the CSV files.
        try Timings.measure("write CSV files") {
            record("cases.csv", try CaseFiles.writeCases(outcome.cases, to: directory + "/cases.csv"))
            record("invalid-rows.csv", try CaseFiles.writeInvalid(night.invalidRows, fileNames: night.fileNames,
                                                                  to: directory + "/invalid-rows.csv"))
        }
        for (name, result) in spreadsheets { record(name, result) }

        var warningsPerInput: [Int: Int] = [:]
        for w in warnings { warningsPerInput[w.ref.input, default: 0] += 1 }
        let inputs = night.inputs.enumerated().map { i, s in
            Manifest.Input(role: s.file.role, name: s.file.name, sha256: s.sha256, bytes: s.bytes, encoding: s.encoding,
                           delimiter: s.delimiter, rowsRead: s.rowsRead, rowsRejected: s.rowsRejected,
                           warnings: warningsPerInput[i] ?? 0, ignoredColumns: s.ignoredColumns)
        }
        var byClass: [String: Int] = [:]
        for (c, n) in outcome.countsByClass { byClass[c.code] = n }
        let counts = Manifest.Counts(
            byClass: byClass, cases: outcome.cases.count, invalidRows: night.invalidRows.count,
            new: outcome.cases.filter(\.isNew).count, seenAgain: outcome.cases.filter { !$0.isNew }.count,
            carriedOver: outcome.carriedOver.count, resolved: outcome.resolved.count,
            requested: outcome.cases.filter { $0.action == .requestAddition }.count,
            alreadyRequested: outcome.cases.filter { $0.action == .alreadyRequested }.count,
            formRows: outcome.formRows.count, formParts: parts.count, warnings: warnings.count)
        let manifest = Manifest(
            runID: runID, asOf: asOf.iso,
            tool: .init(version: toolVersion, ruleSet: Classifier.ruleSetVersion),
            options: .init(province: provinceOption?.name, resendAfter: resendAfter, encoding: encoding?.lowercased()),
            province: choice.province?.name, inputs: inputs,
            templates: .init(sha256: templates.sha256, bytes: templates.bundle.count),
            priorState: .init(sha256: prior.sha256, bytes: prior.dump.count, cases: prior.records.count),
            outputs: outputs, counts: counts, previousManifestSHA256: previousManifestSHA256)
        let file = try OutputFile(path: directory + "/manifest.json")
        try file.write(try manifest.encoded())
        let (sha, _) = try file.close()
        try FileSystem.syncDirectory(directory)
        return Result(manifest: manifest, manifestSHA256: sha, outcome: outcome, province: choice.province,
                      warnings: warnings, files: outputs.map(\.name) + ["manifest.json"])
    }
}

/// Results of concurrent jobs, collected under a lock.
final class ResultBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Swift.Result<T, Error>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: Swift.Result<T, Error>) {
        lock.lock()
        results[i] = r
        lock.unlock()
    }

    func get(_ i: Int) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        guard let r = results[i] else { preconditionFailure("job \(i) never finished") }
        return try r.get()
    }
}
