import Yams

/// A data column of the addition-request form. The fields and their order are fixed by SPEC §6; a template may
/// relabel the headings and change the widths.
public enum FormField: String, CaseIterable, Sendable {
    case seq, name, sex, id_number, certificate_no, category, year, issued_on, reason, remark

    /// The default heading (what `form check` looks for in a file without `rxbind-columns`).
    public var defaultHeading: String {
        switch self {
        case .seq: return "序号"
        case .name: return "姓名"
        case .sex: return "性别"
        case .id_number: return "身份证号码"
        case .certificate_no: return "资格证书编号"
        case .category: return "资格类别"
        case .year: return "取得年度"
        case .issued_on: return "签发日期"
        case .reason: return "申请原因"
        case .remark: return "备注"
        }
    }
}

/// One column of the form as the template lays it out.
public struct FormColumn: Sendable, Hashable {
    public let field: FormField
    public let heading: String
    public let width: Double
}

/// A footer line: a label and the value the province configured, or empty for staff to fill in by hand.
public struct FooterLine: Sendable, Hashable {
    public let label: String
    public let value: String
}

/// The addition-request form's layout (`templates/form.yaml`).
public struct FormLayout: Sendable {
    /// The title row.
    public let title: String
    /// 申请单位, with `{province}` standing for the workspace's province.
    public let applicant: String
    /// The labels of the header block: 申请单位, 填报日期, 批次号.
    public let applicantLabel: String, dateLabel: String, batchLabel: String
    /// The data columns, in the fixed order of ``FormField``.
    public let columns: [FormColumn]
    /// 申请原因 on every row.
    public let reasonText: String
    /// 备注 on every row.
    public let remarkText: String
    /// 备注 for a certificate whose e-certificate annotation has ended.
    public let remarkAnnotationExpired: String
    /// The footer lines (省局审核意见, 经办人, 联系电话, 日期, and any a province adds).
    public let footer: [FooterLine]

    init(yaml: String, file: String) throws {
        let r = TemplateReader(file: file)
        let root = try r.root(yaml)
        try r.rejectUnknown(root, allowed: ["title", "applicant", "header", "columns", "reason_text", "remark_text",
                                            "remark_annotation_expired", "footer"], path: "")
        title = try r.string(root, "title", path: "title")
        applicant = try r.string(root, "applicant", path: "applicant")
        let header = try r.mapping(root, "header", path: "header")
        try r.rejectUnknown(header, allowed: ["applicant_label", "date_label", "batch_label"], path: "header")
        applicantLabel = try r.string(header, "applicant_label", path: "header.applicant_label")
        dateLabel = try r.string(header, "date_label", path: "header.date_label")
        batchLabel = try r.string(header, "batch_label", path: "header.batch_label")
        reasonText = try r.string(root, "reason_text", path: "reason_text")
        remarkText = try r.string(root, "remark_text", path: "remark_text", optional: true)
        remarkAnnotationExpired = try r.string(root, "remark_annotation_expired", path: "remark_annotation_expired",
                                               optional: true)

        guard let columnNodes = root["columns"]?.sequence else {
            throw RxBindError.template(file: file, field: "columns", line: root["columns"]?.mark?.line ?? root.mark?.line,
                                      fault: .columnsMustBeList(count: FormField.allCases.count))
        }
        var columns: [FormColumn] = []
        for (i, node) in columnNodes.enumerated() {
            let path = "columns[\(i + 1)]"
            guard let m = node.mapping else {
                throw RxBindError.template(file: file, field: path, line: node.mark?.line, fault: .columnMustBeMapping)
            }
            try r.rejectUnknown(m, allowed: ["field", "heading", "width"], path: path)
            let fieldName = try r.string(m, "field", path: path + ".field")
            guard let field = FormField(rawValue: fieldName) else {
                throw RxBindError.template(file: file, field: path + ".field", line: m["field"]?.mark?.line,
                                          fault: .unknownColumnField(value: fieldName, known: FormField.allCases.map(\.rawValue)))
            }
            guard i < FormField.allCases.count, FormField.allCases[i] == field else {
                let expected = i < FormField.allCases.count ? FormField.allCases[i].rawValue : nil
                throw RxBindError.template(file: file, field: path + ".field", line: m["field"]?.mark?.line,
                                          fault: .columnOutOfOrder(value: fieldName, expected: expected,
                                                                   count: FormField.allCases.count))
            }
            columns.append(FormColumn(field: field, heading: try r.string(m, "heading", path: path + ".heading"),
                                      width: try r.number(m, "width", path: path + ".width", range: 1...255)))
        }
        guard columns.count == FormField.allCases.count else {
            throw RxBindError.template(file: file, field: "columns", line: root["columns"]?.mark?.line,
                                      fault: .columnCount(found: columns.count, expected: FormField.allCases.map(\.rawValue)))
        }
        self.columns = columns

        guard let footerNodes = root["footer"]?.sequence else {
            throw RxBindError.template(file: file, field: "footer", line: root.mark?.line, fault: .footerMustBeList)
        }
        var footer: [FooterLine] = []
        for (i, node) in footerNodes.enumerated() {
            let path = "footer[\(i + 1)]"
            guard let m = node.mapping else {
                throw RxBindError.template(file: file, field: path, line: node.mark?.line, fault: .footerLineMustBeMapping)
            }
            try r.rejectUnknown(m, allowed: ["label", "value"], path: path)
            footer.append(FooterLine(label: try r.string(m, "label", path: path + ".label"),
                                     value: try r.string(m, "value", path: path + ".value", optional: true)))
        }
        self.footer = footer
    }

    /// 申请单位 for a province.
    public func applicant(for province: Province) -> String {
        applicant.replacingOccurrences(of: "{province}", with: province.name)
    }
}
