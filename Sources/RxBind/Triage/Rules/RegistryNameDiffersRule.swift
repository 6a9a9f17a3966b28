/// Rule 2 — `IDENTITY_MISMATCH` / `REGISTRY_NAME_DIFFERS`.
///
/// Fires when the registry holds the 18-digit number (R18 not empty) and no record's name matches the case's
/// (rule 1 did not fire): a changed name, a rare character the portal cannot represent, a corrected name. It must be
/// verified by hand.
public enum RegistryNameDiffersRule: ClassificationRule {
    public static let number = 2

    public static func apply(to e: Evidence) -> Verdict? {
        guard !e.r18.isEmpty else { return nil }
        return Verdict(rule: number, .identityMismatch, .registryNameDiffers, against: .registry18, names: e.r18.map(\.nameKey))
    }
}
