import Files
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
        /// Failure rows whose ID a spreadsheet program destroyed (`ID_MANGLED_BY_SPREADSHEET`).
        public let mangledIDRows: Int
        /// Tonight's line of the trend, committed with the run.
        public let trend: TrendEntry
    }

    public var night: Night
    public let prior: PriorState
    public let templates: Templates
    public let runID: String
    public let asOf: CalendarDate
    public let provinceOption: Province?
    public let resendAfter: Int
    /// `--dormant-after`: days without a new attempt after which an open case is dormant (SPEC §14).
    public let dormantAfter: Int
    public let encoding: String?
    public let previousManifestSHA256: String?

    /// Work a run does beside the outputs (archiving, staging the case store's transaction): it runs on the
    /// thread that is not writing the triage workbook, once that thread's outputs are done.
    public typealias Alongside = @Sendable (NightOutcome, Province?) throws -> Void

    /// The output phase on both cores. One thread fills the triage workbook (the largest job); the other writes the
    /// form parts meanwhile. The closes of all workbooks are serialised by the library lock (STYLE.md, Traps), and the
    /// triage workbook's close is long (seconds on a national night): a form part whose close came behind it would
    /// wait that long. So the thread that filled the triage workbook helps with the parts still unwritten, and
    /// closes the triage workbook only once every part is done; the other thread goes on to the CSV files and
    /// `alongside` (archiving, staging the case store). Returns the outputs' hashes in manifest order: `cases.csv`,
    /// `invalid-rows.csv`, the form parts, `triage.xlsx`.
    func writeOutputs(parts: [AdditionRequestForm.Part], triage: TriageWorkbook, outcome: NightOutcome,
                      into directory: String, scratch: String, province: Province?,
                      alongside: Alongside?) throws -> [(String, (sha256: String, bytes: Int))] {
        typealias Outputs = [(String, (sha256: String, bytes: Int))]
        let results = ResultBox<Outputs>(count: 2)
        let layout = templates.form
        let (runID, asOf, invalidRows, fileNames) = (self.runID, self.asOf, night.invalidRows, night.fileNames)
        let forms = PartQueue(count: province == nil ? 0 : parts.count)
        let writePart = { @Sendable (k: Int) throws -> (sha256: String, bytes: Int) in
            try AdditionRequestForm.write(parts[k], into: directory, temporaryDirectory: scratch, layout: layout,
                                          province: province!, runID: runID, asOf: asOf)
        }
        DispatchQueue.concurrentPerform(iterations: 2) { job in
            results.set(job, Swift.Result { () throws -> Outputs in
                if job == 0 {
                    return try Timings.measure("write triage.xlsx") {
                        [("triage.xlsx", try triage.write(to: directory + "/triage.xlsx", temporaryDirectory: scratch,
                                                          beforeClosing: { try forms.drain(writePart) }))]
                    }
                }
                try Timings.measure("write \(parts.count) form part(s)") { try forms.drain(writePart) }
                let csv: Outputs = try Timings.measure("write CSV files") {
                    [("cases.csv", try CaseFiles.writeCases(outcome.cases, to: directory + "/cases.csv")),
                     ("invalid-rows.csv", try CaseFiles.writeInvalid(invalidRows, fileNames: fileNames,
                                                                     to: directory + "/invalid-rows.csv"))]
                }
                try alongside?(outcome, province)
                return csv
            })
        }
        let csv = try results.get(1), book = try results.get(0)
        return csv + (try forms.results().enumerated().map { (parts[$0.offset].fileName, $0.element) }) + book
    }

    /// Writes every output into `directory` (which must exist and be empty); the manifest last. `scratch` is a
    /// folder on the same file system for libxlsxwriter's temporary files (never `$TMPDIR`: STYLE.md, Traps).
    ///
    /// Consumes the night: once the cases are decided, the roster, the registry and the merged attempts are let go,
    /// so the spreadsheets are written with the memory the reference data held (SPEC §9: bounded memory).
    public consuming func write(into directory: String, scratch: String, alongside: Alongside? = nil) throws -> Result {
        let choice = try ProvinceChoice(option: provinceOption, remembered: prior.province,
                                        mentions: night.provinceMentions)
        let outcome = Timings.measure("classify") {
            NightOutcome.decide(night.cases, roster: night.roster, registry: night.registry,
                                prior: prior.records, asOf: asOf, dormantAfter: dormantAfter, resendAfter: resendAfter)
        }
        night.roster = Roster()
        night.registry = Registry()
        night.cases = NightCases()
        if !outcome.formRows.isEmpty && choice.province == nil {
            throw choice.undetermined(fileNames: night.fileNames)
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
                                    formFiles: parts.map(\.fileName), guidance: templates.guidance)
        try FileSystem.makeDirectory(scratch)
        do {
            let written = try Timings.measure("write outputs") {
                try writeOutputs(parts: parts, triage: triage, outcome: outcome, into: directory, scratch: scratch,
                                 province: choice.province, alongside: alongside)
            }
            for (name, result) in written { record(name, result) }
        } catch let e as SpreadsheetError {
            // A workbook that could not be written, or is not what was written (libxlsxwriter reports success for
            // files it could not finish; Spreadsheet reads every file back): cannot write outputs.
            throw RxBindError.workbookNotWritten(folder: directory, e)
        }

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
            new: outcome.count { $0.isNew }, seenAgain: outcome.count { !$0.isNew },
            carriedOver: outcome.carriedOver.count, resolved: outcome.resolved.count,
            requested: outcome.count { $0.action == .requestAddition },
            alreadyRequested: outcome.count { $0.action == .alreadyRequested },
            formRows: outcome.formRows.count, formParts: parts.count, warnings: warnings.count,
            repeatedRows: outcome.repeatedRows)
        let manifest = Manifest(
            runID: runID, asOf: asOf.iso,
            tool: .init(version: toolVersion, ruleSet: Classifier.ruleSetVersion),
            options: .init(province: provinceOption?.name, resendAfter: resendAfter, encoding: encoding?.lowercased(),
                           dormantAfter: dormantAfter),
            province: choice.province?.name, inputs: inputs,
            templates: .init(sha256: templates.sha256, bytes: templates.bundle.count),
            priorState: .init(sha256: prior.sha256, bytes: prior.dump.count, cases: prior.records.count),
            outputs: outputs, counts: counts, previousManifestSHA256: previousManifestSHA256)
        let file = try OutputFile(path: directory + "/manifest.json")
        try file.write(try manifest.encoded())
        let (sha, _) = try file.close()
        try FileSystem.syncDirectory(directory)
        return Result(manifest: manifest, manifestSHA256: sha, outcome: outcome, province: choice.province,
                      warnings: warnings, files: outputs.map(\.name) + ["manifest.json"],
                      mangledIDRows: night.invalidRows.count { $0.reason == .id(.mangledBySpreadsheet) },
                      trend: outcome.trendEntry(runID: runID, asOf: asOf, prior: prior))
    }
}

/// Form parts written by whichever thread takes them next, each exactly once; their hashes kept by part.
final class PartQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int
    private var written: [(sha256: String, bytes: Int)?]
    private var failure: Error?

    init(count: Int) {
        self.count = count
        written = Array(repeating: nil, count: count)
    }

    /// Writes parts until none is left (or one failed); returns when every part it took is written.
    func drain(_ write: (Int) throws -> (sha256: String, bytes: Int)) throws {
        while let k = take() {
            do {
                let result = try write(k)
                lock.withLock { written[k] = result }
            } catch {
                lock.withLock { failure = failure ?? error }
                throw error
            }
        }
    }

    private func take() -> Int? {
        lock.withLock {
            guard failure == nil, next < count else { return nil }
            next += 1
            return next - 1
        }
    }

    /// Every part's hash and size, in part order; the first failure if any part failed.
    func results() throws -> [(sha256: String, bytes: Int)] {
        try lock.withLock {
            if let failure { throw failure }
            return written.map { $0! }
        }
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
