import Foundation

/// One sheet of a workbook, as `xl/workbook.xml` lists it.
public struct SheetInfo: Sendable, Hashable {
    /// What kind of sheet the part is; only worksheets hold rows.
    public enum Kind: Sendable, Hashable {
        /// A sheet of cells.
        case worksheet
        /// A sheet that is one chart; it has no rows.
        case chartsheet
        /// A dialog or macro sheet, read like a worksheet.
        case other
    }

    /// Whether the sheet's tab is shown.
    public enum Visibility: Sendable, Hashable {
        /// Shown.
        case visible
        /// Hidden, and the user can show it again.
        case hidden
        /// Hidden so that only a program can show it again.
        case veryHidden
    }

    /// The name on the sheet's tab.
    public let name: String
    /// The sheet's place in workbook order, from 0.
    public let index: Int
    /// The path of the sheet's part inside the package, such as `xl/worksheets/sheet1.xml`.
    public let part: String
    /// What kind of sheet it is.
    public let kind: Kind
    /// Whether the tab is shown.
    public let visibility: Visibility

    /// A sheet description, as a test or a caller comparing sheets builds one.
    public init(name: String, index: Int, part: String, kind: Kind, visibility: Visibility) {
        self.name = name
        self.index = index
        self.part = part
        self.kind = kind
        self.visibility = visibility
    }
}

/// A name defined in the workbook, such as the print titles `_xlnm.Print_Titles`.
public struct DefinedName: Sendable, Hashable {
    /// The name, as stored (`_xlnm.Print_Titles`).
    public let name: String
    /// The index of the sheet the name belongs to, or nil for a workbook-wide name.
    public let localSheetIndex: Int?
    /// The formula the name stands for, as stored (`'汇总'!$1:$3`).
    public let formula: String

    /// A defined name, as a test or a caller comparing names builds one.
    public init(name: String, localSheetIndex: Int?, formula: String) {
        self.name = name
        self.localSheetIndex = localSheetIndex
        self.formula = formula
    }
}

/// One row of a sheet, with the cells that hold a value.
public struct SheetRow: Sendable, Hashable {
    /// The row number as Excel shows it, from 1.
    public let number: Int
    /// The cells that hold a value, in stored order (left to right in every file seen so far). Empty cells, and
    /// cells that only carry a format, are absent.
    public let cells: [SheetCell]

    /// A row, as a test or a caller comparing rows builds one.
    public init(number: Int, cells: [SheetCell]) {
        self.number = number
        self.cells = cells
    }

    /// The row's index from 0, as `Spreadsheet.Workbook` numbers rows when writing.
    public var index: Int { number - 1 }

    /// The value in column `column` (from 0), or nil when that cell is empty.
    public func value(atColumn column: Int) -> CellValue? {
        cells.first { $0.column == column }?.value
    }
}

/// One cell that holds a value.
public struct SheetCell: Sendable, Hashable {
    /// The column from 0 (A is 0, B is 1), as `Spreadsheet.Workbook` numbers columns when writing.
    public let column: Int
    /// The value as stored.
    public let value: CellValue
    /// True when the cell holds a formula; `value` is then its cached result.
    public let hasFormula: Bool

    /// A cell, as a test or a caller comparing cells builds one.
    public init(column: Int, value: CellValue, hasFormula: Bool = false) {
        self.column = column
        self.value = value
        self.hasFormula = hasFormula
    }
}

/// The value of a cell, as the file stores it: no number format is applied.
public enum CellValue: Sendable, Hashable {
    /// Text, and where it came from.
    case text(String, TextSource)
    /// A number: `raw` is the text exactly as stored (`1.10101199003071E+17`), `value` what it parses to.
    case number(raw: String, value: Double)
    /// A boolean.
    case boolean(Bool)
    /// An error value such as `#N/A` or `#DIV/0!`.
    case error(String)
    /// A date stored as ISO 8601 text (`t="d"`), which few writers use; dates are usually numbers.
    case date(String)

    /// The text of a `.text` value, or nil for any other kind.
    public var text: String? {
        if case .text(let text, _) = self { return text }
        return nil
    }
}

/// Where a text value was stored.
public enum TextSource: Sendable, Hashable {
    /// In the shared-strings table (`t="s"`), as Excel, LibreOffice and libxlsxwriter's standard mode write.
    case shared
    /// In the cell itself (`t="inlineStr"`), as libxlsxwriter's constant-memory mode and some libraries write.
    case inline
    /// The cached text result of a formula (`t="str"`).
    case formulaResult
}

