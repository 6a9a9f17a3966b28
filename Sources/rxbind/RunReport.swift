import Foundation
import RxBind

/// The short summary `rxbind run` prints: counts and paths, never an ID or phone number.
enum RunReport {
    static func text(_ s: RunSummary) -> String {
        if s.alreadyExisted {
            return "rxbind: run \(s.runID) exists already (same inputs, options and as-of date): nothing changed.\n"
                + "Outputs: \(s.runDirectory)\nUse --force to redo the workspace's latest run."
        }
        guard let m = s.manifest else { return "run \(s.runID)" }
        let c = m.counts
        var lines: [String] = []
        lines.append("rxbind run \(s.runID) — as of \(m.asOf)\(m.province.map { ", " + $0 } ?? "")")
        lines.append("  cases \(c.cases) (new \(c.new), seen before \(c.seenAgain)); invalid rows \(c.invalidRows); warnings \(c.warnings)")
        for cls in CaseClass.allCases {
            lines.append("  " + cls.code.padding(toLength: 24, withPad: " ", startingAt: 0) + String(c.byClass[cls.code] ?? 0))
        }
        lines.append("  carried over \(c.carriedOver); resolved \(c.resolved)")
        lines.append("  addition requests: \(c.requested) cases, \(c.formRows) form rows in \(c.formParts) file(s); already requested \(c.alreadyRequested)")
        lines.append("Outputs in \(s.runDirectory):")
        for f in s.files { lines.append("  " + f) }
        return lines.joined(separator: "\n")
    }
}

/// Progress on a terminal (standard error), one line rewritten in place.
final class TerminalProgress: ProgressReporter, @unchecked Sendable {
    static func ifTerminal() -> TerminalProgress? { isatty(2) != 0 ? TerminalProgress() : nil }

    private var last = ""
    func update(_ stage: String, count: Int) {
        let line = "\r\(stage): \(count) rows"
        if line != last {
            FileHandle.standardError.write(Data(line.utf8))
            last = line
        }
    }

    func finish() {
        if !last.isEmpty { FileHandle.standardError.write(Data("\n".utf8)) }
        last = ""
    }
}
