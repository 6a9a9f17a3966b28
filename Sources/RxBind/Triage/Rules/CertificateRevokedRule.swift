/// Rule 6 — `NO_QUALIFICATION` / `CERTIFICATE_REVOKED`.
///
/// Fires when the roster holds certificates under the number and every one of them is revoked (证书状态 已撤销).
public enum CertificateRevokedRule: ClassificationRule {
    public static let number = 6

    public static func apply(to e: Evidence) -> Verdict? {
        guard !e.certificates.isEmpty, e.certificates.allSatisfy(\.isRevoked) else { return nil }
        return Verdict(rule: number, .noQualification, .certificateRevoked, against: .none)
    }
}
