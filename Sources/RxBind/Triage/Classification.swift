/// The class of a case (SPEC §4).
public enum CaseClass: String, Sendable, Codable, CaseIterable, Comparable {
    /// The registry matches the portal identity: the problem is the portal account.
    case portalAccount = "PORTAL_ACCOUNT"
    /// The ID is held under another name: verify by hand.
    case identityMismatch = "IDENTITY_MISMATCH"
    /// The registry holds the person under the old 15-digit number: upgrade it.
    case legacyID15 = "LEGACY_ID_15"
    /// No valid qualification certificate.
    case noQualification = "NO_QUALIFICATION"
    /// A valid certificate and no registry record: an addition request to the national centre.
    case missingRegistryRecord = "MISSING_REGISTRY_RECORD"

    /// The class code.
    public var code: String { rawValue }

    /// What staff do next, as `cases.csv` names it (before the resend rule refines an addition request).
    public var action: CaseAction {
        switch self {
        case .portalAccount: return .fixPortalAccount
        case .identityMismatch: return .verifyIdentity
        case .legacyID15: return .upgradeID
        case .noQualification: return .checkQualification
        case .missingRegistryRecord: return .requestAddition
        }
    }

    public static func < (a: CaseClass, b: CaseClass) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Why a rule decided as it did (SPEC §4).
public enum Reason: String, Sendable, Codable, CaseIterable {
    case registryMatches = "REGISTRY_MATCHES"
    case registryNameDiffers = "REGISTRY_NAME_DIFFERS"
    case registryHolds15DigitID = "REGISTRY_HOLDS_15_DIGIT_ID"
    case legacyRegistryNameDiffers = "LEGACY_REGISTRY_NAME_DIFFERS"
    case notInRoster = "NOT_IN_ROSTER"
    case certificateRevoked = "CERTIFICATE_REVOKED"
    case certificateValidNotRegistered = "CERTIFICATE_VALID_NOT_REGISTERED"
    case certificateNameDiffers = "CERTIFICATE_NAME_DIFFERS"

    /// The reason code.
    public var code: String { rawValue }
}

/// Flags that do not change the class (SPEC §4). Their raw values sort alphabetically, as `cases.csv` lists them.
public enum Flag: String, Sendable, Codable, CaseIterable, Comparable {
    case accountLevel2 = "ACCOUNT_LEVEL_2"
    case annotationExpired = "ANNOTATION_EXPIRED"
    case idFrom15Digits = "ID_FROM_15_DIGITS"
    case rareCharacter = "RARE_CHARACTER"

    /// The flag code.
    public var code: String { rawValue }

    public static func < (a: Flag, b: Flag) -> Bool { a.rawValue < b.rawValue }
}

/// What staff do with a case (`cases.csv`'s `action`).
public enum CaseAction: String, Sendable, Codable, CaseIterable {
    /// On tonight's addition-request form.
    case requestAddition = "REQUEST_ADDITION"
    /// Requested on an earlier night, within `--resend-after` days.
    case alreadyRequested = "ALREADY_REQUESTED"
    case upgradeID = "UPGRADE_ID"
    case verifyIdentity = "VERIFY_IDENTITY"
    case checkQualification = "CHECK_QUALIFICATION"
    case fixPortalAccount = "FIX_PORTAL_ACCOUNT"
}

/// Everything the rules may look at for one case.
public struct Evidence: Sendable {
    /// The case's name (from its latest attempt), as compared.
    public let name: NameKey
    /// R18: registry records holding the 18-digit number.
    public let r18: [RegistryRecord]
    /// R15: registry records holding its 15-digit form.
    public let r15: [RegistryRecord]
    /// C: certificates held under either form, in roster order.
    public let certificates: [Certificate]
    /// The run's as-of date.
    public let asOf: CalendarDate

    /// The valid (not revoked) certificates of C.
    public let validCertificates: [Certificate]
    /// The valid certificates whose name matches the case's.
    public let matchingCertificates: [Certificate]

    public init(name: NameKey, registry: [RegistryRecord], certificates: [Certificate], asOf: CalendarDate) {
        self.name = name
        self.r18 = registry.filter { !$0.heldAs15 }
        self.r15 = registry.filter { $0.heldAs15 }
        self.certificates = certificates
        self.asOf = asOf
        validCertificates = certificates.filter { !$0.isRevoked }
        matchingCertificates = validCertificates.filter { name.matches($0.nameKey) }
    }
}

/// The records a rule compared the case with — which tells what the outputs show beside the verdict: the
/// registry's number and registration for a registry rule (in the ID form the registry holds), the names staff
/// compare for a mismatch.
public enum ComparedRecords: UInt8, Sendable {
    /// None (no certificate at all, or only revoked ones).
    case none
    /// The registry records holding the 18-digit number (R18).
    case registry18
    /// The registry records holding its 15-digit form (R15).
    case registry15
    /// The valid certificates (C).
    case certificates

    /// Of the evidence, the registry records compared (none for a certificate rule).
    func registryRecords(in e: Evidence) -> [RegistryRecord] {
        switch self {
        case .registry18: return e.r18
        case .registry15: return e.r15
        case .none, .certificates: return []
        }
    }

    /// The display names of the records compared.
    func names(in e: Evidence) -> [String] {
        self == .certificates ? e.validCertificates.map(\.name) : registryRecords(in: e).map(\.name)
    }
}

/// A rule's decision.
public struct Verdict: Sendable {
    /// The rule's number in SPEC §4's table (for tests and messages; consumers read ``compared``, never the number).
    public let rule: Int
    public let caseClass: CaseClass
    public let reason: Reason
    /// Which records the rule compared the case with, decided by the rule itself.
    public let compared: ComparedRecords
    /// The records' names the rule compared with the case's (for `RARE_CHARACTER`).
    public let comparedNames: [NameKey]
    /// Flags the rule itself raises (`ANNOTATION_EXPIRED`).
    public let flags: Set<Flag>

    init(rule: Int, _ caseClass: CaseClass, _ reason: Reason, against compared: ComparedRecords,
         names: [NameKey] = [], flags: Set<Flag> = []) {
        self.rule = rule
        self.caseClass = caseClass
        self.reason = reason
        self.compared = compared
        self.comparedNames = names
        self.flags = flags
    }
}

/// One row of SPEC §4's table: it fires or passes the case on to the next rule.
public protocol ClassificationRule: Sendable {
    /// The rule's number in the table.
    static var number: Int { get }
    /// The verdict when the rule applies, nil when the next rule decides.
    static func apply(to evidence: Evidence) -> Verdict?
}
