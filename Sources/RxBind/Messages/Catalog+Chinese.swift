extension Catalog {
    /// 简体中文：默认语言（SPEC §12）。
    static func chinese(_ key: MessageKey) -> String {
        switch key {
        // MARK: general
        case .errorPrefix: return "rxbind：错误："
        case .fileLine: return "{file} 第 {line} 行"

        // MARK: run

        // MARK: workspace, revert

        // MARK: cases

        // MARK: audit

        // MARK: form check
        case .formCheckHeading: return "{file}：{facts} — {verdict}"
        case .formCheckFactSeparator: return "，"
        case .formCheckBatch: return "批次 {batch}"
        case .formCheckPart: return "第 {number} 部分（共 {count} 部分）"
        case .formCheckPartAsWritten: return "部分 {part}"
        case .formCheckRowCount: return "{count} 行"
        case .formCheckFingerprintMatches: return "指纹一致"
        case .formCheckFingerprintReordered: return "按原行序指纹一致（行序被调整，数据完整）"
        case .formCheckFingerprintMismatch: return "指纹不一致"
        case .formCheckFingerprintMissing: return "缺少指纹"
        case .formCheckPassed: return "通过"
        case .formCheckFailed: return "不通过"
        case .formCheckError: return "  错误：{message}"
        case .formCheckWarning: return "  警告：{message}"
        case .formCheckNote: return "  提示：{message}"
        case .formCheckMoreErrors: return "  ……另有 {count} 处错误"
        case .formCheckUnreadable: return "不是可读取的工作簿：{detail}"
        case .formCheckNoHeaderRow: return "找不到表头行（序号、姓名、身份证号码、资格证书编号……）：这不是添加申请表"
        case .formCheckFingerprintMissingDetail: return "缺少 rxbind-fingerprint 属性：无法证明这些数据行就是 rxbind 写出的那些行"
        case .formCheckMismatchLocated: return "指纹不一致：rxbind 写出文件后，下列数据行被改动、增加或删除"
        case .formCheckMismatchNotLocated: return "指纹不一致：rxbind 写出文件后有数据行被改动、增加或删除，但表内的逐行校验数据无法指出是哪一行"
        case .formCheckMismatchNoDigests: return "指纹不一致：rxbind 写出文件后有数据行被改动、增加或删除（此表没有逐行校验数据——由较早版本的 rxbind 写出，或隐藏工作表“{sheet}”已被删除——无法指出是哪一行）"
        case .formCheckRowPlace: return "序号 {seq}（第 {row} 行）"
        case .formCheckRowChanged: return "{place}被改动：{cells}"
        case .formCheckRowChangedUnnamed: return "{place}被改动（无法确定是哪几列）"
        case .formCheckChangedCell: return "{heading}现为“{value}”"
        case .formCheckChangedCellEmpty: return "{heading}现为空"
        case .formCheckCellSeparator: return "；"
        case .formCheckRowRemoved: return "序号 {seq}（写出时在第 {row} 行）被删除"
        case .formCheckRowAdded: return "{place}是新增的行，不是 rxbind 写出的（身份证号码 {id}，姓名 {name}）"
        case .formCheckInvalidID: return "{cell}，{place}：身份证号码 {id} 无效（{reason}）"
        case .formCheckIDStoredAsNumber: return "{cell}，{place}：身份证号码被存成了数字，其中的数字已不可信；请把该列设为文本格式后重新填写"
        case .formCheckDuplicate: return "{place}：身份证号码 {id}、资格证书编号 {certificate} 出现了不止一次（{places}）"
        case .formCheckFilePlace: return "{file} 第 {row} 行"
        case .formCheckPlaceSeparator: return "、"
        case .formCheckRosterNoCertificate: return "{place}：身份证号码 {id}、证书编号 {certificate}：证书名册中此身份证号码下没有任何证书"
        case .formCheckRosterOtherNumbers: return "{place}：身份证号码 {id}、证书编号 {certificate}：证书名册中此身份证号码对应的是其他证书编号"
        case .formCheckRosterOtherName: return "{place}：身份证号码 {id}、证书编号 {certificate}：证书名册中此证书登记的是另一个姓名"
        case .formCheckRosterRevoked: return "{place}：身份证号码 {id}、证书编号 {certificate}：证书名册显示此证书已撤销"
        case .formCheckFooterEmpty: return "页脚栏“{label}”未填写"
        case .formCheckReordered: return "rxbind 写出文件后数据行的顺序被调整过（{count} 行不在原来的位置），但每一行都完好：数据没有改变"
        case .formCheckFactsFromDigestSheet: return "文件的自定义属性（rxbind-batch、rxbind-fingerprint 等）已不在——多半是另存时被程序删掉了；批次、部分和指纹取自表内隐藏的工作表“{sheet}”"
        case .formCheckBatchHeading: return "批次 {batch}："
        case .formCheckPartGivenTwice: return "{part}提供了不止一份（{files}）：只应导入其中一份"
        case .formCheckMissingParts: return "该批次分为多个部分，缺少{parts}（已提供 {files}）"
        case .formCheckSummaryPassed: return "共检查 {count} 个文件：全部通过"
        case .formCheckSummaryFailed: return "共检查 {count} 个文件：{failed} 个不通过"

        // MARK: id check

        // MARK: input errors

        // MARK: help
        }
    }
}
