import Foundation

/// How libxlsxwriter writes a workbook.
public struct WorkbookOptions: Sendable, Hashable {
    /// Write each row to a temporary file as soon as a later row is started, so memory stays constant however
    /// large the workbook is. Rows must then be written top to bottom, each once; strings are stored inline in
    /// the cells rather than in a shared-strings table, which some readers (WPS, Apple Numbers, some import
    /// libraries) refuse.
    public var constantMemory: Bool
    /// The folder for libxlsxwriter's temporary files: in every mode the parts of the package are assembled
    /// there while closing, and in constant-memory mode every sheet's rows wait there. Required: never trust
    /// `$TMPDIR`, which may be small or in memory (STYLE.md, Traps). It must exist.
    public var temporaryDirectory: String
    /// Use ZIP64 extensions, needed when a part or the whole file exceeds 4 GB.
    public var useZip64: Bool
    /// For benchmarks: every sheet and cell written is also appended to this file (one tab-separated line each),
    /// so that a small C program can write the same cells through libxlsxwriter directly — the floor the Swift
    /// writer is measured against. Nil (the default) costs one comparison per cell.
    public var cellLog: String?

    /// Options for a workbook whose temporary files go to `temporaryDirectory`.
    public init(temporaryDirectory: String, constantMemory: Bool = false, useZip64: Bool = false,
                cellLog: String? = nil) {
        self.temporaryDirectory = temporaryDirectory
        self.constantMemory = constantMemory
        self.useZip64 = useZip64
        self.cellLog = cellLog
    }
}

/// The document properties of a workbook (`docProps/core.xml` and `docProps/app.xml`).
public struct DocumentProperties: Sendable, Hashable {
    /// The title.
    public var title: String?
    /// The subject.
    public var subject: String?
    /// The author, stored as `dc:creator`.
    public var author: String?
    /// The manager.
    public var manager: String?
    /// The company.
    public var company: String?
    /// The category.
    public var category: String?
    /// The keywords.
    public var keywords: String?
    /// The comments, stored as `dc:description`.
    public var comments: String?
    /// The creation date, stored to the second. Required: libxlsxwriter stamps the wall clock otherwise, and
    /// the same content would then give a different file on every run.
    public var created: Date

    /// Properties with a creation date and, optionally, the text fields.
    public init(
        created: Date, title: String? = nil, subject: String? = nil, author: String? = nil,
        manager: String? = nil, company: String? = nil, category: String? = nil, keywords: String? = nil,
        comments: String? = nil
    ) {
        self.created = created
        self.title = title
        self.subject = subject
        self.author = author
        self.manager = manager
        self.company = company
        self.category = category
        self.keywords = keywords
        self.comments = comments
    }
}

/// A sheet of one workbook, as `Workbook.addWorksheet(named:)` returns it.
public struct SheetID: Hashable, Sendable {
    let workbook: UInt32
    let index: Int
}

/// A cell format of one workbook, as `Workbook.format(_:)` returns it.
public struct FormatID: Hashable, Sendable {
    let workbook: UInt32
    let index: Int
}

/// A day of the Gregorian calendar, with no time and no time zone.
public struct CalendarDate: Hashable, Sendable, Comparable {
    /// The year, 1900 to 9999 for a date a workbook can hold.
    public var year: Int
    /// The month, 1 to 12.
    public var month: Int
    /// The day of the month, from 1.
    public var day: Int

    /// The date `year`-`month`-`day`; `Workbook` checks that it exists when writing it.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The calendar date of `date` when it is exactly midnight UTC, else nil.
    public init?(utcMidnight date: Date) {
        guard let seconds = Int(exactly: date.timeIntervalSince1970), seconds % 86_400 == 0 else { return nil }
        (year, month, day) = civilFromDays(seconds / 86_400)
    }

    /// True when the month has that day.
    var exists: Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let lengths = [31, isLeapYear ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    private var isLeapYear: Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    /// Orders dates in time.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`): integer
/// arithmetic, so no calendar, locale or time zone of the machine is involved.
func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
}

/// A finished workbook: the file is complete and has been read back.
public struct ClosedWorkbook: Sendable, Hashable {
    /// One sheet of the finished file.
    public struct Sheet: Sendable, Hashable {
        /// The sheet's name.
        public let name: String
        /// The rows the file holds for it, which are the rows that received a cell or a row setting.
        public let rowCount: Int

        /// A sheet summary, as a test or a caller comparing results builds one.
        public init(name: String, rowCount: Int) {
            self.name = name
            self.rowCount = rowCount
        }
    }

    /// Where the file is.
    public let path: String
    /// The sheets, in workbook order, as read back from the file.
    public let sheets: [Sheet]
    /// The size of the file in bytes.
    public let byteCount: Int
}
