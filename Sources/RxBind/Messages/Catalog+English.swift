extension Catalog {
    /// English: with `RXBIND_LANG=en` or an English locale (SPEC §12).
    static func english(_ key: MessageKey) -> String {
        switch key {
        // MARK: general
        case .errorPrefix: return "rxbind: error: "
        case .fileLine: return "{file} line {line}"

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
