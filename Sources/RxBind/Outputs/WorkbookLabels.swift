// The Chinese the triage workbook shows in place of codes (SPEC §12).
//
// The workbook is an output: it is Chinese whatever the terminal's language or locale, so these tables are not the
// message catalog (Sources/RxBind/Messages), which follows RXBIND_LANG and the locale. Codes stay where machines read
// them: cases.csv, invalid-rows.csv and manifest.json. One exhaustive switch per enum, so that a new code without its
// Chinese does not compile.

import DelimitedText

extension CaseClass {
    /// The class's name in the workbook — its sheet's name (at most 31 characters) — and what it means, for the
    /// summary's class table.
    var workbookText: (label: String, meaning: String) {
        switch self {
        case .portalAccount: return ("门户账号问题", "注册系统记录与门户实名一致，问题在门户账号")
        case .identityMismatch: return ("身份信息不一致", "身份证号对应的姓名不一致，需人工核实")
        case .legacyID15: return ("注册系统为15位身份证号", "注册系统仍以15位旧号码登记，需升级为18位")
        case .noQualification: return ("无执业药师资格", "未查到有效的执业药师资格证书")
        case .missingRegistryRecord: return ("注册系统无记录", "证书有效但注册系统无记录，向国家中心申请添加")
        }
    }

    /// The class's name in the workbook, and its sheet's name.
    var workbookLabel: String { workbookText.label }
}

extension Reason {
    /// The reason as the class sheets and the carried-over sheet show it.
    var workbookLabel: String {
        switch self {
        case .registryMatches: return "注册系统记录与门户实名一致"
        case .registryNameDiffers: return "注册系统登记的姓名不同"
        case .registryHolds15DigitID: return "注册系统登记为15位身份证号"
        case .legacyRegistryNameDiffers: return "注册系统15位号码下的姓名不同"
        case .notInRoster: return "资格证书库中无此身份证号"
        case .certificateRevoked: return "资格证书均已撤销"
        case .certificateValidNotRegistered: return "证书有效，注册系统无记录"
        case .certificateNameDiffers: return "资格证书上的姓名不同"
        }
    }
}

extension Flag {
    /// The flag as the 标记 column and the guidance legend show it.
    var workbookLabel: String {
        switch self {
        case .accountLevel2: return "二级实名账号"
        case .annotationExpired: return "电子证书加注已过期"
        case .idFrom15Digits: return "门户使用15位身份证号"
        case .rareCharacter: return "姓名含生僻字"
        }
    }
}

extension FlagSet {
    /// The flags' labels in `cases.csv`'s order (alphabetical by code), separated by 、; empty when none.
    var workbookLabels: String { flags.map(\.workbookLabel).joined(separator: "、") }
}

extension CaseAction {
    /// What staff do next, as the 处理动作 column shows it.
    var workbookLabel: String {
        switch self {
        case .requestAddition: return "已列入今晚添加申请表"
        case .alreadyRequested: return "已申请，等待国家中心处理"
        case .upgradeID: return "升级为18位身份证号"
        case .verifyIdentity: return "人工核实身份"
        case .checkQualification: return "核查资格证书"
        case .fixPortalAccount: return "指导药师处理门户账号"
        }
    }
}

extension IDProblem {
    /// What is wrong with the number, and what staff do about it.
    var workbookText: (label: String, advice: String) {
        switch self {
        case .missing: return ("身份证号为空", "核对门户导出中该行的身份证号，补全后重新导出")
        case .mangledBySpreadsheet:
            return ("身份证号被电子表格软件转成数字，位数已丢失", "在电子表格软件中将该列设为文本后重新导出")
        case .malformed: return ("身份证号既不是18位也不是15位", "与药师核对身份证号后更正")
        case .checksum: return ("18位身份证号的校验码不符", "与药师逐位核对身份证号（多为某位录错或两位颠倒）")
        case .birthDate: return ("身份证号中的出生日期不存在", "与药师核对身份证号第7至14位（出生日期）")
        case .region: return ("身份证号前两位不是省级行政区划代码", "与药师核对身份证号的前两位")
        }
    }
}

extension InvalidInputRule.Reason {
    /// Why the row is unusable, and what staff do about it: the 无效行 sheet's 原因 and 处理办法.
    var workbookText: (label: String, advice: String) {
        switch self {
        case .idTypeUnsupported:
            return ("证件类型不是居民身份证", "只处理居民身份证；护照、港澳台证件等请人工办理")
        case .missingName: return ("姓名为空", "核对门户导出中该行的姓名，补全后重新导出")
        case .id(let problem): return problem.workbookText
        }
    }
}

extension InputWarning.Kind {
    /// The warning's kind, and what it means for the row (it may show the value: the workbook carries the data).
    var workbookText: (label: String, detail: String) {
        switch self {
        case .unusableID(let p): return ("身份证号无法使用", "\(p.workbookText.label)，该行已跳过")
        case .unknownCertificateStatus(let v): return ("证书状态无法识别", "证书状态“\(v)”无法识别，按有效处理")
        case .unreadableDate(let field, let v): return ("日期无法识别", "\(field)“\(v)”无法识别，已忽略")
        case .otherProvince(let v): return ("非本省", "省份为“\(v)”，不是本省")
        }
    }
}

extension InputRole {
    /// What the file is to the night, as the summary's input table shows it.
    var workbookLabel: String {
        switch self {
        case .failures: return "绑定失败导出"
        case .certificates: return "资格证书库（--certificates）"
        case .registry: return "注册系统快照（--registry）"
        }
    }
}

extension Delimiter {
    /// The delimiter as the summary's input table shows it.
    var workbookLabel: String {
        switch self {
        case .comma: return "逗号"
        case .tab: return "制表符"
        }
    }

    /// The delimiter a night's input summary names (``Delimiter/name``), or nil for another text.
    init?(name: String) {
        switch name {
        case Delimiter.comma.name: self = .comma
        case Delimiter.tab.name: self = .tab
        default: return nil
        }
    }
}
