import Testing
@testable import RxBind

@Suite struct PortalAccountRuleTests {
    @Test func firesWhenAnR18RecordHasTheSameName() throws {
        let v = try #require(PortalAccountRule.apply(to: Make.evidence(registry: [Make.registry("李四"), Make.registry("张三")])))
        #expect(v.caseClass == .portalAccount)
        #expect(v.reason == .registryMatches)
        #expect(v.rule == 1)
    }

    @Test func namesMatchAfterNormalisationAndDotFolding() {
        #expect(PortalAccountRule.apply(to: Make.evidence(name: "阿依古丽·买买提", registry: [Make.registry("阿依古丽•买买提")])) != nil)
        #expect(PortalAccountRule.apply(to: Make.evidence(name: "ZHANG san", registry: [Make.registry("Ｚｈａｎｇ　Ｓａｎ")])) != nil)
    }

    @Test func doesNotFireWhenOnlyTheNameDiffers() {
        #expect(PortalAccountRule.apply(to: Make.evidence(registry: [Make.registry("张叁")])) == nil)
    }

    @Test func doesNotFireForALegacyRecordWithTheSameName() {
        #expect(PortalAccountRule.apply(to: Make.evidence(registry: [Make.registry("张三", legacy: true)])) == nil)
    }

    @Test func anUnrepresentableNameMatchesNothingNotEvenItself() {
        #expect(PortalAccountRule.apply(to: Make.evidence(name: "张?", registry: [Make.registry("张?")])) == nil)
    }
}
