// rxbind-gen: the deterministic generator of nights (samples, end-to-end tests and `make bench`).
//
// It shares no code with the RxBind module on purpose: what it writes into expected/ is what it intended when it
// built each person, so rxbind's results can be checked against an independent oracle.
import Foundation

func runGenerator(_ arguments: [String]) -> Int32 {
    do {
        guard let options = try GeneratorOptions.parse(arguments) else {
            print(GeneratorOptions.usage)
            return 0
        }
        var sequence = NightSequence(options: options)
        try sequence.run()
        return 0
    } catch let error as GeneratorError {
        FileHandle.standardError.write(Data(("rxbind-gen: " + (error.errorDescription ?? "failed") + "\n").utf8))
        return error.exitStatus
    } catch {
        FileHandle.standardError.write(Data(("rxbind-gen: \(error.localizedDescription)\n").utf8))
        return 1
    }
}

exit(runGenerator(Array(CommandLine.arguments.dropFirst())))
