import ArgumentParser
import Foundation
import RxBind
#if canImport(Glibc)
import Glibc
#endif

extension RxBindCommand {
    /// `rxbind run`
    struct Run: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: localized(.helpRunAbstract), discussion: helpText(.helpRunDiscussion))
        }

        @Option(help: ArgumentHelp(localized(.helpRunWorkspace), valueName: "DIR"))
        var workspace: String

        @Option(help: ArgumentHelp(localized(.helpRunCertificates), valueName: "FILE"))
        var certificates: String

        @Option(help: ArgumentHelp(localized(.helpRunRegistry), valueName: "FILE"))
        var registry: String

        @Option(help: ArgumentHelp(localized(.helpRunProvince), valueName: "NAME"))
        var province: Province?

        @OptionGroup var asOf: AsOfOption

        @Option(name: .customLong("resend-after"), help: ArgumentHelp(helpText(.helpRunResendAfter, width: 50), valueName: "DAYS"))
        var resendAfter: Int = 30

        @Option(name: .customLong("dormant-after"), help: ArgumentHelp(localized(.helpRunDormantAfter), valueName: "DAYS"))
        var dormantAfter: Int = RunOptions.defaultDormantAfter

        @Option(help: ArgumentHelp(localized(.helpRunTemplates), valueName: "DIR"))
        var templates: String?

        @Option(help: ArgumentHelp(localized(.helpRunEncoding, ["names": localizedList(RunOptions.encodingNames)]),
                                   valueName: "NAME"))
        var encoding: String?

        @ArgumentParser.Flag(help: ArgumentHelp(localized(.helpRunForce)))
        var force = false

        @ArgumentParser.Flag(name: .customLong("allow-repeat"), help: ArgumentHelp(localized(.helpAllowRepeat)))
        var allowRepeat = false

        @Argument(help: ArgumentHelp(localized(.helpRunFailures), valueName: "FAILURES.csv"))
        var failures: [String] = []

        func validate() throws {
            if failures.isEmpty { throw ValidationError(localized(.runNoFailures)) }
            if resendAfter < 0 { throw ValidationError(localized(.runNegativeResend, ["days": resendAfter])) }
            if dormantAfter < 1 { throw ValidationError(localized(.runDormantAfterTooSmall, ["days": dormantAfter])) }
            if let e = encoding, !RunOptions.isKnownEncoding(e) {
                throw ValidationError(localized(.runUnknownEncoding, [
                    "name": e, "names": localizedList(RunOptions.encodingNames)]))
            }
            if let t = templates, !FileManager.default.fileExists(atPath: t) {
                throw ValidationError(localized(.runNoTemplatesFolder, ["folder": t]))
            }
        }

        func run() throws {
            prepareProcess()
            guard let templatesDirectory = templates ?? Templates.defaultDirectory() else {
                printError(localized(.runNoDefaultTemplates))
                throw Status.usage
            }
            let options = RunOptions(
                workspace: workspace, failures: failures, certificates: certificates, registry: registry,
                province: province, asOf: asOf.date, resendAfter: resendAfter, dormantAfter: dormantAfter,
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

/// Progress on a terminal (standard error), one line rewritten in place.
final class TerminalProgress: ProgressReporter, @unchecked Sendable {
    static func ifTerminal() -> TerminalProgress? { isatty(2) != 0 ? TerminalProgress() : nil }

    private var last = ""
    func update(_ stage: String, count: Int) {
        let line = "\r" + RunReport.progress(stage: stage, rows: count)
        if line != last {
            FileHandle.standardError.write(Data(line.utf8))
            last = line
        }
    }

    func finish() {
        if !last.isEmpty { FileHandle.standardError.write(Data("\n".utf8)) }
        last = ""
    }
}
