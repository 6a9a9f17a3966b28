/// Applies SPEC §4's rules in order — the first that applies decides — and adds the flags.
public enum Classifier {
    /// The rules in the order of the table.
    public static let rules: [any ClassificationRule.Type] = [
        PortalAccountRule.self, RegistryNameDiffersRule.self, LegacyID15Rule.self, LegacyNameDiffersRule.self,
        NotInRosterRule.self, CertificateRevokedRule.self, CertificateValidNotRegisteredRule.self,
        CertificateNameDiffersRule.self,
    ]

    /// The rule-set version recorded in every manifest: changes whenever a rule's outcome could change.
    public static let ruleSetVersion = "2026.12-1"

    /// The verdict and flags for a case.
    ///
    /// - Parameters:
    ///   - accountLevel2: some failure row of the case says the portal account is level 2.
    ///   - from15Digits: some failure row carried a 15-digit number.
    public static func classify(_ e: Evidence, accountLevel2: Bool, from15Digits: Bool) -> (Verdict, Set<Flag>) {
        for rule in rules {
            guard let verdict = rule.apply(to: e) else { continue }
            var flags = verdict.flags
            if accountLevel2 { flags.insert(.accountLevel2) }
            if from15Digits { flags.insert(.idFrom15Digits) }
            if RareCharacterFlag.applies(to: verdict, caseName: e.name) { flags.insert(.rareCharacter) }
            return (verdict, flags)
        }
        // Rules 5–8 cover every C: empty, all revoked, some valid (matching or not).
        preconditionFailure("SPEC §4's rules left a case undecided")
    }
}

/// `RARE_CHARACTER`: the class is `IDENTITY_MISMATCH` and a name compared under the deciding rule — the case's own or
/// a record's — has an unrepresentable character (SPEC §3), so the mismatch may be nothing but an encoding problem.
public enum RareCharacterFlag {
    /// Whether the flag applies to a verdict.
    public static func applies(to verdict: Verdict, caseName: NameKey) -> Bool {
        verdict.caseClass == .identityMismatch
            && (caseName.isUnrepresentable || verdict.comparedNames.contains(where: \.isUnrepresentable))
    }
}
