internal import CXlsxWriter
import Foundation

// Sheet layout, printing, tabs and charts.

extension Workbook {
    /// Sets the width of `columns` to `width` characters of the default font, and optionally their format.
    public mutating func setColumnWidth(
        _ width: Double, columns: ClosedRange<Int>, sheet: SheetID, format: FormatID? = nil
    ) throws(SpreadsheetError) {
        let worksheet = try checkColumns(sheet, columns)
        let action = "setting the width of columns \(cellName(0, columns.lowerBound).dropLast())–"
            + "\(cellName(0, columns.upperBound).dropLast()) of sheet “\(sheets[sheet.index].name)”"
        guard width.isFinite, width >= 0, width <= 255 else {
            throw .invalidArgument(reason: "a column width must be 0 to 255", action: action, path: path)
        }
        // > The worksheet_set_column() function can be used to change the default properties of a single column
        // > or a range of columns
        try check(worksheet_set_column(worksheet, lxw_col_t(columns.lowerBound), lxw_col_t(columns.upperBound),
                                       width, formatPointer(format)), action)
    }

    /// Sets the height of `row` in points (nil keeps the default of 15) and optionally its format. The row then
    /// exists in the file even without cells; in constant-memory mode it must not be above the last row written.
    public mutating func setRow(
        _ row: Int, sheet: SheetID, height: Double? = nil, format: FormatID? = nil
    ) throws(SpreadsheetError) {
        let worksheet = try checkRow(sheet, row)
        let action = "setting row \(row + 1) of sheet “\(sheets[sheet.index].name)”"
        // libxlsxwriter's default row height (LXW_DEF_ROW_HEIGHT, a cast macro Swift does not import).
        let height = height ?? 15
        guard height.isFinite, height >= 0, height <= 409 else {
            throw .invalidArgument(reason: "a row height must be 0 to 409 points", action: action, path: path)
        }
        // > The worksheet_set_row() function is used to change the default properties of a row.
        try check(worksheet_set_row(worksheet, lxw_row_t(row), height, formatPointer(format)), action)
        sheets[sheet.index].rows.insert(row)
    }

    /// Freezes the top `rows` rows and the left `columns` columns, so that headings stay in view.
    public mutating func freezePanes(sheet: SheetID, rows: Int, columns: Int = 0) throws(SpreadsheetError) {
        let worksheet = try cell(sheet, rows, columns)
        // > The worksheet_freeze_panes() function can be used to divide a worksheet into horizontal or vertical
        // > regions known as panes and to "freeze" these panes so that the splitter bars are not visible.
        // It returns nothing; the position was checked above.
        worksheet_freeze_panes(worksheet, lxw_row_t(rows), lxw_col_t(columns))
    }

    /// Adds an auto-filter (drop-down buttons on the first row of the range) over `rows` × `columns`.
    public mutating func setAutoFilter(
        sheet: SheetID, rows: ClosedRange<Int>, columns: ClosedRange<Int>
    ) throws(SpreadsheetError) {
        let worksheet = try cell(sheet, rows.lowerBound, columns.lowerBound)
        _ = try cell(sheet, rows.upperBound, columns.upperBound)
        // > The worksheet_autofilter() function allows an autofilter to be added to a worksheet.
        try check(worksheet_autofilter(worksheet, lxw_row_t(rows.lowerBound), lxw_col_t(columns.lowerBound),
                                       lxw_row_t(rows.upperBound), lxw_col_t(columns.upperBound)),
                  "setting the auto-filter of sheet “\(sheets[sheet.index].name)”")
    }

