import ArgumentParser
import Foundation
import RxBind

extension RxBindCommand {
    /// `rxbind form …`
    struct Form: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: localized(.helpFormAbstract), subcommands: [Check.self])
        }

        /// `rxbind form check`
        struct Check: ParsableCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(abstract: localized(.helpFormCheckAbstract),
                                     discussion: helpText(.helpFormCheckDiscussion))
            }

            enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv }

            @OptionGroup var asOf: AsOfOption

            @Option(help: ArgumentHelp(localized(.helpFormCertificates), valueName: "FILE"))
            var certificates: String?

            @Option(help: ArgumentHelp(localized(.helpFormFormat)))
            var format: Format = .text

            @Argument(help: ArgumentHelp(localized(.helpFormForms), valueName: "FORM.xlsx"))
            var forms: [String]

            func run() throws {
                let date = asOf.date
                var roster: Roster? = nil
                if let path = certificates {
                    do { roster = try RosterFile.read(path: path, asOf: date) } catch { throw report(error) }
                }
                let result = FormCheck.check(forms, asOf: date, roster: roster)
                let text = FormCheck.text(result)
                switch format {
                case .text:
                    print(text)
                case .csv:
                    FileHandle.standardOutput.write(Data(FormCheck.importCSV(result)))
                    FileHandle.standardError.write(Data((text + "\n").utf8))
                }
                if !result.passed { throw Status.dataError }
            }
        }
    }
}
