import Testing
@testable import RxBind

/// Each rule says which records it compared the case with (SPEC §4): the outputs take the registry's number and
/// registration, and the names staff compare, from that — never from the rule's number.
@Suite struct ComparedRecordsTests {
    @Test func eachRuleNamesTheRecordsItCompared() {
        let other = Make.registry("李四"), legacy = Make.registry("张三", legacy: true)
        let cases: [(Evidence, ComparedRecords, registryNames: [String], certificateNames: [String])] = [
            (Make.evidence(registry: [Make.registry("张三"), other]), .registry18, ["张三", "李四"], []),
            (Make.evidence(registry: [other]), .registry18, ["李四"], []),
            (Make.evidence(registry: [legacy]), .registry15, ["张三"], []),
            (Make.evidence(registry: [Make.registry("王五", legacy: true)]), .registry15, ["王五"], []),
            (Make.evidence(), .none, [], []),
            (Make.evidence(certificates: [Make.certificate("张三", revoked: true)]), .none, [], []),
            (Make.evidence(certificates: [Make.certificate("张三")]), .certificates, [], ["张三"]),
            (Make.evidence(certificates: [Make.certificate("赵六")]), .certificates, [], ["赵六"]),
        ]
        for (i, (e, expected, registryNames, certificateNames)) in cases.enumerated() {
            let v = Classifier.classify(e, accountLevel2: false, from15Digits: false).0
            #expect(v.rule == i + 1)
            #expect(v.compared == expected, "rule \(v.rule)")
            #expect(v.compared.registryRecords(in: e).map(\.name) == registryNames, "rule \(v.rule)")
            if expected == .certificates { #expect(v.compared.names(in: e) == certificateNames, "rule \(v.rule)") }
        }
    }
}
