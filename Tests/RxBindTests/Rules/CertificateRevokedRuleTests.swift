import Testing
@testable import RxBind

@Suite struct CertificateRevokedRuleTests {
    @Test func firesWhenEveryCertificateIsRevoked() throws {
        let e = Make.evidence(certificates: [Make.certificate("张三", revoked: true), Make.certificate("张三", revoked: true, number: "2")])
        let v = try #require(CertificateRevokedRule.apply(to: e))
        #expect(v.caseClass == .noQualification)
        #expect(v.reason == .certificateRevoked)
    }

    @Test func doesNotFireWhenOneCertificateIsStillValid() {
        let e = Make.evidence(certificates: [Make.certificate("张三", revoked: true), Make.certificate("李四", number: "2")])
        #expect(CertificateRevokedRule.apply(to: e) == nil)
        #expect(Classifier.classify(e, accountLevel2: false, from15Digits: false).0.reason == .certificateNameDiffers)
    }
}
