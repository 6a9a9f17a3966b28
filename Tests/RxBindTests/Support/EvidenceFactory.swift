@testable import RxBind

/// Builds the evidence rules look at, with readable defaults: the case is 张三 under a valid 18-digit number.
enum Make {
    static let asOf = CalendarDate(year: 2026, month: 11, day: 21)!
    /// A valid number born in 1990 (check digit computed by `ResidentID`).
    static let id18 = try! ResidentID.read("110101199003071233", asOf: asOf).get().id

    static func registry(_ name: String, legacy: Bool = false, id: ResidentID = id18) -> RegistryRecord {
        RegistryRecord(id: id, heldAs15: legacy, name: TextNormalization.field(name), registrationNo: "R-1",
                       employer: "某药房", status: "注册", province: "北京市", line: 2)
    }

    static func certificate(_ name: String, revoked: Bool = false, expires: CalendarDate? = nil,
                            number: String = "2019110000001") -> Certificate {
        Certificate(id: id18, heldAs15: false, name: TextNormalization.field(name), number: number,
                    category: "药学", year: "2019", issuedOn: "2019-12-01", isRevoked: revoked,
                    annotationExpires: expires, line: 2)
    }

    static func evidence(name: String = "张三", registry: [RegistryRecord] = [],
                         certificates: [Certificate] = []) -> Evidence {
        Evidence(name: NameKey(raw: name), registry: registry, certificates: certificates, asOf: asOf)
    }
}
