import Foundation
import SpreadsheetReader
import Testing
import TestSupport

/// SPEC §12 "the form looks official", checked in the XML of the form the built binary writes: 宋体 on every
/// cell, no "number stored as text" marks on the digit columns, the part in words, names without stray spaces;
/// and SPEC §13's digest sheet, hidden after the form.
@Suite struct OfficialFormTests {
    /// A fresh form of the reference night (failures-b only).
    static func form(_ dir: TemporaryDirectory) throws -> String { try FormCheckTests.freshForm(dir) }

    /// The font name of every cell of the first sheet, by cell reference: each cell's `s` → `cellXfs` → `fonts`.
    static func cellFonts(_ path: String) throws -> [String: String] {
        let styles = try partXML("xl/styles.xml", of: path)
        func section(_ name: String) -> String {
            guard let start = styles.range(of: "<\(name) "), let end = styles.range(of: "</\(name)>") else { return "" }
            return String(styles[start.lowerBound..<end.upperBound])
        }
        let fonts = matches(#"<font>.*?</font>|<font/>"#, in: section("fonts")).map {
            matches(#"<name val="([^"]*)"/>"#, in: $0, group: 1).first ?? ""
        }
        let xfFonts = matches(#"<xf [^>]*>"#, in: section("cellXfs")).map {
            Int(matches(#"fontId="(\d+)""#, in: $0, group: 1).first ?? "0")!
        }
        let sheet = try partXML("xl/worksheets/sheet1.xml", of: path)
        var out: [String: String] = [:]
        for cell in matches(#"<c r="[A-Z]+\d+"[^>]*>"#, in: sheet) {
            let ref = matches(#"r="([A-Z]+\d+)""#, in: cell, group: 1)[0]
            let style = Int(matches(#" s="(\d+)""#, in: cell, group: 1).first ?? "0")!
            out[ref] = fonts[xfFonts[style]]
        }
        return out
    }

    static func matches(_ pattern: String, in text: String, group: Int = 0) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: group), in: text)!])
        }
    }

    @Test func everyCellOfTheFormIsSetInSimSun() throws {
        let dir = try TemporaryDirectory("official-font")
        let path = try Self.form(dir)
        let fonts = try Self.cellFonts(path)
        let rows = try SpreadsheetOutputTests.formRows(path).rows.count
        #expect(fonts.count > rows * 10)
        for (ref, font) in fonts { #expect(font == "宋体" || font == "SimSun", "\(ref) is set in \(font)") }
        // The data cells in particular: 序号, the name, the ID.
        #expect(fonts["A4"] == "宋体" && fonts["B4"] == "宋体" && fonts["D\(3 + rows)"] == "宋体")
        #expect(!(try partXML("xl/styles.xml", of: path)).contains(#"<name val="宋体"/><family val="2"/><scheme"#),
                "a theme scheme would make Excel ignore the font name")
    }

