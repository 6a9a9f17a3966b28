/// Rule 5 — `NO_QUALIFICATION` / `NOT_IN_ROSTER`.
///
/// Fires when the registry knows neither form of the number and the certificate roster has no record under either
/// form (C empty): the person holds no licensed-pharmacist qualification as far as the roster shows.
public enum NotInRosterRule: ClassificationRule {
    public static let number = 5

    public static func apply(to e: Evidence) -> Verdict? {
        guard e.certificates.isEmpty else { return nil }
        return Verdict(rule: number, .noQualification, .notInRoster, against: .none)
    }
}
