import Foundation

/// The benchmark's record of the cells a workbook was given (``WorkbookOptions/cellLog``): `M` and the mode, `S`
/// and a sheet name, `s` row column text, `n` row column number — tab-separated, one per line, with tab, line feed
/// and backslash in text written `\t`, `\n`, `\\`. `Benchmarks/xlsx-floor.c` replays it.
final class CellLog: @unchecked Sendable {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init?(path: String, constantMemory: Bool) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let h = FileHandle(forWritingAtPath: path) else { return nil }
        handle = h
        append("M\t\(constantMemory ? 1 : 0)\n")
    }

    func sheet(_ name: String) { append("S\t\(name)\n") }

    func text(_ text: String, row: Int, column: Int) {
        var escaped = ""
        for u in text.unicodeScalars {
            switch u {
            case "\t": escaped += "\\t"
            case "\n": escaped += "\\n"
            case "\\": escaped += "\\\\"
            default: escaped.unicodeScalars.append(u)
            }
        }
        append("s\t\(row)\t\(column)\t\(escaped)\n")
    }

    func number(_ value: Double, row: Int, column: Int) { append("n\t\(row)\t\(column)\t\(value)\n") }

    private func append(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count > 1 << 20 { flush() }
    }

    private func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    deinit {
        flush()
        try? handle.close()
    }
}
