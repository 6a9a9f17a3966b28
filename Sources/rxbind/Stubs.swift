import ArgumentParser
import RxBind

extension RxBindCommand {
    /// `rxbind audit …`
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Verify or re-run archived nights.")
        func run() throws { throw notYetImplemented("rxbind audit") }
    }

    /// `rxbind cases`
    struct Cases: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the workspace's cases.")
        func run() throws { throw notYetImplemented("rxbind cases") }
    }

    /// `rxbind form …`
    struct Form: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check addition-request forms (the centre's side).")
        func run() throws { throw notYetImplemented("rxbind form check") }
    }
}