    /// Sets how the sheet prints: paper, orientation, fit to width, repeated heading rows, margins, centring,
    /// header and footer.
    /// - Throws: `SpreadsheetError.invalidArgument` for a fit width below 1, negative margins or text with a
    ///   NUL character; `.library` for a header or footer over 255 characters.
    public mutating func setPageSetup(_ setup: PageSetup, sheet: SheetID) throws(SpreadsheetError) {
        let worksheet = try cell(sheet, 0, 0)
        let action = "setting the page setup of sheet “\(sheets[sheet.index].name)”"
        func refuse(_ reason: String) -> SpreadsheetError { .invalidArgument(reason: reason, action: action, path: path) }
        if let paper = setup.paper {
            // > This function is used to set the paper format for the printed output of a worksheet. …
            // > 1 | Letter | 8 1/2 x 11 in … 8 | A3 | 297 x 420 mm … 9 | A4 | 210 x 297 mm
            switch paper {
            case .a4: worksheet_set_paper(worksheet, 9)
            case .a3: worksheet_set_paper(worksheet, 8)
            case .letter: worksheet_set_paper(worksheet, 1)
            }
        }
        switch setup.orientation {
        case .landscape: worksheet_set_landscape(worksheet)
        case .portrait: worksheet_set_portrait(worksheet)
        }
        if let wide = setup.fitToPagesWide {
            guard (1...Int(UInt16.max)).contains(wide) else { throw refuse("the fit width must be at least 1 page") }
            // > A common requirement is to fit the printed output to n pages wide but have the height be as long
            // > as necessary. To achieve this set the height to zero
            worksheet_fit_to_pages(worksheet, UInt16(wide), 0)
        }
        if let rows = setup.repeatedRows {
            _ = try cell(sheet, rows.upperBound, 0)
            _ = try cell(sheet, rows.lowerBound, 0)
            // > For large Excel documents it is often desirable to have the first row or rows of the worksheet
            // > print out at the top of each page. This can be achieved by using this function.
            try check(worksheet_repeat_rows(worksheet, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)),
                      action)
        }
        if let margins = setup.margins {
            let all = [margins.left, margins.right, margins.top, margins.bottom]
            guard all.allSatisfy({ $0.isFinite && $0 >= 0 }) else { throw refuse("margins must be 0 or more inches") }
            // > The worksheet_set_margins() function is used to set the margins of the worksheet when it is
            // > printed. The units are in inches.
            worksheet_set_margins(worksheet, margins.left, margins.right, margins.top, margins.bottom)
        }
        if setup.centersHorizontally {
            // > Center the worksheet data horizontally between the margins on the printed page
            worksheet_center_horizontally(worksheet)
        }
        for (text, isHeader) in [(setup.header, true), (setup.footer, false)] {
            guard let text else { continue }
            guard !text.utf8.contains(0) else { throw refuse("the header or footer holds a NUL character") }
            // > Headers and footers are generated using a string which is a combination of plain text and
            // > control characters.
            let code = text.withCString { isHeader ? worksheet_set_header(worksheet, $0) : worksheet_set_footer(worksheet, $0) }
            try check(code, action)
        }
    }

    /// Makes `sheet` the one shown when the file is opened.
    public mutating func activate(sheet: SheetID) throws(SpreadsheetError) {
        // > The worksheet_activate() function is used to specify which worksheet is initially visible in a
        // > multi-sheet workbook
        worksheet_activate(try cell(sheet, 0, 0))
    }

    /// Selects `sheet`'s tab, in addition to the active one.
    public mutating func select(sheet: SheetID) throws(SpreadsheetError) {
        // > The worksheet_select() function is used to indicate that a worksheet is selected in a multi-sheet
        // > workbook
        worksheet_select(try cell(sheet, 0, 0))
    }

    /// Inserts `chart` with its top-left corner in cell `row`, `column` of `sheet`.
    /// - Throws: `SpreadsheetError.invalidArgument` for a chart without series, a range on a sheet the workbook
    ///   does not have or outside the sheet, a title or series name starting with "=" (libxlsxwriter would take
    ///   it for a formula) or a size that is not positive.
    public mutating func insertChart(
        _ chart: Chart, sheet: SheetID, row: Int, column: Int
    ) throws(SpreadsheetError) {
        let worksheet = try cell(sheet, row, column)
        let action = "inserting a chart at \(cellName(row, column)) of sheet “\(sheets[sheet.index].name)”"
        func refuse(_ reason: String) -> SpreadsheetError { .invalidArgument(reason: reason, action: action, path: path) }
        guard !chart.series.isEmpty else { throw refuse("the chart has no series") }
        guard chart.width > 0, chart.height > 0 else { throw refuse("the chart's size must be positive") }
        for text in [chart.title].compactMap({ $0 }) + chart.series.map(\.name) {
            guard !text.hasPrefix("="), !text.utf8.contains(0) else {
                throw refuse("a chart title or series name starts with \"=\" or holds a NUL character")
            }
        }
        for series in chart.series {
            for range in [series.categories, series.values] {
                guard sheetNames.contains(range.sheet) else { throw refuse("a series refers to a sheet the workbook does not have") }
                guard range.rows.lowerBound >= 0, range.rows.upperBound < 1_048_576, range.columns.lowerBound >= 0,
                      range.columns.upperBound < 16_384 else { throw refuse("a series refers to cells outside the sheet") }
            }
        }
        let type: lxw_chart_type
        switch chart.kind {
        case .bar: type = LXW_CHART_BAR
        case .column: type = LXW_CHART_COLUMN
        case .pie: type = LXW_CHART_PIE
        case .line: type = LXW_CHART_LINE
        }
        // > The workbook_add_chart() function creates a new chart object that can be added to a worksheet
        guard let cChart = workbook_add_chart(openHandle(), UInt8(type.rawValue)) else {
            throw libraryError(LXW_ERROR_MEMORY_MALLOC_FAILED, action, path: path)
        }
        // The library copies every string it is given (lxw_strdup), so the C strings need not outlive the calls.
        if let title = chart.title {
            // > The chart_title_set_name() function sets the name (title) for the chart.
            title.withCString { chart_title_set_name(cChart, $0) }
        }
        for series in chart.series {
            // > It requires that you set the categories and values parameters in chart_add_series() … to NULL
            // > and then set them using row and column values in chart_series_set_categories() and
            // > chart_series_set_values()
            guard let cSeries = chart_add_series(cChart, nil, nil) else {
                throw libraryError(LXW_ERROR_MEMORY_MALLOC_FAILED, action, path: path)
            }
            series.name.withCString { chart_series_set_name(cSeries, $0) }
            series.categories.sheet.withCString {
                chart_series_set_categories(cSeries, $0, lxw_row_t(series.categories.rows.lowerBound),
                                            lxw_col_t(series.categories.columns.lowerBound),
                                            lxw_row_t(series.categories.rows.upperBound),
                                            lxw_col_t(series.categories.columns.upperBound))
            }
            series.values.sheet.withCString {
                chart_series_set_values(cSeries, $0, lxw_row_t(series.values.rows.lowerBound),
                                        lxw_col_t(series.values.columns.lowerBound),
                                        lxw_row_t(series.values.rows.upperBound),
                                        lxw_col_t(series.values.columns.upperBound))
            }
        }
        if !chart.showsLegend {
            // > This function can also be used to turn off a chart legend
            chart_legend_set_position(cChart, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
        }
        // > X scale of the chart as a decimal. … Y scale of the chart as a decimal.
        // The unscaled size is 480 × 288 pixels (worksheet.c: object_props->width = 480; … height = 288).
        var chartOptions = lxw_chart_options()
        chartOptions.x_scale = Double(chart.width) / 480
        chartOptions.y_scale = Double(chart.height) / 288
        try check(worksheet_insert_chart_opt(worksheet, lxw_row_t(row), lxw_col_t(column), cChart, &chartOptions),
                  action)
    }
}

