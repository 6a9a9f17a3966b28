/// A province-level division (省级行政区) as rxbind names it, or the Xinjiang Production and Construction Corps
/// (新疆生产建设兵团), which registers its own pharmacists.
///
/// Only a ``Province`` ever reaches a file name (SPEC §6 item 1): it is built from a closed list, never from
/// unchecked input.
public struct Province: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The full Chinese name, e.g. 新疆维吾尔自治区.
    public let name: String

    private init(_ name: String) { self.name = name }

    public var description: String { name }

    public static func < (a: Province, b: Province) -> Bool { a.name < b.name }

    /// The 34 province-level divisions in the order of their ID-number codes, then the Corps.
    public static let all: [Province] = [
        "北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省",
        "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区",
        "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区",
        "新疆维吾尔自治区", "台湾省", "香港特别行政区", "澳门特别行政区", "新疆生产建设兵团",
    ].map(Province.init)

    /// Full names and accepted short forms (`新疆` → 新疆维吾尔自治区, `内蒙古` → 内蒙古自治区, `兵团` → the Corps).
    private static let lookup: [String: Province] = {
        var table: [String: Province] = [:]
        let suffixes = ["维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"]
        for p in all {
            table[p.name] = p
            if p.name == "新疆生产建设兵团" { continue }
            for suffix in suffixes where p.name.hasSuffix(suffix) {
                table[String(p.name.dropLast(suffix.count))] = p
                break
            }
        }
        let corps = Province("新疆生产建设兵团")
        table["兵团"] = corps
        table["新疆兵团"] = corps
        table["生产建设兵团"] = corps
        return table
    }()

    /// The province a name or short form denotes (after SPEC §3 normalisation), or nil.
    public init?(named text: String) {
        let key = TextNormalization.field(text).filter { !$0.isWhitespace }
        guard let p = Province.lookup[key] else { return nil }
        self = p
    }

    /// The province of a resident ID's first two digits (GB/T 2260), for `rxbind id check`.
    public static func forCode(_ code: Int) -> Province? {
        switch code {
        case 11: return all[0]
        case 12: return all[1]
        case 13: return all[2]
        case 14: return all[3]
        case 15: return all[4]
        case 21: return all[5]
        case 22: return all[6]
        case 23: return all[7]
        case 31: return all[8]
        case 32: return all[9]
        case 33: return all[10]
        case 34: return all[11]
        case 35: return all[12]
        case 36: return all[13]
        case 37: return all[14]
        case 41: return all[15]
        case 42: return all[16]
        case 43: return all[17]
        case 44: return all[18]
        case 45: return all[19]
        case 46: return all[20]
        case 50: return all[21]
        case 51: return all[22]
        case 52: return all[23]
        case 53: return all[24]
        case 54: return all[25]
        case 61: return all[26]
        case 62: return all[27]
        case 63: return all[28]
        case 64: return all[29]
        case 65: return all[30]
        // 71 is Taiwan; 83 the residence permits of Taiwan residents (台湾居民居住证), 81 and 82 those of
        // Hong Kong and Macao residents.
        case 71, 83: return all[31]
        case 81: return all[32]
        case 82: return all[33]
        default: return nil
        }
    }
}
