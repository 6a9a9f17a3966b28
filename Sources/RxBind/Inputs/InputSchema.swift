/// What one input file is to the night (SPEC §2).
public enum InputRole: String, Sendable, Codable, CaseIterable {
    /// A binding-failure export from the portal (positional arguments).
    case failures
    /// The certificate roster (资格证书), `--certificates`.
    case certificates
    /// The registry snapshot (注册系统), `--registry`.
    case registry

    /// The role's name in messages.
    public var label: String {
        switch self {
        case .failures: return localized(.roleFailures)
        case .certificates: return localized(.roleCertificates)
        case .registry: return localized(.roleRegistry)
        }
    }

    /// Where a file of this role goes on `rxbind run`'s command line.
    public var option: String {
        switch self {
        case .failures: return localized(.roleFailuresOption)
        case .certificates: return "--certificates"
        case .registry: return "--registry"
        }
    }

    /// The headers of the columns only this role's files have (SPEC §11), folded for matching. The registry's
    /// status is its own only as 注册状态: the English `status` is also the roster's.
    var ownColumnHeaders: Set<String> {
        switch self {
        case .failures:
            return Set(fields.filter { ["id_type", "attempted_at", "message", "account_level"].contains($0.key) }
                .flatMap(\.aliases).map(HeaderMapping.fold))
        case .certificates:
            return Set(fields.filter { $0.key == "certificate_no" }.flatMap(\.aliases).map(HeaderMapping.fold))
        case .registry:
            return Set((fields.filter { ["registration_no", "employer"].contains($0.key) }.flatMap(\.aliases)
                + ["注册状态"]).map(HeaderMapping.fold))
        }
    }

    /// The own columns' Chinese headers, for messages.
    var ownColumnNames: [String] {
        switch self {
        case .failures: return ["失败时间", "失败原因", "实名认证级别", "证件类型"]
        case .certificates: return ["证书编号"]
        case .registry: return ["注册证编号", "执业单位", "注册状态"]
        }
    }

    /// The roles whose own columns a file's headers hold.
    static func roles(withOwnColumnsIn headers: [String]) -> [InputRole] {
        let folded = Set(headers.map(HeaderMapping.fold))
        return allCases.filter { !$0.ownColumnHeaders.isDisjoint(with: folded) }
    }

    /// The fields of the role's table in SPEC §2, in the order of the table.
    public var fields: [FieldSpec] {
        switch self {
        case .failures: return FieldSpec.failures
        case .certificates: return FieldSpec.certificates
        case .registry: return FieldSpec.registry
        }
    }
}

/// One field of an input table: its key, its header aliases in order of precedence, and whether it is required.
public struct FieldSpec: Sendable, Hashable {
    /// The field's key, as SPEC §2 names it (`name`, `id_number`, …).
    public let key: String
    /// Header aliases; when several columns match, the one matching the alias listed first wins.
    public let aliases: [String]
    /// A file without this column is a fatal input error.
    public let required: Bool

    init(_ key: String, _ aliases: [String], required: Bool = false) {
        self.key = key
        self.aliases = aliases
        self.required = required
    }

    static let failures: [FieldSpec] = [
        FieldSpec("name", ["姓名", "名字", "name"], required: true),
        FieldSpec("id_number", ["身份证号", "身份证号码", "证件号码", "证件号", "id_number"], required: true),
        FieldSpec("id_type", ["证件类型", "id_type"]),
        FieldSpec("phone", ["手机号", "手机号码", "联系电话", "phone"]),
        FieldSpec("province", ["省份", "所在省份", "注册省份", "province"]),
        FieldSpec("attempted_at", ["失败时间", "绑定时间", "操作时间", "attempted_at"]),
        FieldSpec("message", ["失败原因", "提示信息", "错误信息", "message"]),
        FieldSpec("account_level", ["实名认证级别", "认证级别", "账号级别", "account_level"]),
    ]

    static let certificates: [FieldSpec] = [
        FieldSpec("name", ["姓名", "name"], required: true),
        FieldSpec("id_number", ["身份证号", "身份证号码", "证件号码", "id_number"], required: true),
        FieldSpec("certificate_no", ["证书编号", "资格证书编号", "管理号", "证书管理号", "certificate_no"], required: true),
        FieldSpec("category", ["资格类别", "类别", "category"]),
        FieldSpec("year", ["取得年度", "资格取得年度", "考试年度", "year"]),
        FieldSpec("issued_on", ["签发日期", "批准日期", "issued_on"]),
        FieldSpec("status", ["证书状态", "状态", "status"]),
        FieldSpec("annotation_expires", ["加注有效期至", "annotation_expires"]),
    ]

    static let registry: [FieldSpec] = [
        FieldSpec("name", ["姓名", "name"], required: true),
        FieldSpec("id_number", ["身份证号", "身份证号码", "证件号码", "id_number"], required: true),
        FieldSpec("registration_no", ["注册证编号", "注册编号", "registration_no"]),
        FieldSpec("employer", ["执业单位", "employer"]),
        FieldSpec("status", ["注册状态", "status"]),
        FieldSpec("province", ["省份", "注册省份", "province"]),
    ]
}
