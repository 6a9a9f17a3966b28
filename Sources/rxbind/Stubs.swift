import ArgumentParser
import RxBind

extension RxBindCommand {


    /// `rxbind form …`
    struct Form: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check addition-request forms (the centre's side).")
        func run() throws { throw notYetImplemented("rxbind form check") }
    }
}
