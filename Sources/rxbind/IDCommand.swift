import ArgumentParser
import RxBind

extension RxBindCommand {
    /// `rxbind id …`
    struct ID: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "id", abstract: localized(.helpIDAbstract), subcommands: [Check.self])
        }

        /// `rxbind id check`
        struct Check: ParsableCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(abstract: localized(.helpIDCheckAbstract),
                                     discussion: helpText(.helpIDCheckDiscussion))
            }

            @OptionGroup var asOf: AsOfOption

            @Argument(help: ArgumentHelp(localized(.helpIDCheckNumbers), valueName: "ID"))
            var numbers: [String]

            func run() throws {
                let date = asOf.date
                var allValid = true
                for n in numbers {
                    let (line, valid) = IDCheck.line(for: n, asOf: date)
                    print(line)
                    allValid = allValid && valid
                }
                if !allValid { throw Status.dataError }
            }
        }
    }
}
