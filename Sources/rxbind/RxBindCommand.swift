import ArgumentParser
import RxBind

/// `rxbind`: triage of failed portal bindings for provincial drug administrations.
@main
struct RxBindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rxbind",
        abstract: "Triage failed bindings between the NMPA portal and the licensed-pharmacist registration system.",
        discussion: """
            rxbind classifies each pharmacist whose portal account failed to bind, fills the addition-request \
            forms (添加申请表) the province sends to the national pharmacist centre, and keeps an audit trail from \
            which any past night can be re-run byte for byte.

            Exit status: 0 success; 64 usage; 65 bad input data; 73 cannot write outputs; 75 workspace busy; \
            1 anything else.
            """,
        version: "\(toolVersion) (rule set \(ruleSetVersion))",
        subcommands: [Run.self, Revert.self, Runs.self, Audit.self, Cases.self, ID.self, Form.self]
    )
}
