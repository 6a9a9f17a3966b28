import Testing
@testable import RxBind

@Suite struct LegacyNameDiffersRuleTests {
    @Test func firesWhenR15HoldsOnlyOtherNames() throws {
        let e = Make.evidence(registry: [Make.registry("李四", legacy: true)], certificates: [Make.certificate("张三")])
        let v = try #require(LegacyNameDiffersRule.apply(to: e))
        #expect(v.caseClass == .identityMismatch)
        #expect(v.reason == .legacyRegistryNameDiffers)
        #expect(Classifier.classify(e, accountLevel2: false, from15Digits: false).0.rule == 4)
    }

    @Test func doesNotFireWithoutALegacyRecord() {
        #expect(LegacyNameDiffersRule.apply(to: Make.evidence(certificates: [Make.certificate("张三")])) == nil)
    }

    @Test func rareCharacterWhenTheCaseNameIsUnrepresentable() {
        let e = Make.evidence(name: "张\u{E000}", registry: [Make.registry("张三", legacy: true)])
        let (v, flags) = Classifier.classify(e, accountLevel2: true, from15Digits: false)
        #expect(v.reason == .legacyRegistryNameDiffers)
        #expect(flags == [.rareCharacter, .accountLevel2])
    }
}
