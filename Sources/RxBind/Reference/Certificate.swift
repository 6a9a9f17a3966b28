/// A certificate of the roster (资格证书) as the rules see it.
public struct Certificate: Sendable, Hashable {
    /// The holder's number in its 18-digit form.
    public let id: ResidentID
    /// Whether the roster holds the legacy 15-digit form.
    public let heldAs15: Bool
    /// The holder's name as the certificate has it (normalised).
    public let name: String
    /// 证书编号 / 管理号.
    public let number: String
    /// 资格类别 (药学 / 中药学).
    public let category: String
    /// 取得年度.
    public let year: String
    /// 签发日期 as the roster writes it.
    public let issuedOn: String
    /// 证书状态 已撤销.
    public let isRevoked: Bool
    /// 加注有效期至: when the e-certificate annotation ends.
    public let annotationExpires: CalendarDate?
    /// The roster line the record starts on.
    public let line: Int
    /// The name's comparison key.
    public let nameKey: NameKey

    init(id: ResidentID, heldAs15: Bool, name: String, number: String, category: String, year: String,
         issuedOn: String, isRevoked: Bool, annotationExpires: CalendarDate?, line: Int) {
        self.id = id
        self.heldAs15 = heldAs15
        self.name = name
        self.number = number
        self.category = category
        self.year = year
        self.issuedOn = issuedOn
        self.isRevoked = isRevoked
        self.annotationExpires = annotationExpires
        self.line = line
        self.nameKey = NameKey(normalized: name)
    }

    /// The form of the ID the roster holds.
    public var heldIDText: String { heldAs15 ? (id.fifteenDigitForm ?? id.text) : id.text }
}

/// A record of the registry snapshot (注册系统) as the rules see it.
public struct RegistryRecord: Sendable, Hashable {
    /// The registered number in its 18-digit form.
    public let id: ResidentID
    /// Whether the registry still holds the legacy 15-digit form.
    public let heldAs15: Bool
    /// The name the registry holds (normalised).
    public let name: String
    /// 注册证编号.
    public let registrationNo: String
    /// 执业单位 (displayed only).
    public let employer: String
    /// 注册状态 (displayed, never used by the rules).
    public let status: String
    /// 注册省份.
    public let province: String
    /// The registry line the record starts on.
    public let line: Int
    /// The name's comparison key.
    public let nameKey: NameKey

    init(id: ResidentID, heldAs15: Bool, name: String, registrationNo: String, employer: String, status: String,
         province: String, line: Int) {
        self.id = id
        self.heldAs15 = heldAs15
        self.name = name
        self.registrationNo = registrationNo
        self.employer = employer
        self.status = status
        self.province = province
        self.line = line
        self.nameKey = NameKey(normalized: name)
    }
    /// The ID as the registry holds it: the 15-digit form for a legacy record.
    public var heldIDText: String { heldAs15 ? (id.fifteenDigitForm ?? id.text) : id.text }
}
