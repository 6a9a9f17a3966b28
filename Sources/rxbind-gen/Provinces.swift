/// A province-level division (省级行政区) as failure exports and `--province` name it (SPEC §6 item 1).
struct Province: Equatable {
    /// The full name, e.g. 新疆维吾尔自治区.
    let fullName: String
    /// The short form exports also use, e.g. 新疆.
    let shortName: String
    /// The two leading digits of resident ID numbers issued there (nil for 新疆生产建设兵团, which shares 65).
    let code: Int?

    /// The 34 province-level divisions and 新疆生产建设兵团, which registers its own pharmacists.
    static let all: [Province] = [
        .init("北京市", "北京", 11), .init("天津市", "天津", 12), .init("河北省", "河北", 13),
        .init("山西省", "山西", 14), .init("内蒙古自治区", "内蒙古", 15), .init("辽宁省", "辽宁", 21),
        .init("吉林省", "吉林", 22), .init("黑龙江省", "黑龙江", 23), .init("上海市", "上海", 31),
        .init("江苏省", "江苏", 32), .init("浙江省", "浙江", 33), .init("安徽省", "安徽", 34),
        .init("福建省", "福建", 35), .init("江西省", "江西", 36), .init("山东省", "山东", 37),
        .init("河南省", "河南", 41), .init("湖北省", "湖北", 42), .init("湖南省", "湖南", 43),
        .init("广东省", "广东", 44), .init("广西壮族自治区", "广西", 45), .init("海南省", "海南", 46),
        .init("重庆市", "重庆", 50), .init("四川省", "四川", 51), .init("贵州省", "贵州", 52),
        .init("云南省", "云南", 53), .init("西藏自治区", "西藏", 54), .init("陕西省", "陕西", 61),
        .init("甘肃省", "甘肃", 62), .init("青海省", "青海", 63), .init("宁夏回族自治区", "宁夏", 64),
        .init("新疆维吾尔自治区", "新疆", 65), .init("台湾省", "台湾", 71), .init("香港特别行政区", "香港", 81),
        .init("澳门特别行政区", "澳门", 82), .init("新疆生产建设兵团", "兵团", nil),
    ]

    private init(_ fullName: String, _ shortName: String, _ code: Int?) {
        self.fullName = fullName
        self.shortName = shortName
        self.code = code
    }

    /// The division a full name or short form names, or nil.
    static func named(_ text: String) -> Province? {
        all.first { $0.fullName == text || $0.shortName == text }
    }
}

/// Six-digit administrative division codes (county level) that generated ID numbers start with: real codes, one
/// or more per province, so that every generated number passes SPEC §3's region check.
enum Regions {
    static let codes: [Int] = [
        110101, 110105, 120104, 130102, 140105, 150102, 210102, 220102, 230103, 310104, 310115, 320102, 320583,
        330106, 340103, 350102, 360102, 370102, 410105, 420106, 430104, 440106, 440305, 450103, 460105, 500103,
        510104, 520102, 530102, 540102, 610113, 620102, 630102, 640104, 650102, 650104, 652901, 654002, 659001,
    ]

    /// Codes no ordinary generated number uses (五家渠市, 北屯市, 铁门关市), kept for numbers built to a pattern,
    /// such as a valid number that ends in 000, so that they can never coincide with another person's number.
    static let reserved = [659004, 659005, 659006]

    /// Two-digit prefixes that are not province-level codes (SPEC §3), for ID_REGION rows.
    static let invalidPrefixes: [Int] = [0, 10, 16, 19, 20, 24, 28, 30, 38, 39, 40, 47, 49, 55, 58, 60, 66, 70, 72, 77, 80, 84, 90, 99]
}
