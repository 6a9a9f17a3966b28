import Foundation

/// The language rxbind speaks to people (SPEC §12): Simplified Chinese by default, English when asked for.
///
/// Only what people read on the terminal follows it — summaries, progress, warnings, errors, help, reports. What
/// machines read (the CSV files, `manifest.json`, exit statuses, `id check`'s fields, `form check --format csv`) and
/// the workbooks (always Chinese: they are outputs, and outputs never depend on the environment) do not.
public enum Language: String, Sendable, CaseIterable {
    case chinese = "zh"
    case english = "en"

    /// The language of this process, decided once from its environment.
    public static let current = Language(environment: ProcessInfo.processInfo.environment)

    /// `RXBIND_LANG=en` or `zh` decides; otherwise the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and
    /// not empty: an English locale (`en`, `en_US.UTF-8`, …) gives English, anything else — `C`, `POSIX`,
    /// `C.UTF-8`, `zh_CN.UTF-8`, or nothing at all, as under cron and systemd — gives Chinese, because the staff who
    /// read a scheduled job's log read Chinese.
    public init(environment: [String: String]) {
        if let chosen = environment["RXBIND_LANG"].flatMap(Language.named) {
            self = chosen
            return
        }
        for variable in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[variable], !value.isEmpty {
                self = Language.isEnglishLocale(value) ? .english : .chinese
                return
            }
        }
        self = .chinese
    }

    /// `en`/`english` or `zh`/`chinese` (any case, a region or encoding suffix allowed); nil for anything else.
    static func named(_ value: String) -> Language? {
        let v = value.lowercased()
        if v == "en" || v == "english" || isEnglishLocale(v) { return .english }
        if v == "zh" || v == "chinese" || v.hasPrefix("zh_") || v.hasPrefix("zh-") || v.hasPrefix("zh.") { return .chinese }
        return nil
    }

    /// `en`, or `en` followed by `_`, `.` or `@` (`en_US.UTF-8`, `en.UTF-8`, `en@euro`).
    static func isEnglishLocale(_ value: String) -> Bool {
        let v = value.lowercased()
        guard v.hasPrefix("en") else { return false }
        let rest = v.dropFirst(2)
        return rest.isEmpty || rest.first == "_" || rest.first == "." || rest.first == "@" || rest.first == "-"
    }
}
