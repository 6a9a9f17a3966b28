import ArgumentParser
import Foundation
import RxBind

extension RxBindCommand {
    /// `rxbind form …`
    struct Form: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check addition-request forms: the national centre's side.",
            subcommands: [Check.self]
        )

        /// `rxbind form check`
        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Check received addition-request forms before importing them (or before sending them).",
                discussion: """
                    Reads each .xlsx — as rxbind wrote it or re-saved by Excel, WPS or LibreOffice — finds the data \
                    rows under the form's header row and reports per file: batch, part, province, row count and \
                    whether the fingerprint still matches. A file fails (exit 65) when its fingerprint is missing or \
                    does not match (a data row was changed, added or removed: each is named by its 序号 and \
                    spreadsheet row, with the columns that differ; rows only re-ordered pass with a note), an ID is \
                    invalid or stored as a number, a row (ID and certificate number) appears twice in it or in \
                    another file given, the same part of a batch is given twice, a part of a split batch is \
                    missing, or — with --certificates — a row disagrees with the roster. An \
                    empty footer field is a warning. --format csv writes one import file of the valid rows of all \
                    passing files to standard output (full numbers) and the report to standard error.
                    """
            )

            enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv }

            @OptionGroup var asOf: AsOfOption

            @Option(help: ArgumentHelp("A certificate roster to compare every row with.", valueName: "FILE"))
            var certificates: String?

            @Option(help: "text (the report) or csv (an import file on standard output, the report on standard error).")
            var format: Format = .text

            @Argument(help: ArgumentHelp("The forms to check.", valueName: "FORM.xlsx"))
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