/// The core document properties (`docProps/core.xml`).
public struct CoreProperties: Sendable, Hashable {
    /// `dc:title`.
    public var title: String?
    /// `dc:subject`.
    public var subject: String?
    /// `dc:creator`, which spreadsheet programs show as the author.
    public var creator: String?
    /// `cp:keywords`.
    public var keywords: String?
    /// `dc:description`, which spreadsheet programs show as comments.
    public var description: String?
    /// `cp:lastModifiedBy`.
    public var lastModifiedBy: String?
    /// `cp:category`.
    public var category: String?
    /// `dcterms:created` as stored (`2026-11-21T00:00:00Z`).
    public var createdText: String?
    /// `dcterms:modified` as stored.
    public var modifiedText: String?

    /// `dcterms:created` as a date, when it is W3C date-time text.
    public var created: Date? { createdText.flatMap(parseW3CDateTime) }
    /// `dcterms:modified` as a date, when it is W3C date-time text.
    public var modified: Date? { modifiedText.flatMap(parseW3CDateTime) }

    /// Properties with every field empty.
    public init() {}
}

/// One custom document property (`docProps/custom.xml`).
public struct CustomProperty: Sendable, Hashable {
    /// The property's name.
    public let name: String
    /// The value as stored, as text (`42`, `true`, `2026-11-21T00:00:00Z`).
    public let value: String
    /// The variant type's element name: `lpwstr` for text, `i4`, `r8`, `bool`, `filetime` …
    public let type: String

    /// A property, as a test or a caller comparing properties builds one.
    public init(name: String, value: String, type: String) {
        self.name = name
        self.value = value
        self.type = type
    }
}

/// Limits that keep memory bounded when a file is hostile or broken.
public struct ReadLimits: Sendable, Hashable {
    /// The longest tag or run of text accepted, in bytes. A cell holds at most 32,767 characters, which with
    /// character references is at most about 330 KB.
    public var maxTokenBytes: Int
    /// The most UTF-8 bytes the shared-strings table may hold in memory.
    public var maxSharedStringBytes: Int
    /// The largest part `WorkbookReader.partData(_:)` returns whole, in bytes.
    public var maxPartDataBytes: Int

    /// Limits generous for any workbook a spreadsheet program writes.
    public init(maxTokenBytes: Int = 4 << 20, maxSharedStringBytes: Int = 512 << 20, maxPartDataBytes: Int = 64 << 20) {
        self.maxTokenBytes = maxTokenBytes
        self.maxSharedStringBytes = maxSharedStringBytes
        self.maxPartDataBytes = maxPartDataBytes
    }
}

/// Parses W3C date-time text (`YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)`, or a date alone) by hand: no
/// DateFormatter, so nothing depends on the locale or the time zone of the machine.
func parseW3CDateTime(_ text: String) -> Date? {
    let bytes = Array(text.utf8)
    var index = 0
    func number(_ digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + digits] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        index += digits
        return value
    }
    func expect(_ character: Character) -> Bool {
        guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
        index += 1
        return true
    }
    guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
          (1...12).contains(month), (1...31).contains(day) else { return nil }
    var seconds = Double(daysFromCivil(year: year, month: month, day: day) * 86_400)
    if index == bytes.count { return Date(timeIntervalSince1970: seconds) }
    guard expect("T"), let hour = number(2), expect(":"), let minute = number(2), hour < 24, minute < 60 else {
        return nil
    }
    seconds += Double(hour * 3600 + minute * 60)
    if expect(":") {
        guard let second = number(2), second < 61 else { return nil }
        seconds += Double(second)
        if expect(".") {
            var scale = 0.1
            var any = false
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                seconds += Double(bytes[index] - UInt8(ascii: "0")) * scale
                scale /= 10
                index += 1
                any = true
            }
            guard any else { return nil }
        }
    }
    if expect("Z") { return index == bytes.count ? Date(timeIntervalSince1970: seconds) : nil }
    guard index < bytes.count else { return nil }
    let sign: Double = bytes[index] == UInt8(ascii: "-") ? -1 : 1
    guard expect("+") || expect("-"), let offsetHour = number(2), expect(":"), let offsetMinute = number(2),
          index == bytes.count else { return nil }
    seconds -= sign * Double(offsetHour * 3600 + offsetMinute * 60)
    return Date(timeIntervalSince1970: seconds)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}
