/// How a cell looks: font, fill, borders, alignment and number format.
///
/// A value: `Workbook.format(_:)` turns each distinct style into one libxlsxwriter format and hands back the
/// same `FormatID` for an equal style, so a program can ask for a style per cell without creating a format per
/// cell (formats are freed only when the workbook closes; libxlsxwriter issue 453).
public struct CellStyle: Hashable, Sendable {
    /// Bold type.
    public var bold: Bool
    /// Italic type.
    public var italic: Bool
    /// The font size in points, 1 to 409; nil for the default (11).
    public var fontSize: Double?
    /// The font name (`宋体`, `Calibri`); nil for the default.
    public var fontName: String?
    /// The font colour; nil for the default (black).
    public var fontColor: Color?
    /// A solid fill behind the cell; nil for none.
    public var fillColor: Color?
    /// The same border on all four sides; nil for none.
    public var border: BorderStyle?
    /// The border colour; nil for the default (black).
    public var borderColor: Color?
    /// Horizontal alignment; nil for the default (text left, numbers right).
    public var horizontalAlignment: HorizontalAlignment?
    /// Vertical alignment; nil for the default (bottom).
    public var verticalAlignment: VerticalAlignment?
    /// Wrap long text onto several lines.
    public var wrapsText: Bool
    /// An Excel number format such as `@` (text), `0`, `#,##0` or `yyyy-mm-dd`; nil for General.
    public var numberFormat: String?

    /// A style; every property defaults to Excel's default look.
    public init(
        bold: Bool = false, italic: Bool = false, fontSize: Double? = nil, fontName: String? = nil,
        fontColor: Color? = nil, fillColor: Color? = nil, border: BorderStyle? = nil, borderColor: Color? = nil,
        horizontalAlignment: HorizontalAlignment? = nil, verticalAlignment: VerticalAlignment? = nil,
        wrapsText: Bool = false, numberFormat: String? = nil
    ) {
        self.bold = bold
        self.italic = italic
        self.fontSize = fontSize
        self.fontName = fontName
        self.fontColor = fontColor
        self.fillColor = fillColor
        self.border = border
        self.borderColor = borderColor
        self.horizontalAlignment = horizontalAlignment
        self.verticalAlignment = verticalAlignment
        self.wrapsText = wrapsText
        self.numberFormat = numberFormat
    }
}

/// A colour as 0xRRGGBB.
public struct Color: Hashable, Sendable {
    /// Red, green and blue, eight bits each.
    public let rgb: UInt32

    /// The colour 0xRRGGBB; higher bits are ignored.
    public init(rgb: UInt32) {
        self.rgb = rgb & 0xFF_FFFF
    }

    /// Black.
    public static let black = Color(rgb: 0x000000)
    /// White.
    public static let white = Color(rgb: 0xFFFFFF)
    /// The light grey of heading rows.
    public static let lightGray = Color(rgb: 0xD9D9D9)
}

/// The line of a cell border.
public enum BorderStyle: Hashable, Sendable {
    /// A thin line, the usual table border.
    case thin
    /// A medium line.
    case medium
    /// A thick line.
    case thick
    /// A dashed line.
    case dashed
    /// A dotted line.
    case dotted
    /// A double line.
    case double
}

/// Where text sits across a cell.
public enum HorizontalAlignment: Hashable, Sendable {
    /// Left.
    case left
    /// Centred.
    case center
    /// Right.
    case right
    /// Justified.
    case justify
    /// Centred across the selection of empty cells to its right (a title without merging).
    case centerAcross
}

/// Where text sits from top to bottom of a cell.
public enum VerticalAlignment: Hashable, Sendable {
    /// Top.
    case top
    /// Centred.
    case center
    /// Bottom.
    case bottom
}
