/// What a column of a failure export holds.
enum FailureColumn: Equatable {
    case serial, name, id, idType, phone, secondPhone, province, time, message, level, remark
}

/// One way a failure export looks: encoding, line ends, delimiter, headers (SPEC §2.1's aliases, in varying
/// spelling and order) and the columns rxbind must ignore.
struct FailureDialect {
    let fileName: String
    let encoding: TextEncoding
    let lineEnd: String
    let delimiter: Character
    /// Header text and meaning, in file order.
    let columns: [(header: String, kind: FailureColumn)]

    /// The dialect of failure file `i` (0-based): they cycle, the first always GB18030 like the exports staff get
    /// from Windows Excel.
    static func forFile(_ i: Int) -> FailureDialect {
        let letter = String(Character(Unicode.Scalar(UInt8(97 + i))))
        switch i % 5 {
        case 0:
            return FailureDialect(fileName: "failures-\(letter).csv", encoding: .gb18030, lineEnd: "\r\n", delimiter: ",",
                                  columns: [("序号", .serial), ("姓名", .name), ("证件类型", .idType), ("证件号码", .id),
                                            ("手机号", .phone), ("所在省份", .province), ("绑定时间", .time),
                                            ("失败原因", .message), ("实名认证级别", .level)])
        case 1:
            // Two phone columns again: 联系电话 comes before `phone` in SPEC §2.1's alias list, so it wins.
            return FailureDialect(fileName: "failures-\(letter).csv", encoding: .utf8(bom: true), lineEnd: "\n", delimiter: ",",
                                  columns: [("name", .name), ("ID_Number", .id), ("id_type", .idType), ("phone", .secondPhone),
                                            ("Province", .province), ("attempted_at", .time), ("message", .message),
                                            ("account_level", .level), ("联系电话", .phone), ("remark", .remark)])
        case 2:
            // Two phone columns: the alias listed first (手机号码) wins; 联系电话 is ignored (SPEC §2).
            return FailureDialect(fileName: "failures-\(letter).csv", encoding: .gb18030, lineEnd: "\r\n", delimiter: ",",
                                  columns: [(" 名字 ", .name), ("联系电话", .secondPhone), ("省份", .province), ("操作时间", .time),
                                            ("身份证号码", .id), ("手机号码", .phone), ("提示信息", .message), ("认证级别", .level),
                                            ("证件类型", .idType)])
        case 3:
            return FailureDialect(fileName: "failures-\(letter).csv", encoding: .utf8(bom: false), lineEnd: "\n", delimiter: ",",
                                  columns: [("证件号", .id), ("姓名", .name), ("失败时间", .time), ("错误信息", .message),
                                            ("注册省份", .province), ("账号级别", .level), ("手机号", .phone), ("证件类型", .idType),
                                            ("备注信息", .remark)])
        default:
            return FailureDialect(fileName: "failures-\(letter).txt", encoding: .utf16LE, lineEnd: "\r\n", delimiter: "\t",
                                  columns: [("姓名", .name), ("身份证号", .id), ("证件类型", .idType), ("手机号码", .phone),
                                            ("省份", .province), ("绑定时间", .time), ("失败原因", .message), ("账号级别", .level)])
        }
    }

    var delimiterByte: UInt8 { delimiter.asciiValue! }

    func index(of kind: FailureColumn) -> Int? { columns.firstIndex { $0.kind == kind } }

    /// How many trailing columns a valid row may lose without losing anything a rule reads (name, ID, time, and
    /// the level when the row says level 2), at most two.
    func droppableTail(levelMatters: Bool) -> Int {
        var n = 0
        for (_, kind) in columns.reversed() {
            guard n < 2 else { break }
            switch kind {
            case .name, .id, .time: return n
            case .level where levelMatters: return n
            default: n += 1
            }
        }
        return n
    }
}

/// One way the certificate roster looks.
struct RosterDialect {
    let encoding: TextEncoding
    let lineEnd: String
    let headers: [(String, RosterColumn)]

    enum RosterColumn { case number, name, id, category, year, issuedOn, status, annotation, remark }

    static func forNight(_ night: Int) -> RosterDialect {
        if night % 2 == 1 {
            return RosterDialect(encoding: .utf8(bom: true), lineEnd: "\r\n", headers: [
                ("管理号", .number), ("姓名", .name), ("身份证号码", .id), ("资格类别", .category), ("取得年度", .year),
                ("批准日期", .issuedOn), ("证书状态", .status), ("加注有效期至", .annotation)])
        }
        return RosterDialect(encoding: .utf8(bom: false), lineEnd: "\n", headers: [
            ("资格证书编号", .number), ("身份证号", .id), ("姓名", .name), ("类别", .category), ("考试年度", .year),
            ("签发日期", .issuedOn), ("状态", .status), ("加注有效期至", .annotation), ("备注", .remark)])
    }
}

/// One way the registry snapshot looks: always Excel's "Unicode text" (UTF-16 LE, tabs).
struct RegistryDialect {
    let lineEnd: String
    let headers: [(String, RegistryColumn)]

    enum RegistryColumn { case name, id, registrationNumber, employer, status, province }

    static func forNight(_ night: Int) -> RegistryDialect {
        if night % 2 == 1 {
            return RegistryDialect(lineEnd: "\r\n", headers: [
                ("姓名", .name), ("身份证号", .id), ("注册证编号", .registrationNumber), ("执业单位", .employer),
                ("注册状态", .status), ("注册省份", .province)])
        }
        return RegistryDialect(lineEnd: "\n", headers: [
            ("证件号码", .id), ("姓名", .name), ("注册编号", .registrationNumber), ("执业单位", .employer),
            ("省份", .province), ("注册状态", .status)])
    }
}
