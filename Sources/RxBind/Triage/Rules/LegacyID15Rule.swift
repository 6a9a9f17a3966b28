/// Rule 3 — `LEGACY_ID_15` / `REGISTRY_HOLDS_15_DIGIT_ID`.
///
/// Fires when no registry record holds the 18-digit number and one holding its 15-digit form (R15) has a matching
/// name: the provincial administrator verifies and upgrades the record to 18 digits.
public enum LegacyID15Rule: ClassificationRule {
    public static let number = 3

    public static func apply(to e: Evidence) -> Verdict? {
        guard e.r15.contains(where: { e.name.matches($0.nameKey) }) else { return nil }
        return Verdict(rule: number, .legacyID15, .registryHolds15DigitID, against: .registry15, names: e.r15.map(\.nameKey))
    }
}
