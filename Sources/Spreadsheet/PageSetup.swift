/// How a sheet prints.
public struct PageSetup: Hashable, Sendable {
    /// A paper size.
    public enum Paper: Hashable, Sendable {
        /// ISO A4, 210 × 297 mm.
        case a4
        /// ISO A3, 297 × 420 mm.
        case a3
        /// US Letter.
        case letter
    }

    /// Which way up the page is.
    public enum Orientation: Hashable, Sendable {
        /// Taller than wide.
        case portrait
        /// Wider than tall.
        case landscape
    }

    /// Page margins in inches, as Excel stores them.
    public struct Margins: Hashable, Sendable {
        /// Left margin.
        public var left: Double
        /// Right margin.
        public var right: Double
        /// Top margin.
        public var top: Double
        /// Bottom margin.
        public var bottom: Double

        /// Margins in inches.
        public init(left: Double, right: Double, top: Double, bottom: Double) {
            self.left = left
            self.right = right
            self.top = top
            self.bottom = bottom
        }
    }

    /// The paper; nil for the printer's default.
    public var paper: Paper?
    /// The orientation.
    public var orientation: Orientation
    /// Shrink the sheet to this many pages wide, as many pages tall as it takes; nil to print at 100 %.
    public var fitToPagesWide: Int?
    /// Rows (from 0) printed again at the top of every page, such as the column headings.
    public var repeatedRows: ClosedRange<Int>?
    /// Margins; nil for Excel's defaults.
    public var margins: Margins?
    /// Centre the printed area between the left and right margins.
    public var centersHorizontally: Bool
    /// Page header in Excel's header codes (`&C&"宋体,Bold"添加申请表`); nil for none. At most 255 characters.
    public var header: String?
    /// Page footer in Excel's header codes (`&C第 &P 页，共 &N 页` prints "page 1 of 3"); nil for none.
    public var footer: String?

    /// A page setup; every property defaults to Excel's default.
    public init(
        paper: Paper? = nil, orientation: Orientation = .portrait, fitToPagesWide: Int? = nil,
        repeatedRows: ClosedRange<Int>? = nil, margins: Margins? = nil, centersHorizontally: Bool = false,
        header: String? = nil, footer: String? = nil
    ) {
        self.paper = paper
        self.orientation = orientation
        self.fitToPagesWide = fitToPagesWide
        self.repeatedRows = repeatedRows
        self.margins = margins
        self.centersHorizontally = centersHorizontally
        self.header = header
        self.footer = footer
    }
}
