/// How much room text takes in a cell, so that a program can give rows of wrapped text the height they need.
///
/// Neither libxlsxwriter nor a spreadsheet program opening the file does it: libxlsxwriter writes the default
/// height unless told otherwise, and LibreOffice keeps a row at the height the file gives, showing only the first
/// line of wrapped text or drawing the lines over the rows below when printing (STYLE.md, "Printing a workbook").
/// The estimate errs on the tall side: a row a little too high reads well, a row too low hides text.
public enum TextLayout {
    /// The height of one line of the default 11-point font, in points: Excel's default row height.
    public static let lineHeight = 15.0
    /// The tallest row a sheet may have, in points.
    public static let maximumRowHeight = 409.0
    /// The share of a column's width that wrapped text fills: Chinese characters are a little wider than two
    /// digits, and Latin text wraps at spaces, leaving the end of a line empty.
    static let fill = 0.9

    /// The columns `text` takes, in digits of the default font (the unit of column widths): East Asian wide and
    /// full-width characters count two, every other character one.
    public static func displayWidth(_ text: some StringProtocol) -> Int {
        var width = 0
        for scalar in text.unicodeScalars { width += isWide(scalar.value) ? 2 : 1 }
        return width
    }

    /// The lines `text` takes when wrapped in a cell `columnWidth` digits wide (a column's width as
    /// `Workbook.setColumnWidth` takes it; for merged cells, the sum of their widths). A line feed starts a new
    /// line; empty text takes one.
    public static func lineCount(_ text: String, columnWidth: Double) -> Int {
        let capacity = max(1, Int(columnWidth * fill))
        // Fast path for the common short cell: each character takes at least one UTF-8 byte per column it
        // covers (a wide character two columns, three or four bytes), so a text with no more bytes than the
        // capacity fits on one line unless it holds a line feed.
        if text.utf8.count <= capacity && !holdsLineFeed(text) { return 1 }
        // One pass over the scalars (a million cells are measured on a national night: no Character splitting).
        var lines = 0, width = 0
        for scalar in text.unicodeScalars {
            if scalar.value == 0x0A {
                lines += max(1, (width + capacity - 1) / capacity)
                width = 0
            } else {
                width += isWide(scalar.value) ? 2 : 1
            }
        }
        return lines + max(1, (width + capacity - 1) / capacity)
    }

    @inline(__always)
    static func holdsLineFeed(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.contains(0x0A) } ?? text.utf8.contains(0x0A)
    }

    /// The row height, in points, that shows `lines` lines of the default font; at most 409 points, a sheet's
    /// limit (a longer text is cut, never drawn over the next row).
    public static func rowHeight(lines: Int) -> Double {
        min(maximumRowHeight, lineHeight * Double(max(1, lines)))
    }

    /// East Asian wide and full-width ranges (Unicode's East_Asian_Width W and F, the blocks that matter here): two
    /// columns on a terminal, about two character widths in a cell.
    @inline(__always)
    public static func isWide(_ v: UInt32) -> Bool {
        (v >= 0x1100 && v <= 0x115F) || (v >= 0x2E80 && v <= 0xA4CF) || (v >= 0xAC00 && v <= 0xD7A3)
            || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFE30 && v <= 0xFE4F) || (v >= 0xFF00 && v <= 0xFF60)
            || (v >= 0xFFE0 && v <= 0xFFE6) || (v >= 0x20000 && v <= 0x3FFFD)
    }
}
