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

        // MARK: id check

        // MARK: input errors

        // MARK: help
        }
    }
}
