import Testing
@testable import RxBind

@Suite struct RegistryNameDiffersRuleTests {
    @Test func firesWhenR18HoldsAnotherName() throws {
        let e = Make.evidence(registry: [Make.registry("张叁")], certificates: [Make.certificate("张三")])
        let v = try #require(RegistryNameDiffersRule.apply(to: e))
        #expect(v.caseClass == .identityMismatch)
        #expect(v.reason == .registryNameDiffers)
        #expect(Classifier.classify(e, accountLevel2: false, from15Digits: false).0.rule == 2)
    }

    @Test func doesNotFireWithoutAnR18Record() {
        #expect(RegistryNameDiffersRule.apply(to: Make.evidence(registry: [Make.registry("张叁", legacy: true)])) == nil)
        #expect(RegistryNameDiffersRule.apply(to: Make.evidence()) == nil)
    }

    @Test func rareCharacterFlagWhenTheRegistryNameIsUnrepresentable() {
        let e = Make.evidence(name: "王\u{9FB4}", registry: [Make.registry("王□")])
        let (v, flags) = Classifier.classify(e, accountLevel2: false, from15Digits: false)
        #expect(v.reason == .registryNameDiffers)
        #expect(flags == [.rareCharacter])
    }

    @Test func noRareCharacterFlagForAPlainMismatch() {
        let (_, flags) = Classifier.classify(Make.evidence(registry: [Make.registry("李四")]), accountLevel2: false, from15Digits: false)
        #expect(flags.isEmpty)
    }
}
