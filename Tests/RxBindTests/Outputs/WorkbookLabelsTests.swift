import DelimitedText
import Spreadsheet
import Testing
@testable import RxBind

/// The Chinese the triage workbook shows in place of codes (SPEC §12).
@Suite struct WorkbookLabelsTests {
    /// Holds a Chinese character: a label, never a code.
    func isChinese(_ s: String) -> Bool { s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }

    func expectChineseAndDistinct(_ labels: [String], _ what: String) {
        for l in labels { #expect(isChinese(l), "\(what): \(l)") }
        #expect(Set(labels).count == labels.count, "\(what) labels are distinct: \(labels)")
    }

    @Test func everyCodeHasItsOwnChineseLabel() {
        expectChineseAndDistinct(CaseClass.allCases.map(\.workbookLabel), "class")
        expectChineseAndDistinct(CaseClass.allCases.map(\.workbookText.meaning), "class meaning")
        expectChineseAndDistinct(Reason.allCases.map(\.workbookLabel), "reason")
        expectChineseAndDistinct(Flag.allCases.map(\.workbookLabel), "flag")
        expectChineseAndDistinct(CaseAction.allCases.map(\.workbookLabel), "action")
        expectChineseAndDistinct(InputRole.allCases.map(\.workbookLabel), "input role")
        let invalid: [InvalidInputRule.Reason] = [.idTypeUnsupported, .missingName] + IDProblem.allCases.map { .id($0) }
        expectChineseAndDistinct(invalid.map(\.workbookText.label), "invalid-row reason")
        expectChineseAndDistinct(invalid.map(\.workbookText.advice), "what to do about an invalid row")
        let kinds: [InputWarning.Kind] = [.unusableID(.checksum), .unknownCertificateStatus("正常"),
                                          .unreadableDate(field: "加注有效期至", value: "2026-02-30"), .otherProvince("江西省")]
        expectChineseAndDistinct(kinds.map(\.workbookText.label), "warning kind")
        #expect(InputWarning.Kind.unusableID(.checksum).workbookText.detail == "18位身份证号的校验码不符，该行已跳过")
    }

    @Test func theAdviceForADamagedIDIsToExportTheColumnAsText() {
        #expect(InvalidInputRule.Reason.id(.mangledBySpreadsheet).workbookText.advice == "在电子表格软件中将该列设为文本后重新导出")
        #expect(InvalidInputRule.Reason.id(.checksum).workbookText.advice.contains("与药师"))
    }

    @Test func classLabelsAreValidSheetNames() {
        for c in CaseClass.allCases {
            #expect(c.workbookLabel.count <= 31)
            #expect(!c.workbookLabel.contains { "[]:*?/\\".contains($0) })
        }
    }

    @Test func fixedLabelsFitTheirColumnsOnOneLine() {
        // The reason and action cells are not measured row by row: their column must hold the longest label.
        for r in Reason.allCases {
            #expect(TextLayout.lineCount(r.workbookLabel, columnWidth: TriageWorkbook.Field.reason.width) == 1, "\(r)")
        }
        for a in CaseAction.allCases {
            #expect(TextLayout.lineCount(a.workbookLabel, columnWidth: TriageWorkbook.Field.action.width) == 1, "\(a)")
        }
    }

    @Test func flagsAreListedInTheCSVsOrder() {
        let set = FlagSet([.rareCharacter, .accountLevel2])
        #expect(set.codes == "ACCOUNT_LEVEL_2|RARE_CHARACTER")
        #expect(set.workbookLabels == "二级实名账号、姓名含生僻字")
        #expect(FlagSet(rawValue: 0).workbookLabels == "")
    }

    @Test func delimitersAreNamedInChinese() {
        #expect(Delimiter(name: "comma")?.workbookLabel == "逗号")
        #expect(Delimiter(name: "tab")?.workbookLabel == "制表符")
        #expect(Delimiter(name: "semicolon") == nil)
    }
}
