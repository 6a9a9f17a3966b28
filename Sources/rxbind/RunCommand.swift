import ArgumentParser
import Foundation
import RxBind
#if canImport(Glibc)
import Glibc
#endif

extension RxBindCommand {
    /// `rxbind run`
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the nightly job on tonight's binding-failure exports.",
            discussion: """
                Reads the failure exports, the certificate roster and the registry snapshot, classifies every case, \
                and writes cases.csv, invalid-rows.csv, the addition-request form(s), triage.xlsx and manifest.json \
                into WORKSPACE/runs/RUN_ID. The same inputs, options and as-of date give the same run id: running \
                them again reports that the run exists and changes nothing.
                """
        )

        @Option(help: ArgumentHelp("The workspace folder: one province's case store, archive and runs.", valueName: "DIR"))
        var workspace: String

        @Option(help: ArgumentHelp("The certificate roster (资格证书) export.", valueName: "FILE"))
        var certificates: String

        @Option(help: ArgumentHelp("The registry snapshot (注册系统) export.", valueName: "FILE"))
        var registry: String

        @Option(help: ArgumentHelp("The workspace's province, full name or short form (新疆, 内蒙古, 兵团 …).", valueName: "NAME"))
        var province: String?

        @OptionGroup var asOf: AsOfOption

        @Option(name: .customLong("resend-after"),
                help: ArgumentHelp("Request a case again once its last request is this many days old (0: every night).",
                                   valueName: "DAYS"))
        var resendAfter: Int = 30

        @Option(help: ArgumentHelp("A templates folder to use instead of the default one.", valueName: "DIR"))
        var templates: String?

        @Option(help: ArgumentHelp("Read every input in this encoding instead of detecting it (utf-8, utf-16le, utf-16be, gb18030).",
                                   valueName: "NAME"))
        var encoding: String?

        @ArgumentParser.Flag(help: "Redo the workspace's latest run (its case-store changes are undone first).")
        var force = false

        @ArgumentParser.Flag(name: .customLong("allow-repeat"), help: ArgumentHelp(localized(.helpAllowRepeat)))
        var allowRepeat = false

        @Argument(help: ArgumentHelp("Tonight's binding-failure exports, in order.", valueName: "FAILURES.csv"))
        var failures: [String] = []

        func validate() throws {
            if failures.isEmpty { throw ValidationError("Give at least one binding-failure export (FAILURES.csv).") }
            if resendAfter < 0 { throw ValidationError("--resend-after must be 0 or more days, not \(resendAfter).") }
            if let p = province, Province(named: p) == nil {
                throw ValidationError("--province \(p) is not a province-level division. Use a full name such as "
                    + "新疆维吾尔自治区 or a short form such as 新疆, 内蒙古 or 兵团.")
            }
            if let e = encoding, (try? EncodingOverride(name: e)) == nil {
                throw ValidationError(localized(.runUnknownEncoding, [
                    "name": e, "names": EncodingOverride.acceptedNames.joined(separator: ", ")]))
            }
            if let t = templates, !FileManager.default.fileExists(atPath: t) {
                throw ValidationError("--templates \(t) does not exist.")
            }
        }

        func run() throws {
            prepareProcess()
            guard let templatesDirectory = templates ?? Templates.defaultDirectory() else {
                printError("cannot find the default templates (share/rxbind/templates or templates/ beside the binary); give --templates DIR.")
                throw Status.usage
            }
            let options = RunOptions(
                workspace: workspace, failures: failures, certificates: certificates, registry: registry,
                province: province.flatMap { Province(named: $0) }, asOf: asOf.date, resendAfter: resendAfter,
                templatesDirectory: templatesDirectory, encoding: encoding, force: force, allowRepeat: allowRepeat)
            let summary: RunSummary
            do {
                summary = try RunEngine.run(options, progress: TerminalProgress.ifTerminal())
            } catch {
                throw report(error)
            }
            print(RunReport.text(summary))
        }
    }
}

/// Settings every command that writes into a workspace needs.
func prepareProcess() {
    // Owner-only, whatever the caller's umask (SPEC §5); files are also chmod'ed explicitly.
    umask(0o077)
    // A file-size limit must fail the write (EFBIG → exit 73), not kill the process (STYLE.md Traps).
    signal(SIGXFSZ, SIG_IGN)
}
