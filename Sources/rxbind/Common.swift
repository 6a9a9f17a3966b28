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
    @Option(name: .customLong("as-of"),
            help: ArgumentHelp("The night's date, YYYY-MM-DD. Defaults to today's local date.", valueName: "YYYY-MM-DD"))
    var asOfText: String?

    func validate() throws {
        if let t = asOfText, CalendarDate(iso: t) == nil {
            throw ValidationError("--as-of must be a real date written YYYY-MM-DD, not \"\(t)\".")
        }
    }

    /// The as-of date: the option, else today's local date — the one clock read rxbind makes.
    var date: CalendarDate {
        if let t = asOfText, let d = CalendarDate(iso: t) { return d }
        return CalendarDate.today()
    }

    /// Whether the date came from the clock.
    var isDefaulted: Bool { asOfText == nil }
}

/// Prints to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data(("rxbind: " + message + "\n").utf8))
}

/// A subcommand that the current version does not have yet: says so and exits 1, with no output pretending otherwise.
func notYetImplemented(_ name: String) -> ExitCode {
    printError("\(name) is not implemented in rxbind \(toolVersion) yet.")
    return Status.failure
}
