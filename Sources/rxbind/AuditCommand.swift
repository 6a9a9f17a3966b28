import ArgumentParser
import Foundation
import RxBind

extension RxBindCommand {
    /// `rxbind audit …`
    struct Audit: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: localized(.helpAuditAbstract), subcommands: [Verify.self, Rerun.self])
        }

        /// `rxbind audit verify`
        struct Verify: ParsableCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(abstract: localized(.helpAuditVerifyAbstract),
                                     discussion: helpText(.helpAuditVerifyDiscussion))
            }

            @Option(help: ArgumentHelp(localized(.helpWorkspace), valueName: "DIR"))
            var workspace: String

            @Argument(help: ArgumentHelp(localized(.helpAuditRunID), valueName: "RUN_ID"))
            var runID: String?

            @ArgumentParser.Flag(help: ArgumentHelp(localized(.helpAuditAll)))
            var all = false

            func validate() throws {
                if all && runID != nil { throw ValidationError(localized(.auditVerifyTargetBoth)) }
                if !all && runID == nil { throw ValidationError(localized(.auditVerifyTargetNone)) }
            }

            func run() throws {
                do {
                    if let runID {
                        let report = try RxBind.Audit.verify(workspace: workspace, runID: runID)
                        print(AuditText.verify(report))
                        if !report.passed { throw Status.dataError }
                    } else {
                        let audit = try RxBind.Audit.verifyAll(workspace: workspace)
                        print(AuditText.workspace(audit))
                        if !audit.passed { throw Status.dataError }
                    }
                } catch {
                    throw report(error)
                }
            }
        }

        /// `rxbind audit rerun`
        struct Rerun: ParsableCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(abstract: localized(.helpAuditRerunAbstract),
                                     discussion: helpText(.helpAuditRerunDiscussion))
            }

            @Option(help: ArgumentHelp(localized(.helpWorkspace), valueName: "DIR"))
            var workspace: String

            @Argument(help: ArgumentHelp(localized(.helpAuditRunID), valueName: "RUN_ID"))
            var runID: String

            @Option(help: ArgumentHelp(localized(.helpAuditKeep), valueName: "DIR"))
            var keep: String?

            func validate() throws {
                // Said before a long rerun; the rerun checks again when it creates the folder.
                if let keep, FileManager.default.fileExists(atPath: keep),
                   (try? FileManager.default.contentsOfDirectory(atPath: keep).isEmpty) != true {
                    throw ValidationError(localized(.auditKeepNotEmpty, ["folder": keep]))
                }
            }

            func run() throws {
                prepareProcess()
                let result: RxBind.Audit.RerunResult
                do { result = try RxBind.Audit.rerun(workspace: workspace, runID: runID, keep: keep) } catch {
                    throw report(error)
                }
                print(AuditText.rerun(result))
                if !result.report.passed { throw Status.dataError }
            }
        }
    }
}
