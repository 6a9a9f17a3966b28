/// Rule 7 — `MISSING_REGISTRY_RECORD` / `CERTIFICATE_VALID_NOT_REGISTERED`.
///
/// Fires when a valid certificate's name matches the case's and the registry has no record under either form: the
/// province puts the person on an addition-request form (添加申请表) for the national centre. Raises
/// `ANNOTATION_EXPIRED` when a matching certificate's e-certificate annotation ended before the as-of date.
public enum CertificateValidNotRegisteredRule: ClassificationRule {
    public static let number = 7

    public static func apply(to e: Evidence) -> Verdict? {
        let matching = e.matchingCertificates
        guard !matching.isEmpty else { return nil }
        let expired = matching.contains { c in c.annotationExpires.map { $0 < e.asOf } ?? false }
        return Verdict(rule: number, .missingRegistryRecord, .certificateValidNotRegistered,
                       against: .certificates, names: e.validCertificates.map(\.nameKey),
                       flags: expired ? [.annotationExpired] : [])
    }
}
