import ArgumentParser
import Foundation
import RxBind

extension RxBindCommand {
    /// `rxbind runs`
    struct Runs: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: localized(.helpRunsAbstract), discussion: helpText(.helpRunsDiscussion))
        }

        enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv }

        @Option(help: ArgumentHelp(localized(.helpWorkspace), valueName: "DIR"))
        var workspace: String

        @Option(help: ArgumentHelp(localized(.helpRunsFormat)))
        var format: Format = .table

        func run() throws {
            let listing: RunListing
            do { listing = try RunListing.list(workspace: workspace) } catch { throw report(error) }
            switch format {
            case .table:
                print(listing.table())
            case .csv:
                var out = Data(CSVOutput.bom)
                out.append(Data(CSVOutput.line(RunListing.csvHeader).utf8))
                for row in listing.csvRows() { out.append(Data(CSVOutput.line(row).utf8)) }
                FileHandle.standardOutput.write(out)
            }
        }
    }
}
