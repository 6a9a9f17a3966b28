import Foundation
import Testing
import TestSupport

/// `rxbind form check` (SPEC §10) on forms written from the samples, then re-saved or changed the way they are in
/// the field.
@Suite struct FormCheckTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Fixtures/spec-night"

    /// A fresh form of the reference night (failures-b only), and the run folder.
    static func freshForm(_ dir: TemporaryDirectory) throws -> String {
        let run = try SpreadsheetOutputTests.specRun(dir, files: ["failures-b.csv"])
        let forms = try FileManager.default.contentsOfDirectory(atPath: run).filter { $0.hasPrefix("addition-request-") }
        let form = dir.file("form.xlsx")
        try FileManager.default.copyItem(atPath: run + "/" + (try #require(forms.first)), toPath: form)
        return form
    }

    /// The report in English (`RXBIND_LANG=en`), which these tests read; FormCheckLocatingTests reads the Chinese.
    func check(_ files: [String], _ extra: [String] = []) throws -> ProcessResult {
        try RxBindBinary.run(["form", "check", "--as-of", "2026-11-21"] + extra + files, environment: ["RXBIND_LANG": "en"])
    }

    /// Changes an .xlsx the way a person with a spreadsheet program might, with Python's zipfile (the test's own
    /// independent tool): the data rows start at sheet row 4.
    static func edit(_ input: String, _ output: String, _ operation: String, _ args: [String]) throws {
        let script = #"""
        import re, sys, zipfile
        src, dst, op, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
        zin = zipfile.ZipFile(src)
        parts = {n: zin.read(n) for n in zin.namelist()}
        sheet = parts['xl/worksheets/sheet1.xml'].decode()
        rows = re.findall(r'<row r="(\d+)".*?</row>', sheet, re.S)
        def renumber(xml, start, delta):
            def fix_row(m):
                n = int(m.group(1))
                return m.group(0) if n < start else m.group(0).replace('r="%d"' % n, 'r="%d"' % (n + delta), 1)
            xml = re.sub(r'<row r="(\d+)"[^>]*>', fix_row, xml)
            def fix_cell(m):
                n = int(m.group(2))
                return m.group(0) if n < start else 'r="%s%d"' % (m.group(1), n + delta)
            return re.sub(r'r="([A-Z]+)(\d+)"', fix_cell, xml)
        def row_xml(n):
            return re.search(r'<row r="%d"[ >].*?</row>' % n, sheet, re.S).group(0)
        if op == 'delete-row':
            n = int(args[0]); old = row_xml(n)
            sheet = sheet.replace(old, '')
            sheet = renumber(sheet, n + 1, -1)
        elif op == 'duplicate-row':
            n = int(args[0]); old = row_xml(n)
            sheet = renumber(sheet, n + 1, 1)
            copy = old.replace('r="%d"' % n, 'r="%d"' % (n + 1), 1)
            copy = re.sub(r'r="([A-Z]+)%d"' % n, lambda m: 'r="%s%d"' % (m.group(1), n + 1), copy)
            sheet = sheet.replace(old, old + copy, 1)
        elif op in ('set-cell', 'number-cell'):
            ref, value = args[0], args[1]
            cell = re.search(r'<c r="%s"[^>]*?(/>|>.*?</c>)' % ref, sheet, re.S).group(0)
            style = re.search(r' s="\d+"', cell)
            s = style.group(0) if style else ''
            new = ('<c r="%s"%s t="inlineStr"><is><t>%s</t></is></c>' % (ref, s, value)) if op == 'set-cell' \
                else ('<c r="%s"%s><v>%s</v></c>' % (ref, s, value))
            sheet = sheet.replace(cell, new, 1)
        elif op == 'swap-rows':
            a, b = int(args[0]), int(args[1])
            xa, xb = row_xml(a), row_xml(b)
            def moved(xml, old, new):
                xml = xml.replace('r="%d"' % old, 'r="%d"' % new, 1)
                return re.sub(r'r="([A-Z]+)%d"' % old, lambda m: 'r="%s%d"' % (m.group(1), new), xml)
            sheet = sheet.replace(xa, '\0a\0').replace(xb, '\0b\0')
            sheet = sheet.replace('\0a\0', moved(xb, b, a)).replace('\0b\0', moved(xa, a, b))
        elif op == 'drop-digests':
            # The form as an earlier rxbind wrote it: no digest sheet in the workbook's list of sheets.
            book = parts['xl/workbook.xml'].decode()
            parts['xl/workbook.xml'] = re.sub(r'<sheet name="rxbind[^"]*"[^>]*/>', '', book).encode()
        elif op == 'drop-property':
            custom = parts['docProps/custom.xml'].decode()
            custom = re.sub(r'<property [^>]*name="%s".*?</property>' % args[0], '', custom, flags=re.S)
            parts['docProps/custom.xml'] = custom.encode()
        parts['xl/worksheets/sheet1.xml'] = sheet.encode()
        with zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as z:
            for n in zin.namelist():
                z.writestr(n, parts[n])
        """#
        let r = try runProgram("/usr/bin/env", ["python3", "-c", script, input, output, operation] + args)
        try #require(r.status == 0, "\(r.stderr)")
    }

    @Test func aFreshFormPassesAndItsImportFileHoldsEveryRow() throws {
        let dir = try TemporaryDirectory("form-fresh")
        let form = try Self.freshForm(dir)
        let r = try check([form])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("fingerprint matches — OK"))
        #expect(r.stdout.contains("warning: the footer field 经办人 is empty"))
        let csv = try check([form], ["--format", "csv"])
        #expect(csv.status == 0)
        try csv.stdoutBytes.write(to: URL(fileURLWithPath: dir.file("import.csv")))
        let rows = try NightFiles.readCSV(dir.file("import.csv"))
        #expect(rows.first == ["seq", "name", "sex", "id_number", "certificate_no", "category", "year", "issued_on", "reason", "remark", "file", "batch"])
        #expect(rows.count - 1 == (try SpreadsheetOutputTests.formRows(form).rows.count))
        #expect(csv.stderr.contains("OK"), "the report goes to standard error with --format csv")
    }

    @Test func aCopyReSavedByLibreOfficePassesAndReadsTheSameRows() throws {
        let dir = try TemporaryDirectory("form-resaved")
        let form = try Self.freshForm(dir)
        let out = dir.file("resaved")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let convert = try runProgram("/usr/bin/soffice", ["-env:UserInstallation=file://" + dir.file("lo"), "--headless",
                                                          "--convert-to", "xlsx", "--outdir", out, form])
        #expect(convert.status == 0, "\(convert.stderr)")
        let resaved = out + "/form.xlsx"
        let r = try check([resaved])
        #expect(r.status == 0, "\(r.stdout)")
        let a = try check([form], ["--format", "csv"]).stdout.split(whereSeparator: \.isNewline).map { $0.split(separator: ",").dropLast(2).joined(separator: ",") }
        let b = try check([resaved], ["--format", "csv"]).stdout.split(whereSeparator: \.isNewline).map { $0.split(separator: ",").dropLast(2).joined(separator: ",") }
        #expect(a == b)
        #expect(a.count > 10)
    }

    @Test func changedCopiesFailWithTheRightFinding() throws {
        let dir = try TemporaryDirectory("form-changed")
        let form = try Self.freshForm(dir)
        let cases: [(String, String, [String], String)] = [
            ("name", "set-cell", ["B5", "张冒名"], "fingerprint does not match"),
            ("removed", "delete-row", ["6"], "fingerprint does not match"),
            ("added", "duplicate-row", ["6"], "appears more than once"),
            ("number", "number-cell", ["D5", "1.10101195907053E+17"], "stored as a number"),
            ("checksum", "set-cell", ["D5", "110101195907053014"], "ID_CHECKSUM"),
            ("no-fingerprint", "drop-property", ["rxbind-fingerprint"], "fingerprint property is missing"),
        ]
        for (name, op, args, expected) in cases {
            let file = dir.file(name + ".xlsx")
            try Self.edit(form, file, op, args)
            let r = try check([file])
            #expect(r.status == 65, "\(name): \(r.stdout)")
            #expect(r.stdout.contains(expected), "\(name): \(r.stdout)")
            #expect(!r.stdout.contains("110101195907053014"), "IDs are masked on the terminal")
        }
        // The added row also breaks the fingerprint.
        #expect(try check([dir.file("added.xlsx")]).stdout.contains("fingerprint does not match"))
    }

    @Test func theSameFormTwiceFailsBothAndOtherFilesAreStillChecked() throws {
        let dir = try TemporaryDirectory("form-twice")
        let form = try Self.freshForm(dir)
        let copy = dir.file("copy.xlsx")
        try FileManager.default.copyItem(atPath: form, toPath: copy)
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 7) }).write(to: URL(fileURLWithPath: dir.file("random.xlsx")))
        let run = (form as NSString).deletingLastPathComponent + "/ws/runs/" + runIDs(dir.file("ws"))[0]
        let r = try check([form, dir.file("random.xlsx"), run + "/triage.xlsx", copy])
        #expect(r.status == 65)
        let blocks = r.stdout.components(separatedBy: "\n").filter { !$0.hasPrefix(" ") }
        #expect(blocks.contains { $0.hasPrefix(form) && $0.hasSuffix("FAILED") })
        #expect(blocks.contains { $0.hasPrefix(copy) && $0.hasSuffix("FAILED") })
        // The same part twice is one finding naming both files, not a duplicate per row (FormCheckLocatingTests).
        #expect(r.stdout.contains("was given more than once (form.xlsx, copy.xlsx)"), "\(r.stdout)")
        #expect(!r.stdout.contains("appears more than once"))
        #expect(r.stdout.contains("random.xlsx: 0 rows — FAILED"))
        #expect(r.stdout.contains("not an .xlsx workbook") || r.stdout.contains("not a readable workbook"))
        #expect(r.stdout.contains("no form header row"))
        #expect(r.stdout.contains("4 file(s) checked: 4 FAILED"))
    }

    @Test func aCertificateTheRosterDoesNotHoldFails() throws {
        let dir = try TemporaryDirectory("form-roster")
        let form = try Self.freshForm(dir)
        let roster = Self.fixture + "/input/certificates.csv"
        #expect(try check([form], ["--certificates", roster]).status == 0)
        // The same roster with the first form row's certificate number changed.
        let firstCertificate = try SpreadsheetOutputTests.formRows(form).rows[0][4]
        let number = SpreadsheetOutputTests.text(firstCertificate)
        var text = try String(contentsOfFile: roster, encoding: .utf8)
        text = text.replacingOccurrences(of: number + ",", with: "9999" + number.dropFirst(4) + ",")
        try text.write(toFile: dir.file("roster.csv"), atomically: true, encoding: .utf8)
        let r = try check([form], ["--certificates", dir.file("roster.csv")])
        #expect(r.status == 65)
        #expect(r.stdout.contains("No. 1 (row 4): ") && r.stdout.contains("roster"), "\(r.stdout)")
    }

    @Test func aMissingPartOfASplitBatchFails() throws {
        let dir = try TemporaryDirectory("form-parts")
        var night = SmallNight()
        for i in 0..<5100 {
            let id = validID("360102" + String(format: "%04d%02d%02d", 1960 + i / 336, 1 + i / 28 % 12, 1 + i % 28) + "789")
            night.failures.append(People.failure(id, "测试" + String(i)))
            night.certificates.append(People.certificate(id, "测试" + String(i), String(format: "2017%09d", i)))
        }
        let args = try night.write(into: dir.file("night"))
        #expect(try RxBindBinary.run(["run", "--workspace", dir.file("ws"), "--as-of", "2026-11-20", "--province", "江西"] + args).status == 0)
        let run = dir.file("ws/runs/" + runIDs(dir.file("ws"))[0])
        let parts = try FileManager.default.contentsOfDirectory(atPath: run).filter { $0.hasPrefix("addition-request-") }.sorted().map { run + "/" + $0 }
        #expect(parts.count == 2)
        let whole = try RxBindBinary.run(["form", "check", "--as-of", "2026-11-20"] + parts, environment: ["RXBIND_LANG": "en"])
        #expect(whole.status == 0, "\(whole.stdout)")
        #expect(whole.stdout.contains("part 1/2") && whole.stdout.contains("part 2/2"))
        let half = try RxBindBinary.run(["form", "check", "--as-of", "2026-11-20", parts[0]], environment: ["RXBIND_LANG": "en"])
        #expect(half.status == 65)
        #expect(half.stdout.contains("part 2/2 was not given"), "\(half.stdout)")
    }
}
