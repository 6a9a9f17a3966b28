import ArgumentParser
import Foundation
import RxBind

extension RxBindCommand {
    /// `rxbind cases`
    struct Cases: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: localized(.helpCasesAbstract), discussion: helpText(.helpCasesDiscussion))
        }

        enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv }

        @Option(help: ArgumentHelp(localized(.helpWorkspace), valueName: "DIR"))
        var workspace: String

        @Option(help: ArgumentHelp(localized(.helpCasesStatus), valueName: "STATUS"))
        var status: CaseRecord.Status?

        @Option(name: .customLong("class"), help: ArgumentHelp(localized(.helpCasesClass), valueName: "CLASS"))
        var caseClass: CaseClass?

        @Option(help: ArgumentHelp(localized(.helpCasesID), valueName: "ID"))
        var id: ResidentID?

        @Option(help: ArgumentHelp(localized(.helpCasesFormat)))
        var format: Format = .table

        func run() throws {
            let records: [CaseRecord]
            do { records = try CaseQuery(status: status, caseClass: caseClass, id: id).run(workspace: workspace) } catch {
                throw report(error)
            }
            switch format {
            case .table: print(CaseTable.text(records))
            case .csv: FileHandle.standardOutput.write(Data(CaseTable.csv(records)))
            }
        }
    }
}

extension CaseRecord.Status: ExpressibleByArgument {}
