import ArgumentParser
import Foundation
import RxBind

extension RxBindCommand {
    /// `rxbind revert`
    struct Revert: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: localized(.helpRevertAbstract), discussion: helpText(.helpRevertDiscussion))
        }

        @Option(help: ArgumentHelp(localized(.helpWorkspace), valueName: "DIR"))
        var workspace: String

        @Argument(help: ArgumentHelp(localized(.helpRevertRunID), valueName: "RUN_ID"))
        var runID: String

        @Option(help: ArgumentHelp(localized(.helpRevertWhy), valueName: "TEXT"))
        var why: String

        func validate() throws {
            if why.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw ValidationError(localized(.revertWhyEmpty))
            }
        }

        func run() throws {
            prepareProcess()
            let result: RxBind.Revert.Result
            do { result = try RxBind.Revert.revert(workspace: workspace, runID: runID, why: why) } catch {
                throw report(error)
            }
            print(localized(.revertDone, ["run": result.reverted.run.runID, "date": result.reverted.run.asOf.iso,
                                          "cases": result.cases, "folder": result.folder, "record": result.record]))
            if let latest = result.latest {
                print(localized(.revertNextChains, ["run": latest.runID, "date": latest.asOf.iso]))
            } else {
                print(localized(.revertNoRunLeft))
            }
        }
    }
}
