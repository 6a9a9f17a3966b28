import Testing
@testable import RxBind

@Suite struct RunIDTests {
    let asOf = CalendarDate(year: 2026, month: 11, day: 21)!

    func id(province: Province? = nil, resend: Int = 30, encoding: String? = nil, inputs: [(InputRole, String)] = [(.failures, "a"), (.certificates, "b"), (.registry, "c")], templates: String = "t") -> String {
        RunID.compute(asOf: asOf, province: province, resendAfter: resend, encoding: encoding,
                      inputs: inputs.map { (role: $0.0, sha256: $0.1) }, templatesSHA256: templates)
    }

    @Test func shapeAndStability() {
        let a = id()
        #expect(a.hasPrefix("20261121-"))
        #expect(RunID.isWellFormed(a))
        #expect(a == id())
    }

    @Test func everyOutputChangingOptionChangesIt() {
        let base = id()
        #expect(id(province: Province(named: "新疆")) != base)
        #expect(id(resend: 0) != base)
        #expect(id(encoding: "gb18030") != base)
        #expect(id(inputs: [(.failures, "a2"), (.certificates, "b"), (.registry, "c")]) != base)
        #expect(id(inputs: [(.failures, "b"), (.certificates, "a"), (.registry, "c")]) != base, "roles swapped")
        #expect(id(inputs: [(.failures, "a"), (.certificates, "c"), (.registry, "b")]) != base, "roles swapped")
        #expect(id(templates: "t2") != base)
    }

    @Test func theFailureExportsAreASet() {
        // SPEC §11: the same exports in another order are the same run.
        let ab = id(inputs: [(.failures, "a"), (.failures, "b"), (.certificates, "c"), (.registry, "d")])
        let ba = id(inputs: [(.failures, "b"), (.failures, "a"), (.certificates, "c"), (.registry, "d")])
        #expect(ab == ba)
        #expect(ab != id(inputs: [(.failures, "a"), (.certificates, "c"), (.registry, "d")]))
    }

    @Test func wellFormedness() {
        #expect(!RunID.isWellFormed("../../etc/passwd"))
        #expect(!RunID.isWellFormed("20261121-0A1B2C3D"))
        #expect(RunID.isWellFormed("20261121-0a1b2c3d"))
    }
}
