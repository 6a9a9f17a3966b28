import Testing
@testable import RxBind

@Suite struct LegacyID15RuleTests {
    @Test func firesWhenR15HoldsTheSameName() throws {
        let e = Make.evidence(registry: [Make.registry("张三", legacy: true)])
        let v = try #require(LegacyID15Rule.apply(to: e))
        #expect(v.caseClass == .legacyID15)
        #expect(v.reason == .registryHolds15DigitID)
        #expect(Classifier.classify(e, accountLevel2: false, from15Digits: false).0.rule == 3)
    }

    @Test func doesNotFireWhenTheLegacyNameDiffers() {
        #expect(LegacyID15Rule.apply(to: Make.evidence(registry: [Make.registry("张叁", legacy: true)])) == nil)
    }

    @Test func anR18RecordDecidesFirst() {
        let e = Make.evidence(registry: [Make.registry("张叁"), Make.registry("张三", legacy: true)])
        #expect(Classifier.classify(e, accountLevel2: false, from15Digits: false).0.reason == .registryNameDiffers)
    }
}
