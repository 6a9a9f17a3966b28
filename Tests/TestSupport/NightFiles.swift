import Foundation

/// Small input files written by a test: UTF-8 CSV with a header row.
public enum NightFiles {
    /// Writes a CSV file (fields quoted when needed) and returns its path.
    @discardableResult
    public static func write(_ path: String, header: [String], rows: [[String]], bom: Bool = true) throws -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var text = bom ? "\u{FEFF}" : ""
        for r in [header] + rows { text += r.map(field).joined(separator: ",") + "\n" }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// Reads a CSV file the way the tests need (UTF-8, optional BOM, RFC 4180 quotes): rows of fields, header first.
    public static func readCSV(_ path: String) throws -> [[String]] {
        var text = try String(contentsOfFile: path, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false } }
                else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\r" { continue }
            else if c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.unicodeScalars.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// CSV rows as dictionaries keyed by the header.
    public static func records(_ path: String) throws -> [[String: String]] {
        let rows = try readCSV(path)
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { r in Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0 < r.count ? r[$0] : "") }) }
    }
}

/// Every file and folder under a directory with its permission bits, sorted.
public func permissions(under root: String) -> [(path: String, mode: Int, isDirectory: Bool)] {
    var out: [(String, Int, Bool)] = []
    let fm = FileManager.default
    guard let e = fm.enumerator(atPath: root) else { return [] }
    while let rel = e.nextObject() as? String {
        let p = root + "/" + rel
        if let a = try? fm.attributesOfItem(atPath: p), let mode = a[.posixPermissions] as? Int {
            out.append((rel, mode, (a[.type] as? FileAttributeType) == .typeDirectory))
        }
    }
    return out.sorted { $0.0 < $1.0 }
}

/// A listing of a tree: relative path, size and SHA-free content fingerprint (bytes), to tell whether anything changed.
public func snapshot(of root: String) -> [String: Data] {
    var out: [String: Data] = [:]
    let fm = FileManager.default
    guard let e = fm.enumerator(atPath: root) else { return [:] }
    while let rel = e.nextObject() as? String {
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: root + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
            out[rel] = fm.contents(atPath: root + "/" + rel) ?? Data()
        } else {
            out[rel + "/"] = Data()
        }
    }
    return out
}
