import Foundation
import Testing
import TestSupport
@testable import RxBind

/// The triage workbook prints (SPEC §12): sample night 1 converted to PDF by LibreOffice, each page read back with
/// poppler's `pdfinfo` and `pdftotext` (scripts/deps.sh test installs both, and a Chinese font).
@Suite struct TriagePrintTests {
    @Test func sampleNightOnePrintsOnFewLandscapePagesEverySheetOnePageWide() throws {
        let dir = try TemporaryDirectory("triage-print")
        let run = try TriageWorkbookTests.sampleRuns(through: 1, in: dir)[0]
        let workbook = run + "/triage.xlsx"
        let sheets = try TriageWorkbookTests.sheets(workbook)
        // A profile of its own, so that LibreOffice runs of concurrent tests do not collide.
        let converted = try runProgram("/usr/bin/soffice", ["-env:UserInstallation=file://" + dir.file("lo-profile"),
                                                            "--headless", "--convert-to", "pdf", "--outdir", dir.file("pdf"), workbook])
        try #require(converted.status == 0, "\(converted.stderr)")
        let pdf = dir.file("pdf/triage.pdf")

        let info = try runProgram("/usr/bin/pdfinfo", [pdf]).stdout
        let pages = try #require(info.firstMatch(of: /Pages:\s+(\d+)/).flatMap { Int($0.1) })
        #expect(pages <= 20, "sample night 1 prints in at most 20 pages, not \(pages)")
        let sizes = try runProgram("/usr/bin/pdfinfo", ["-f", "1", "-l", String(pages), pdf]).stdout
            .matches(of: /Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/).map { (Int($0.1)!, Double($0.2)!, Double($0.3)!) }
        #expect(sizes.count == pages)
        for (page, width, height) in sizes {
            #expect(width > height, "page \(page) is landscape: \(width) × \(height)")
            #expect(abs(width - 841.89) < 1 && abs(height - 595.3) < 1, "page \(page) is A4")
        }

        // Each page's footer names its sheet (&A). A sheet cut across pages in width would have pages without its
        // first column heading and pages without its last one; the heading row repeats, so every page of a sheet
        // printed one page wide holds both — and no page is blank.
        var order: [String] = []
        var pagesOf: [String: [Int]] = [:]
        for page in 1...pages {
            let text = try runProgram("/usr/bin/pdftotext", ["-layout", "-f", String(page), "-l", String(page), pdf, "-"]).stdout
            let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let footer = try #require(lines.last, "page \(page) has text")
            let name = String(footer.split(separator: " ").first ?? "")
            let sheet = try #require(sheets.first { $0.name == name }, "page \(page)'s footer names a sheet: \(footer)")
            if order.last != name { order.append(name) }
            pagesOf[name, default: []].append(page)
            guard sheet.headingRow != nil else { continue }
            let first = try #require(sheet.headings.first), last = try #require(sheet.headings.last)
            #expect(text.contains(first), "page \(page) (\(name)) shows the first column, \(first)")
            #expect(text.contains(last), "page \(page) (\(name)) shows the last column, \(last)")
        }
        #expect(order == sheets.map(\.name), "every sheet prints, in order, its pages together")

        // The summary prints as one page, so the chart is whole on it (a chart across a page break would make a
        // second page of the summary); its title is there and on no other page.
        #expect(pagesOf["概览"] == [1])
        let summary = try runProgram("/usr/bin/pdftotext", ["-layout", "-f", "1", "-l", "1", pdf, "-"]).stdout
        #expect(summary.contains("各类别案例数"))
        #expect(summary.contains("添加申请表"))
        let rest = try runProgram("/usr/bin/pdftotext", ["-layout", "-f", "2", "-l", String(pages), pdf, "-"]).stdout
        #expect(!rest.contains("各类别案例数"))
    }
}
