import Foundation

/// What a run of a program printed and how it ended.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
    public let stdoutBytes: Data
}

/// The built `rxbind` binary, found beside the test bundle in the build folder (`swift test` builds it because the
/// test target depends on it).
public enum RxBindBinary {
    public static var path: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("rxbind").path
    }

    /// Runs `rxbind` with arguments and waits for it.
    @discardableResult
    public static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
                           stdin: Data? = nil) throws -> ProcessResult {
        try runProgram(path, arguments, in: directory, environment: environment, stdin: stdin, clearingLanguage: true)
    }
}

/// Runs any program and waits for it, collecting both outputs.
@discardableResult
public func runProgram(_ program: String, _ arguments: [String], in directory: String? = nil,
                       environment: [String: String] = [:], stdin: Data? = nil,
                       clearingLanguage: Bool = false) throws -> ProcessResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: program)
    p.arguments = arguments
    if let d = directory { p.currentDirectoryURL = URL(fileURLWithPath: d) }
    // The language rxbind speaks depends on these (SPEC §12): rxbind sees the default (Chinese) unless the test
    // asks, whatever locale the machine running the tests has. Other programs (LibreOffice) keep the machine's.
    let language: Set = ["LANG", "LC_ALL", "LC_MESSAGES", "RXBIND_LANG"]
    var env = ProcessInfo.processInfo.environment.filter { !clearingLanguage || !language.contains($0.key) }
    for (k, v) in environment { env[k] = v }
    p.environment = env
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    let input = Pipe()
    p.standardInput = input
    try p.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    // Read both pipes concurrently so a chatty child never blocks on a full pipe.
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    return ProcessResult(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self), stdoutBytes: outData)
}
