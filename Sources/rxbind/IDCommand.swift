import ArgumentParser
import RxBind

extension RxBindCommand {
    /// `rxbind id …`
    struct ID: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "id",
            abstract: "Work with resident ID numbers.",
            subcommands: [Check.self]
        )

        /// `rxbind id check`
        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Normalise and validate ID numbers.",
                discussion: """
                    Prints one tab-separated line per number, in order: the number as given, then the 18-digit \
                    number, birth date (YYYY-MM-DD), sex (男/女) and province, or "invalid" and the reason code \
                    (MISSING_ID, ID_MANGLED_BY_SPREADSHEET, ID_MALFORMED, ID_CHECKSUM, ID_BIRTH_DATE, ID_REGION). \
                    Exits 65 when any number is invalid. This command prints the full numbers it was asked about.
                    """
            )

            @OptionGroup var asOf: AsOfOption

            @Argument(help: "The ID numbers to check (15 or 18 digits).")
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
