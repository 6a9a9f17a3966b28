import ArgumentParser
import Foundation
import RxBind

extension RxBindCommand {
    /// `rxbind audit …`
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check archived nights: verify hashes, or re-run a night and compare byte for byte.",
            subcommands: [Verify.self, Rerun.self]
        )

        struct Target: ParsableArguments {
            @Option(help: ArgumentHelp("The workspace folder.", valueName: "DIR"))
            var workspace: String

            @Argument(help: ArgumentHelp("The run to check (as printed by rxbind run, e.g. 20261121-1a2b3c4d).",
                                         valueName: "RUN_ID"))
            var runID: String
        }

        /// `rxbind audit verify`
        struct Verify: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Re-hash a run's outputs and archived inputs against its manifest and check the manifest chain.",
                discussion: "Prints each file's result; exits 0 only when everything matches, 65 otherwise.")

            @OptionGroup var target: Target

            func run() throws {
                let report: AuditReport
                do { report = try RxBind.Audit.verify(workspace: target.workspace, runID: target.runID) } catch {
                    throw auditStatus(error)
                }
                print(render(report))
                if !report.passed { throw Status.dataError }
            }
        }

        /// `rxbind audit rerun`
        struct Rerun: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Re-run a night from the archive in a scratch workspace and compare every output byte for byte.",
                discussion: """
                    Uses only the archive: the night's inputs, templates and the case state the run started from. \
                    When this rxbind's version differs from the manifest's it says so first, and still compares. \
                    Exits 0 only when every output is identical, 65 otherwise.
                    """)

            @OptionGroup var target: Target

            func run() throws {
                let result: RxBind.Audit.RerunResult
                do { result = try RxBind.Audit.rerun(workspace: target.workspace, runID: target.runID) } catch {
                    throw auditStatus(error)
                }
                if let note = result.versionNote { print("note: " + note) }
                print(render(result.report))
                if !result.report.passed { throw Status.dataError }
            }
        }
    }
}

func auditStatus(_ error: Error) -> ExitCode { report(error) }

func render(_ report: AuditReport) -> String {
    let width = max(20, report.checks.map { $0.subject.count }.max() ?? 0)
    var lines = report.checks.map {
        $0.subject.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.outcome.rawValue + "  " + $0.detail
    }
    lines.append(report.passed ? "run \(report.runID): everything matches" : "run \(report.runID): MISMATCHES FOUND")
    return lines.joined(separator: "\n")
}
