import ArgumentParser
import Foundation
import RxBind

/// `rxbind`: triage of failed portal bindings for provincial drug administrations.
@main
struct RxBindCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "rxbind",
            abstract: localized(.helpRootAbstract),
            discussion: helpText(.helpRootDiscussion),
            version: "\(toolVersion) (rule set \(ruleSetVersion))",
            subcommands: [Run.self, Revert.self, Runs.self, Audit.self, Cases.self, ID.self, Form.self]
        )
    }

    /// ArgumentParser's `main`, with the library's own phrases (headings, "Missing expected argument" …) in the
    /// process's language, like everything else rxbind prints (SPEC §12).
    static func main() {
        // Stage timings for `make bench` (scripts/bench.sh reads them from standard error).
        if ProcessInfo.processInfo.environment["RXBIND_TIMINGS"] == "1" {
            Timings.report { FileHandle.standardError.write(Data($0.utf8)) }
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = LibraryText.translate(fullMessage(for: error))
            if !message.isEmpty {
                let stream = code == .success ? FileHandle.standardOutput : FileHandle.standardError
                stream.write(Data((message + "\n").utf8))
            }
            Foundation.exit(code.rawValue)
        }
    }
}
