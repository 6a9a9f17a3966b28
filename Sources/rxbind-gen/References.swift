/// A roster row (资格证书, SPEC §2.2) as the generator builds it, with what it intends the row to mean.
struct CertificateEntry {
    var name: String
    /// The ID number as the roster writes it (18 or 15 digits, maybe a lower-case x).
    var idText: String
    var number: String
    var category: String
    var year: String
    var issuedOn: String
    var status: String
    var annotationExpires: String
    /// The day `annotationExpires` names, for deciding ANNOTATION_EXPIRED on each night.
    var annotationDay: Day?
    /// Intended: valid, and its name matches the case's, so it goes on the form when the case is requested.
    var onForm: Bool
}

/// A registry row (注册系统, SPEC §2.3) as the generator builds it.
struct RegistryEntry {
    var name: String
    /// The ID number as the registry writes it (18 digits, or the 15-digit form of a legacy record).
    var idText: String
    var registrationNumber: String
    var employer: String
    var status: String
    var province: String
}

/// Pools and helpers for the fields of reference rows that no rule reads.
enum ReferenceFields {
    static let employers: [String] = [
        "康宁大药房连锁有限公司", "仁和堂医药有限公司", "人民医院", "中医医院", "同济药店", "益丰大药房", "老百姓大药房",
        "九州通医药集团股份有限公司", "天山医药连锁有限公司", "昆仑药业有限公司", "第一人民医院", "妇幼保健院",
        "惠民药房, 北门店", "\"百草堂\"药店", "国药控股有限公司", "华润医药商业集团有限公司",
    ]
    static let registeredStatuses: [String] = ["已注册", "已注册", "已注册", "已注册", "有效"]
    /// Statuses that say the registration ended: shown by rxbind, never used by its rules (SPEC §2.3).
    static let endedStatuses: [String] = ["注销", "已注销", "暂停执业", "注销注册"]
    static let categories: [String] = ["药学", "中药学"]
    /// Certificate statuses other than 有效 and 已撤销, which SPEC §2.2 treats as valid (with a warning).
    static let otherValidStatuses: [String] = ["正常", "待核验", "已补发", ""]
    /// 已撤销 with white space around it: still revoked after SPEC §3's trimming.
    static let revokedSpellings: [String] = ["已撤销 ", "\u{3000}已撤销", " 已撤销"]

    /// A 13-digit certificate number (管理号): the year, then a 9-digit serial that is a bijection of `uid`.
    static func certificateNumber(uid: Int, year: Int) -> String {
        precondition(uid < 1_000_000_000, "certificate numbers exhausted")
        let serial = (UInt64(uid) &* 738_291_647 &+ 104_729) % 1_000_000_000
        return pad(year, 4) + pad(Int(serial), 9)
    }

    /// A 10-digit registration number (注册证编号), a bijection of `uid`.
    static func registrationNumber(uid: Int) -> String {
        let serial = (UInt64(uid) &* 2_654_435_761 &+ 97_531) % 10_000_000_000
        return pad(Int(serial), 10)
    }

    /// A unique id for the `slot`-th reference row of a person (`lane`, `index`): background people (lane 0, up
    /// to 10 million) first, then the people who fail (up to 2 million in each of 64 lanes), all below 10⁹.
    static func uid(lane: Int, index: Int, slot: Int) -> Int {
        precondition(slot < 4)
        if lane == 0 { return index * 4 + slot }
        return 40_000_000 + (index * NumberSpace.lanes + lane) * 4 + slot
    }
}
