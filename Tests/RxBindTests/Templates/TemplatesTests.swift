import Foundation
import Testing
import TestSupport
@testable import RxBind

@Suite struct TemplatesTests {
    func copyOfDefaults() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory("templates")
        for name in Templates.fileNames {
            try FileManager.default.copyItem(atPath: Repository.templates + "/" + name, toPath: dir.file(name))
        }
        return dir
    }

    func edit(_ dir: TemporaryDirectory, _ name: String, _ change: (String) -> String) throws {
        let text = try String(contentsOfFile: dir.file(name), encoding: .utf8)
        try change(text).write(toFile: dir.file(name), atomically: true, encoding: .utf8)
    }

    @Test func theDefaultTemplatesLoad() throws {
        let t = try Templates(directory: Repository.templates)
        #expect(t.form.columns.map(\.field) == FormField.allCases)
        #expect(t.form.columns.map(\.heading) == FormField.allCases.map(\.defaultHeading))
        #expect(t.form.footer.map(\.label) == ["省局审核意见", "经办人", "联系电话", "日期"])
        #expect(t.form.applicant(for: Province(named: "江西")!) == "江西省药品监督管理局")
        #expect(t.guidance.text(for: .portalAccount).contains("CTID"))
        #expect(t.guidance.text(for: .accountLevel2)?.contains("三级") == true)
        #expect(t.guidance.text(for: .registryMatches) == nil, "the class's text applies")
        let noQual = t.guidance.text(for: .noQualification)
        #expect(noQual.contains("中国人事考试网") && noQual.contains("2016"))
        #expect(t.guidance.text(for: .certificateRevoked)?.contains("撤销") == true)
        #expect(t.guidance.alreadyRequestedNamesTheDate)
        #expect(t.guidance.alreadyRequestedText(requestedOn: "2026-11-01") == "已于2026-11-01报送添加申请，请等待国家中心处理，暂勿重复报送。")
    }

    @Test func theBundleRoundTripsAndItsHashFollowsTheBytes() throws {
        let dir = try copyOfDefaults()
        let a = try Templates(directory: dir.path)
        let b = try Templates(bundle: a.bundle)
        #expect(b.sha256 == a.sha256)
        try edit(dir, "form.yaml") { $0.replacingOccurrences(of: "heading: 姓名", with: "heading: 姓 名") }
        #expect(try Templates(directory: dir.path).sha256 != a.sha256)
    }

    @Test func aMovedColumnNamesTheFileAndTheField() throws {
        let dir = try copyOfDefaults()
        try edit(dir, "form.yaml") {
            $0.replacingOccurrences(of: "field: name", with: "field: TMP").replacingOccurrences(of: "field: sex", with: "field: name")
                .replacingOccurrences(of: "field: TMP", with: "field: sex")
        }
        do {
            _ = try Templates(directory: dir.path)
            Issue.record("a reordered column was accepted")
        } catch {
            #expect((error as? RxBindError)?.category == .badInput)
            let m = error.localizedDescription
            #expect(m.contains("form.yaml"))
            #expect(m.contains("columns[2].field"))
        }
    }

    @Test func misspeltFieldsMissingTextsAndBrokenYAMLAreErrors() throws {
        let dir = try copyOfDefaults()
        try edit(dir, "guidance.yaml") { $0.replacingOccurrences(of: "  NO_QUALIFICATION:", with: "  NO_QUALIFICATON:") }
        #expect(throws: RxBindError.self) { try Templates(directory: dir.path) }
        do { _ = try Templates(directory: dir.path) } catch { #expect(error.localizedDescription.contains("classes.NO_QUALIFICATON")) }

        let dir2 = try copyOfDefaults()
        try edit(dir2, "form.yaml") { $0.replacingOccurrences(of: "    width: 21", with: "    width: wide") }
        do { _ = try Templates(directory: dir2.path); Issue.record("accepted") } catch {
            #expect(error.localizedDescription.contains("columns[4].width"))
        }

        let dir3 = try copyOfDefaults()
        try edit(dir3, "form.yaml") { $0 + "\nfooter: [unclosed\n" }
        do { _ = try Templates(directory: dir3.path); Issue.record("accepted") } catch {
            guard case .template(_, _, _, .notYAML) = error as? RxBindError else { Issue.record("\(error)"); return }
        }

        do { _ = try Templates(directory: "/nonexistent/templates"); Issue.record("accepted") } catch {
            guard case .templatesFolderMissing("/nonexistent/templates") = error as? RxBindError else {
                Issue.record("\(error)"); return
            }
        }
        let empty = try TemporaryDirectory("templates")
        do { _ = try Templates(directory: empty.path); Issue.record("accepted") } catch {
            guard case .template(let file, nil, nil, .missingFile) = error as? RxBindError, file == empty.file("form.yaml") else {
                Issue.record("\(error)"); return
            }
        }
    }

    @Test func aProvincesEditedGuidanceKeepsItsFormat() throws {
        // Texts as literal blocks, an emptied flag text, no date in the already-requested text: all still valid.
        let dir = try copyOfDefaults()
        try edit(dir, "guidance.yaml") {
            $0.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("  RARE_CHARACTER:") ? "  RARE_CHARACTER: \"\"" : String($0) }.joined(separator: "\n")
                .replacingOccurrences(of: "  NO_QUALIFICATION: >-\n", with: "  NO_QUALIFICATION: |\n    第一行\n")
                .replacingOccurrences(of: "already_requested: 已于{requested_on}报送", with: "already_requested: 已报送")
        }
        let g = try Templates(directory: dir.path).guidance
        #expect(g.text(for: .rareCharacter) == nil, "an empty flag text adds nothing")
        #expect(g.text(for: .noQualification).hasPrefix("第一行\n资格证书库中"))
        #expect(!g.alreadyRequestedNamesTheDate)
        #expect(g.alreadyRequestedText(requestedOn: "2026-11-01") == "已报送添加申请，请等待国家中心处理，暂勿重复报送。")
    }

    @Test func anAddedFooterLineAndARenamedHeadingAreAccepted() throws {
        let dir = try copyOfDefaults()
        try edit(dir, "form.yaml") {
            $0.replacingOccurrences(of: "heading: 资格证书编号", with: "heading: 证书编号")
                + "  - label: 备案号\n    value: 赣药监-2026\n"
        }
        let t = try Templates(directory: dir.path)
        #expect(t.form.columns[4].heading == "证书编号")
        #expect(t.form.footer.last == FooterLine(label: "备案号", value: "赣药监-2026"))
    }
}
