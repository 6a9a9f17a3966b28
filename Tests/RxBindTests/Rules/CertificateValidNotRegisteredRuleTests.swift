import Testing
@testable import RxBind

@Suite struct CertificateValidNotRegisteredRuleTests {
    @Test func firesForAValidCertificateWithTheSameName() throws {
        let e = Make.evidence(certificates: [Make.certificate("李四", number: "1"), Make.certificate("张三", number: "2")])
        let v = try #require(CertificateValidNotRegisteredRule.apply(to: e))
        #expect(v.caseClass == .missingRegistryRecord)
        #expect(v.reason == .certificateValidNotRegistered)
        #expect(v.flags.isEmpty)
        #expect(e.matchingCertificates.map(\.number) == ["2"])
    }

    @Test func doesNotFireWhenTheMatchingCertificateIsRevoked() {
        let e = Make.evidence(certificates: [Make.certificate("张三", revoked: true), Make.certificate("李四", number: "2")])
        #expect(CertificateValidNotRegisteredRule.apply(to: e) == nil)
    }

    @Test func annotationExpiredBeforeTheAsOfDate() throws {
        let before = CalendarDate(year: 2026, month: 11, day: 20)!
        let v = try #require(CertificateValidNotRegisteredRule.apply(to: Make.evidence(certificates: [Make.certificate("张三", expires: before)])))
        #expect(v.flags == [.annotationExpired])
    }

    @Test func annotationEndingOnTheAsOfDateHasNotExpired() throws {
        let v = try #require(CertificateValidNotRegisteredRule.apply(to: Make.evidence(certificates: [Make.certificate("张三", expires: Make.asOf)])))
        #expect(v.flags.isEmpty)
    }

    @Test func anExpiredAnnotationOnANonMatchingCertificateDoesNotCount() throws {
        let old = CalendarDate(year: 2020, month: 1, day: 1)!
        let e = Make.evidence(certificates: [Make.certificate("张三"), Make.certificate("李四", expires: old, number: "9")])
        let v = try #require(CertificateValidNotRegisteredRule.apply(to: e))
        #expect(v.flags.isEmpty)
    }
}