// MARK: - Styles

extension Workbook {
    /// Sets every property of `style` on a fresh libxlsxwriter format.
    func apply(_ style: CellStyle, to format: UnsafeMutablePointer<lxw_format>) {
        if style.bold { format_set_bold(format) }
        if style.italic { format_set_italic(format) }
        if let size = style.fontSize { format_set_font_size(format, size) }
        if let name = style.fontName { name.withCString { format_set_font_name(format, $0) } }
        if let color = style.fontColor { format_set_font_color(format, libraryColor(color)) }
        // > If a pattern hasn't been defined then a solid fill pattern is used as the default.
        if let color = style.fillColor { format_set_bg_color(format, libraryColor(color)) }
        if let border = style.border {
            let line: lxw_format_borders
            switch border {
            case .thin: line = LXW_BORDER_THIN
            case .medium: line = LXW_BORDER_MEDIUM
            case .thick: line = LXW_BORDER_THICK
            case .dashed: line = LXW_BORDER_DASHED
            case .dotted: line = LXW_BORDER_DOTTED
            case .double: line = LXW_BORDER_DOUBLE
            }
            format_set_border(format, UInt8(line.rawValue))
        }
        if let color = style.borderColor { format_set_border_color(format, libraryColor(color)) }
        if let alignment = style.horizontalAlignment {
            let value: lxw_format_alignments
            switch alignment {
            case .left: value = LXW_ALIGN_LEFT
            case .center: value = LXW_ALIGN_CENTER
            case .right: value = LXW_ALIGN_RIGHT
            case .justify: value = LXW_ALIGN_JUSTIFY
            case .centerAcross: value = LXW_ALIGN_CENTER_ACROSS
            }
            format_set_align(format, UInt8(value.rawValue))
        }
        if let alignment = style.verticalAlignment {
            let value: lxw_format_alignments
            switch alignment {
            case .top: value = LXW_ALIGN_VERTICAL_TOP
            case .center: value = LXW_ALIGN_VERTICAL_CENTER
            case .bottom: value = LXW_ALIGN_VERTICAL_BOTTOM
            }
            format_set_align(format, UInt8(value.rawValue))
        }
        if style.wrapsText { format_set_text_wrap(format) }
        if let numberFormat = style.numberFormat { numberFormat.withCString { format_set_num_format(format, $0) } }
    }
}

/// libxlsxwriter's colour for `color`: 0x000000 means "unset" to it, so black is its LXW_COLOR_BLACK.
private func libraryColor(_ color: Color) -> lxw_color_t {
    // > LXW_COLOR_BLACK = 0x1000000
    color.rgb == 0 ? lxw_color_t(LXW_COLOR_BLACK.rawValue) : lxw_color_t(color.rgb)
}
