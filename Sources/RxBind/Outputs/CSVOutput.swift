import Files
/// The CSV outputs' dialect: UTF-8 with BOM, comma-separated, RFC 4180 quoting, CRLF line ends — and, against CSV
/// injection (OWASP), a leading `'` on any value that begins with `=`, `+`, `-`, `@`, a tab or a carriage return, so
/// that a spreadsheet program opening the file does not evaluate it (SPEC §6).
public enum CSVOutput {
    /// The UTF-8 byte-order mark Excel needs to read UTF-8.
    public static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// One field, protected and quoted as needed.
    public static func field(_ value: String) -> String {
        var v = value
        if let first = v.utf8.first, first == UInt8(ascii: "=") || first == UInt8(ascii: "+")
            || first == UInt8(ascii: "-") || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D {
            v = "'" + v
        }
        if v.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }

    /// One record with its line end.
    public static func line(_ values: [String]) -> String {
        values.map(field).joined(separator: ",") + "\r\n"
    }

    /// Writes a whole CSV file: BOM, header, rows.
    public static func write(to file: OutputFile, header: [String], rows: some Sequence<[String]>) throws {
        try file.write(bom)
        try file.write(line(header))
        for row in rows { try file.write(line(row)) }
    }
}
