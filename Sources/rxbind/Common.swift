import ArgumentParser
import Foundation
import RxBind

/// Exit statuses of SPEC §8 (sysexits.h).
enum Status {
    static let usage = ExitCode(64)
    static let dataError = ExitCode(65)
    static let cannotWrite = ExitCode(73)
    static let busy = ExitCode(75)
    static let failure = ExitCode(1)
}

/// `--as-of`, shared by the commands that judge dates.
struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp(localized(.helpAsOf), valueName: "YYYY-MM-DD"))
    var given: CalendarDate?

    /// The as-of date: the option, else today's local date — the one clock read rxbind makes.
    var date: CalendarDate { given ?? CalendarDate.today() }
}

/// Prints a message to standard error, after the program's name.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((localized(.errorPrefix) + message + "\n").utf8))
}