    @Test func theDigitColumnsCarryNoNumberStoredAsTextMarks() throws {
        let dir = try TemporaryDirectory("official-ignored")
        let path = try Self.form(dir)
        let last = 3 + (try SpreadsheetOutputTests.formRows(path).rows.count)
        let sheet = try partXML("xl/worksheets/sheet1.xml", of: path)
        // 身份证号码 (D), 资格证书编号 (E) and 取得年度 (G): every data row.
        #expect(sheet.contains(#"<ignoredErrors><ignoredError sqref="D4:E\#(last) G4:G\#(last)" numberStoredAsText="1"/></ignoredErrors>"#),
                "\(sheet.suffix(400))")
    }

    @Test func theHeaderShowsThePartInWords() throws {
        let dir = try TemporaryDirectory("official-part")
        let path = try Self.form(dir)
        let header = try readRows(of: path, sheet: "添加申请表")[1].cells.compactMap { $0.value.text }
        #expect(header.contains("第 1 部分（共 1 部分）"), "\(header)")
        #expect(!header.contains { $0.contains("份数") })
        #expect(try SpreadsheetOutputTests.properties(path)["rxbind-part"] == "1/1", "the property stays k/n")
        #expect(try WorkbookReader(path: path).coreProperties().subject?.hasSuffix("第 1 部分（共 1 部分）") == true)
    }

    @Test func namesShowWithoutStraySpacesAndTheFormStillPasses() throws {
        let dir = try TemporaryDirectory("official-names")
        var night = SmallNight()
        let people: [(String, String, String)] = [
            (validID("36010219800101123"), "龙 龙", "龙龙"),
            (validID("36010219800202234"), "阿依古丽 · 买买提", "阿依古丽·买买提"),
            (validID("36010219800303345"), "John Smith", "John Smith"),
            (validID("36010219800404456"), "欧阳\u{3000}娜娜", "欧阳娜娜"),
        ]
        for (i, (id, rosterName, _)) in people.enumerated() {
            night.failures.append(People.failure(id, rosterName.replacingOccurrences(of: " ", with: "")))
            night.certificates.append(People.certificate(id, rosterName, "20153600000\(i)"))
        }
        let args = try night.write(into: dir.file("night"))
        let run = try RxBindBinary.run(["run", "--workspace", dir.file("ws"), "--as-of", "2026-11-20", "--province", "江西"] + args)
        try #require(run.status == 0, "\(run.stderr)")
        let folder = dir.file("ws/runs/" + (try #require(runIDs(dir.file("ws")).first)))
        let form = folder + "/" + (try #require(try FileManager.default.contentsOfDirectory(atPath: folder)
            .first { $0.hasPrefix("addition-request-") }))
        let shown = try SpreadsheetOutputTests.formRows(form).rows.map { SpreadsheetOutputTests.text($0[1]) }
        #expect(Set(shown) == Set(people.map(\.2)), "\(shown)")
        let check = try RxBindBinary.run(["form", "check", "--as-of", "2026-11-20", form], environment: ["RXBIND_LANG": "en"])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("fingerprint matches"))
    }

    @Test func theDigestSheetIsHiddenAfterTheFormAndCoversEveryDataRow() throws {
        let dir = try TemporaryDirectory("official-digests")
        let path = try Self.form(dir)
        let book = try WorkbookReader(path: path)
        #expect(book.sheets.map(\.name) == ["添加申请表", "rxbind校验数据"])
        #expect(book.sheets.map(\.visibility) == [.visible, .hidden])
        let rows = try readRows(of: path, sheet: "rxbind校验数据")
        let properties = try SpreadsheetOutputTests.properties(path)
        #expect(rows[0].value(atColumn: 0)?.text == "rxbind-digests")
        for (i, key) in ["rxbind-batch", "rxbind-part", "rxbind-columns", "rxbind-fingerprint"].enumerated() {
            #expect(rows[1 + i].value(atColumn: 0)?.text == key)
            #expect(rows[1 + i].value(atColumn: 1)?.text == properties[key], "\(key)")
        }
        #expect(rows[5].cells.compactMap { $0.value.text } == ["首行序号", "行数", "各行各列摘要"])
        // The digests of every data row, a hundred rows to a sheet row, four characters a cell, none a formula's first
        // character.
        let data = try SpreadsheetOutputTests.formRows(path).rows
        let blocks = rows.dropFirst(6)
        #expect(blocks.count == (data.count + 99) / 100)
        var seq = 1
        for block in blocks {
            #expect(block.value(atColumn: 0) == .number(raw: String(seq), value: Double(seq)), "the block's first 序号")
            guard case .number(_, let count)? = block.value(atColumn: 1) else { Issue.record("no row count"); continue }
            let text = block.value(atColumn: 2)?.text ?? ""
            #expect(text.count == Int(count) * 40)
            #expect(text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_") })
            seq += Int(count)
        }
        #expect(seq == data.count + 1)
    }
}
