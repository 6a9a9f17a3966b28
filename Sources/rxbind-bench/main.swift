import DelimitedText
// Micro-benchmarks of rxbind's hot paths for `make bench` (scripts/bench.sh): the delimited-text reader alone, and
// loading a certificate roster into its in-memory index. Release build only; prints tab-separated results.
//
//   rxbind-bench read FILE...        MB/s of the reader (records split and every field's bytes touched), best of 3
//   rxbind-bench load-roster FILE    rows/s of RosterFile.read (reading, normalising, indexing), best of 3
//   rxbind-bench count-rows FILE     seconds to count every sheet's rows (what Spreadsheet's read-back costs)
//   rxbind-bench replay LOG OUT TMP  the cells of a cell log written through Spreadsheet (the Swift wrapper, with its
//                                    checks and read-back) — beside Benchmarks/xlsx-floor.c, which writes them from C
import Foundation
import RxBind
import Spreadsheet
import SpreadsheetReader

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func best(_ runs: Int = 3, _ body: () throws -> Void) rethrows -> Double {
    var fastest = Double.infinity
    for _ in 0..<runs { fastest = min(fastest, try seconds(body)) }
    return fastest
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
    FileHandle.standardError.write(Data("usage: rxbind-bench read FILE... | load-roster FILE\n".utf8))
    exit(64)
}
do {
    switch command {
    case "read":
        for path in arguments.dropFirst() {
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            var encoding = ""
            var records = 0
            var checksum = 0
            let t = try best {
                var reader = try DelimitedReader(path: path, encodingOverride: nil)
                encoding = reader.encoding.name
                records = 0
                try reader.forEachRecord { record in
                    records += 1
                    for i in 0..<record.count { checksum &+= record.byteCount(i) }
                }
            }
            print("read\t\(URL(fileURLWithPath: path).lastPathComponent)\t\(encoding)\t\(records) records\t"
                  + String(format: "%.1f MB/s", Double(size) / t / 1e6) + "\t(\(checksum & 1))")
        }
    case "load-roster":
        let path = arguments[1]
        var rows = 0
        let t = try best {
            rows = try RosterFile.read(path: path, asOf: CalendarDate(year: 2026, month: 11, day: 21)!).count
        }
        print("load-roster\t\(URL(fileURLWithPath: path).lastPathComponent)\t\(rows) rows\t"
              + String(format: "%.0f rows/s", Double(rows) / t))
    case "count-rows":
        let path = arguments[1]
        var rows = 0
        let t = try best(1) {
            let book = try WorkbookReader(path: path)
            rows = 0
            for sheet in book.sheets { rows += try book.rowCount(of: sheet) }
        }
        print("count-rows\t\(URL(fileURLWithPath: path).lastPathComponent)\t\(rows) rows\t" + String(format: "%.2f s", t))
    case "replay":
        // The log is parsed before the clock starts, as the C floor does.
        let text = try String(contentsOfFile: arguments[1], encoding: .utf8)
        enum Entry { case mode(Bool), sheet(String), text(Int, Int, String), number(Int, Int, Double) }
        var entries: [Entry] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let f = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false)
            switch f[0] {
            case "M": entries.append(.mode(f[1] == "1"))
            case "S": entries.append(.sheet(String(f[1])))
            case "s":
                let raw = f.count > 3 ? String(f[3]) : ""
                entries.append(.text(Int(f[1])!, Int(f[2])!, raw.replacingOccurrences(of: "\\t", with: "\t")
                    .replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\\\", with: "\\")))
            case "n": entries.append(.number(Int(f[1])!, Int(f[2])!, Double(f[3])!))
            default: break
            }
        }
        var cells = 0
        var fill = 0.0
        let t = try seconds {
            guard case .mode(let constant) = entries.first else { return }
            var book = try Workbook(path: arguments[2],
                                    options: WorkbookOptions(temporaryDirectory: arguments[3], constantMemory: constant,
                                                             useZip64: constant),
                                    properties: DocumentProperties(created: Date(timeIntervalSince1970: 1_763_683_200)))
            var sheet: SheetID? = nil
            fill = try seconds {
                for e in entries.dropFirst() {
                    switch e {
                    case .mode: break
                    case .sheet(let name): sheet = try book.addWorksheet(named: name)
                    case .text(let r, let c, let s): try book.write(s, sheet: sheet!, row: r, column: c); cells += 1
                    case .number(let r, let c, let v): try book.write(number: v, sheet: sheet!, row: r, column: c); cells += 1
                    }
                }
            }
            _ = try book.close()
        }
        print("replay\t\(URL(fileURLWithPath: arguments[1]).lastPathComponent)\t\(cells) cells\t"
              + String(format: "%.3f s (filling %.3f s)", t, fill))
    default:
        FileHandle.standardError.write(Data("unknown command \(command)\n".utf8))
        exit(64)
    }
} catch {
    FileHandle.standardError.write(Data("rxbind-bench: \(error.localizedDescription)\n".utf8))
    exit(1)
}
