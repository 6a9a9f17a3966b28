/// Rule 8 — `IDENTITY_MISMATCH` / `CERTIFICATE_NAME_DIFFERS`.
///
/// Fires when the roster has valid certificates under the number and none has a matching name — for instance a name
/// the examination authority corrected, or a rare character one system could not represent.
public enum CertificateNameDiffersRule: ClassificationRule {
    public static let number = 8

    public static func apply(to e: Evidence) -> Verdict? {
        let valid = e.validCertificates
        guard !valid.isEmpty else { return nil }
        return Verdict(rule: number, .identityMismatch, .certificateNameDiffers, against: .certificates, names: valid.map(\.nameKey))
    }
}
