/// A chart over cell ranges, inserted into a sheet with `Workbook.insertChart(_:sheet:row:column:)`.
public struct Chart: Hashable, Sendable {
    /// The kind of chart.
    public enum Kind: Hashable, Sendable {
        /// Horizontal bars.
        case bar
        /// Vertical columns.
        case column
        /// A pie; only its first series is drawn.
        case pie
        /// Lines, one per series, over the categories.
        case line
    }

    /// One data series.
    public struct Series: Hashable, Sendable {
        /// The series name shown in the legend.
        public var name: String
        /// The cells holding the category labels.
        public var categories: CellRange
        /// The cells holding the values.
        public var values: CellRange

        /// A series of `values` labelled by `categories`.
        public init(name: String, categories: CellRange, values: CellRange) {
            self.name = name
            self.categories = categories
            self.values = values
        }
    }

    /// The kind of chart.
    public var kind: Kind
    /// The title above the chart; nil for none.
    public var title: String?
    /// The series, in order; at least one.
    public var series: [Series]
    /// Show the legend (for a bar or column chart with one series it only repeats the title).
    public var showsLegend: Bool
    /// The size in pixels; Excel's default is 480 × 288.
    public var width: Int
    /// The size in pixels.
    public var height: Int

    /// A chart of `kind` over `series`.
    public init(
        kind: Kind, title: String? = nil, series: [Series], showsLegend: Bool = true, width: Int = 480,
        height: Int = 288
    ) {
        self.kind = kind
        self.title = title
        self.series = series
        self.showsLegend = showsLegend
        self.width = width
        self.height = height
    }
}

/// A rectangle of cells on a sheet named by its tab name, rows and columns from 0.
public struct CellRange: Hashable, Sendable {
    /// The sheet's name.
    public var sheet: String
    /// The rows, from 0.
    public var rows: ClosedRange<Int>
    /// The columns, from 0.
    public var columns: ClosedRange<Int>

    /// The cells `rows` × `columns` of sheet `sheet`.
    public init(sheet: String, rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
        self.sheet = sheet
        self.rows = rows
        self.columns = columns
    }
}
