import Testing
@testable import RxBind

@Suite struct CertificateNameDiffersRuleTests {
    @Test func firesWhenNoValidCertificateHasTheName() throws {
        let e = Make.evidence(certificates: [Make.certificate("张叁")])
        let v = try #require(CertificateNameDiffersRule.apply(to: e))
        #expect(v.caseClass == .identityMismatch)
        #expect(v.reason == .certificateNameDiffers)
        #expect(Classifier.classify(e, accountLevel2: false, from15Digits: false).0.rule == 8)
    }

    @Test func aMatchingValidCertificateDecidesFirst() {
        let e = Make.evidence(certificates: [Make.certificate("张叁"), Make.certificate("张三", number: "2")])
        #expect(Classifier.classify(e, accountLevel2: false, from15Digits: false).0.rule == 7)
    }

    @Test func doesNotFireWithOnlyRevokedCertificates() {
        #expect(CertificateNameDiffersRule.apply(to: Make.evidence(certificates: [Make.certificate("张叁", revoked: true)])) == nil)
    }

    @Test func rareCharacterWhenACertificateNameIsUnrepresentable() {
        let (_, flags) = Classifier.classify(Make.evidence(name: "王\u{9FB4}", certificates: [Make.certificate("王\u{FFFD}")]), accountLevel2: false, from15Digits: false)
        #expect(flags == [.rareCharacter])
    }
}
