/// Rule 4 — `IDENTITY_MISMATCH` / `LEGACY_REGISTRY_NAME_DIFFERS`.
///
/// Fires when the registry holds the 15-digit form (R15 not empty, R18 empty) under no matching name.
public enum LegacyNameDiffersRule: ClassificationRule {
    public static let number = 4

    public static func apply(to e: Evidence) -> Verdict? {
        guard !e.r15.isEmpty else { return nil }
        return Verdict(rule: number, .identityMismatch, .legacyRegistryNameDiffers, against: .registry15, names: e.r15.map(\.nameKey))
    }
}
