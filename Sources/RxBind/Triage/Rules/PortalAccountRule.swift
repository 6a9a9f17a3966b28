/// Rule 1 — `PORTAL_ACCOUNT` / `REGISTRY_MATCHES`.
///
/// Fires when some registry record holding the 18-digit number (R18) has a name matching the case's. The registry
/// already knows the person exactly as the portal does, so the failure lies with the portal account: a level-2
/// account not upgraded to level 3, an older account already holding the ID, or a long-term ID the real-name check
/// rejects.
public enum PortalAccountRule: ClassificationRule {
    public static let number = 1

    public static func apply(to e: Evidence) -> Verdict? {
        guard e.r18.contains(where: { e.name.matches($0.nameKey) }) else { return nil }
        return Verdict(rule: number, .portalAccount, .registryMatches, against: .registry18, names: e.r18.map(\.nameKey))
    }
}
