import ArgumentParser
import Foundation
import RxBind

extension RxBindCommand {
    /// `rxbind cases …`: list cases (the default), or record what staff did with one.
    struct Cases: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: localized(.helpCasesAbstract), discussion: helpText(.helpCasesDiscussion),
                                 subcommands: [List.self, Note.self, Close.self], defaultSubcommand: List.self)
        }

        enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv }

        /// `rxbind cases [list]`
        struct List: ParsableCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(abstract: localized(.helpCasesListAbstract))
            }

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
                case .table: print(id == nil ? CaseTable.text(records) : CaseTable.details(records))
                case .csv: FileHandle.standardOutput.write(Data(CaseTable.csv(records)))
                }
            }
        }

        /// `rxbind cases note`
        struct Note: ParsableCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(abstract: localized(.helpCasesNoteAbstract), discussion: helpText(.helpCasesNoteDiscussion))
            }

            @Option(help: ArgumentHelp(localized(.helpWorkspace), valueName: "DIR"))
            var workspace: String

            @Option(help: ArgumentHelp(localized(.helpCasesActionID), valueName: "ID"))
            var id: ResidentID

            @Argument(help: ArgumentHelp(localized(.helpCasesNoteText), valueName: "TEXT"))
            var text: String

            func run() throws {
                prepareProcess()
                do {
                    print(CaseTable.said(try StaffActions.note(workspace: workspace, id: id, text: text)))
                } catch {
                    throw report(error)
                }
            }
        }

        /// `rxbind cases close`
        struct Close: ParsableCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(abstract: localized(.helpCasesCloseAbstract), discussion: helpText(.helpCasesCloseDiscussion))
            }

            @Option(help: ArgumentHelp(localized(.helpWorkspace), valueName: "DIR"))
            var workspace: String

            @Option(help: ArgumentHelp(localized(.helpCasesActionID), valueName: "ID"))
            var id: ResidentID

            @Option(help: ArgumentHelp(localized(.helpCasesCloseWhy), valueName: "TEXT"))
            var why: String

            func run() throws {
                prepareProcess()
                do {
                    print(CaseTable.said(try StaffActions.close(workspace: workspace, id: id, why: why)))
                } catch {
                    throw report(error)
                }
            }
        }
    }
}

extension CaseRecord.Status: ExpressibleByArgument {}
