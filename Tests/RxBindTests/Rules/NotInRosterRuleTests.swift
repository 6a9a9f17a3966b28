import Testing
@testable import RxBind

@Suite struct NotInRosterRuleTests {
    @Test func firesWhenNeitherRegistryNorRosterKnowsTheNumber() throws {
        let v = try #require(NotInRosterRule.apply(to: Make.evidence()))
        #expect(v.caseClass == .noQualification)
        #expect(v.reason == .notInRoster)
        #expect(Classifier.classify(Make.evidence(), accountLevel2: false, from15Digits: false).0.rule == 5)
    }

    @Test func doesNotFireWhenTheRosterHasARevokedCertificate() {
        #expect(NotInRosterRule.apply(to: Make.evidence(certificates: [Make.certificate("张三", revoked: true)])) == nil)
    }

    @Test func neverAppliesWithoutAnyFlagOfItsOwn() {
        let (_, flags) = Classifier.classify(Make.evidence(name: "张?"), accountLevel2: false, from15Digits: true)
        #expect(flags == [.idFrom15Digits], "RARE_CHARACTER is for identity mismatches only")
    }
}
