import Foundation
import Spreadsheet

/// 2026-11-21T00:00:00Z, the creation date of every sample.
let sampleCreated = Date(timeIntervalSince1970: 1_795_219_200)

/// A workbook shaped like the addition-request form: a merged title, a header block, bold bordered headings
/// with fill and wrap, bordered data rows with text IDs, a footer, A4 landscape fitted to one page wide with
/// repeated heading rows, document and custom properties. Works in both modes (rows are written in order).
@discardableResult
func writeFormSample(to path: String, temporaryDirectory: String, constantMemory: Bool = false,
                     dataRows: Int = 12, created: Date = sampleCreated) throws -> ClosedWorkbook {
    let options = WorkbookOptions(temporaryDirectory: temporaryDirectory, constantMemory: constantMemory)
    let properties = DocumentProperties(created: created, title: "添加申请表", subject: "测试",
                                        author: "rxbind", company: "省药品监督管理局", keywords: "a, b")
    var workbook = try Workbook(path: path, options: options, properties: properties)
    let sheet = try workbook.addWorksheet(named: "添加申请表")
    let title = try workbook.format(CellStyle(bold: true, fontSize: 16, fontName: "宋体", horizontalAlignment: .center))
    let heading = try workbook.format(CellStyle(bold: true, fillColor: .lightGray, border: .thin,
                                                horizontalAlignment: .center, verticalAlignment: .center,
                                                wrapsText: true))
    let text = try workbook.format(CellStyle(border: .thin, numberFormat: "@"))
    let number = try workbook.format(CellStyle(border: .thin))
    let columns = ["序号", "姓名", "身份证号码", "资格证书编号", "签发日期"]
    try workbook.mergeCells(sheet: sheet, rows: 0...0, columns: 0...(columns.count - 1), text: "执业药师添加申请表",
                            format: title)
    try workbook.write("申请单位", sheet: sheet, row: 1, column: 0)
    try workbook.write("新疆维吾尔自治区药品监督管理局", sheet: sheet, row: 1, column: 1)
    try workbook.setRow(3, sheet: sheet, height: 30)
    for (column, name) in columns.enumerated() {
        try workbook.write(name, sheet: sheet, row: 3, column: column, format: heading)
    }
    for index in 0..<dataRows {
        let row = 4 + index
        try workbook.write(integer: index + 1, sheet: sheet, row: row, column: 0, format: number)
        try workbook.write("姓名\(index)", sheet: sheet, row: row, column: 1, format: text)
        try workbook.write("11010119900307\(String(format: "%04d", index))", sheet: sheet, row: row, column: 2,
                           format: text)
        try workbook.write("2011650000\(index)", sheet: sheet, row: row, column: 3, format: text)
        try workbook.write(date: CalendarDate(year: 2011, month: 6, day: 1 + index % 28), sheet: sheet, row: row,
                           column: 4, format: number)
    }
    let footer = 4 + dataRows + 1
    try workbook.write("经办人：", sheet: sheet, row: footer, column: 0)
    try workbook.write("联系电话：", sheet: sheet, row: footer, column: 2)
    try workbook.setColumnWidth(6, columns: 0...0, sheet: sheet)
    try workbook.setColumnWidth(20, columns: 1...4, sheet: sheet)
    try workbook.setPageSetup(
        PageSetup(paper: .a4, orientation: .landscape, fitToPagesWide: 1, repeatedRows: 3...3,
                  margins: .init(left: 0.5, right: 0.5, top: 0.75, bottom: 0.75), centersHorizontally: true,
                  footer: "&C第 &P 页，共 &N 页"),
        sheet: sheet
    )
    try workbook.setCustomProperty(name: "rxbind-batch", string: "20261121-0a1b2c3d")
    try workbook.setCustomProperty(name: "rxbind-part", string: "1/1")
    return try workbook.close()
}

/// A workbook shaped like the staff workbook: several sheets with Chinese names, frozen headings, auto-filter,
/// counts as numbers and a chart on the summary sheet.
@discardableResult
func writeStaffSample(to path: String, temporaryDirectory: String, constantMemory: Bool = false,
                      rowsPerSheet: Int = 20, chart: Chart.Kind = .column) throws -> ClosedWorkbook {
    let options = WorkbookOptions(temporaryDirectory: temporaryDirectory, constantMemory: constantMemory)
    var workbook = try Workbook(path: path, options: options,
                                properties: DocumentProperties(created: sampleCreated, title: "triage"))
    let classes = ["证书未注册", "姓名不符", "身份证号码错误"]
    let summary = try workbook.addWorksheet(named: "汇总")
    let heading = try workbook.format(CellStyle(bold: true, fillColor: .lightGray, border: .thin))
    try workbook.write("类别", sheet: summary, row: 0, column: 0, format: heading)
    try workbook.write("数量", sheet: summary, row: 0, column: 1, format: heading)
    for (index, name) in classes.enumerated() {
        try workbook.write(name, sheet: summary, row: 1 + index, column: 0)
        try workbook.write(integer: (index + 1) * 7, sheet: summary, row: 1 + index, column: 1)
    }
    try workbook.insertChart(
        Chart(kind: chart, title: "各类数量", series: [
            .init(name: "数量", categories: CellRange(sheet: "汇总", rows: 1...3, columns: 0...0),
                  values: CellRange(sheet: "汇总", rows: 1...3, columns: 1...1)),
        ], showsLegend: false, width: 640, height: 320),
        sheet: summary, row: 5, column: 0
    )
    for name in classes {
        let sheet = try workbook.addWorksheet(named: name)
        for (column, title) in ["身份证号码", "姓名", "尝试次数"].enumerated() {
            try workbook.write(title, sheet: sheet, row: 0, column: column, format: heading)
        }
        for row in 1...rowsPerSheet {
            try workbook.write("1101011990030\(String(format: "%05d", row))", sheet: sheet, row: row, column: 0)
            try workbook.write("姓名\(row)", sheet: sheet, row: row, column: 1)
            try workbook.write(integer: row % 4, sheet: sheet, row: row, column: 2)
        }
        try workbook.freezePanes(sheet: sheet, rows: 1)
        try workbook.setAutoFilter(sheet: sheet, rows: 0...rowsPerSheet, columns: 0...2)
        try workbook.setColumnWidth(20, columns: 0...0, sheet: sheet)
    }
    try workbook.activate(sheet: summary)
    return try workbook.close()
}
