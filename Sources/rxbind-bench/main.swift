// Micro-benchmarks of rxbind's hot paths for `make bench` (scripts/bench.sh): the delimited-text reader alone, and
// loading a certificate roster into its in-memory index. Release build only; prints tab-separated results.
//
//   rxbind-bench read FILE...        MB/s of the reader (records split and every field's bytes touched), best of 3
//   rxbind-bench load-roster FILE    rows/s of RosterFile.read (reading, normalising, indexing), best of 3
import Foundation
import RxBind

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
            print("read\t\((path as NSString).lastPathComponent)\t\(encoding)\t\(records) records\t"
                  + String(format: "%.1f MB/s", Double(size) / t / 1e6) + "\t(\(checksum & 1))")
        }
    case "load-roster":
        let path = arguments[1]
        var rows = 0
        let t = try best {
            rows = try RosterFile.read(path: path, asOf: CalendarDate(year: 2026, month: 11, day: 21)!).count
        }
        print("load-roster\t\((path as NSString).lastPathComponent)\t\(rows) rows\t"
              + String(format: "%.0f rows/s", Double(rows) / t))
    default:
        FileHandle.standardError.write(Data("unknown command \(command)\n".utf8))
        exit(64)
    }
} catch {
    FileHandle.standardError.write(Data("rxbind-bench: \(error.localizedDescription)\n".utf8))
    exit(1)
}
