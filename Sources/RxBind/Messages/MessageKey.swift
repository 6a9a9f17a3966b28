/// Every message rxbind prints for people, by area. Add a key here and its text in both catalogs
/// (`Catalog+Chinese.swift`, `Catalog+English.swift`), under the same area.
public enum MessageKey: String, Sendable, CaseIterable {
    // MARK: general
    case errorPrefix
    case fileLine

    // MARK: run

    // MARK: workspace, revert

    // MARK: cases

    // MARK: audit

    // MARK: form check

    // MARK: id check

    // MARK: input errors

    // MARK: help
}
