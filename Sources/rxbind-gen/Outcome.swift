/// SPEC §4's reasons, each with its class: what the generator intends a case to be.
enum Reason: String, CaseIterable {
    case registryMatches = "REGISTRY_MATCHES"
    case registryNameDiffers = "REGISTRY_NAME_DIFFERS"
    case registryHolds15DigitID = "REGISTRY_HOLDS_15_DIGIT_ID"
    case legacyRegistryNameDiffers = "LEGACY_REGISTRY_NAME_DIFFERS"
    case notInRoster = "NOT_IN_ROSTER"
    case certificateRevoked = "CERTIFICATE_REVOKED"
    case certificateValidNotRegistered = "CERTIFICATE_VALID_NOT_REGISTERED"
    case certificateNameDiffers = "CERTIFICATE_NAME_DIFFERS"

    /// The class the reason belongs to (SPEC §4's table).
    var caseClass: String {
        switch self {
        case .registryMatches: return "PORTAL_ACCOUNT"
        case .registryNameDiffers, .legacyRegistryNameDiffers, .certificateNameDiffers: return "IDENTITY_MISMATCH"
        case .registryHolds15DigitID: return "LEGACY_ID_15"
        case .notInRoster, .certificateRevoked: return "NO_QUALIFICATION"
        case .certificateValidNotRegistered: return "MISSING_REGISTRY_RECORD"
        }
    }

    /// What the staff do next when the case is not a repeat request (SPEC §6 item 3).
    var action: Action {
        switch self {
        case .registryMatches: return .fixPortalAccount
        case .registryNameDiffers, .legacyRegistryNameDiffers, .certificateNameDiffers: return .verifyIdentity
        case .registryHolds15DigitID: return .upgradeID
        case .notInRoster, .certificateRevoked: return .checkQualification
        case .certificateValidNotRegistered: return .requestAddition
        }
    }
}

/// SPEC §6 item 3's `action` column.
enum Action: String, CaseIterable {
    case requestAddition = "REQUEST_ADDITION"
    case alreadyRequested = "ALREADY_REQUESTED"
    case upgradeID = "UPGRADE_ID"
    case verifyIdentity = "VERIFY_IDENTITY"
    case checkQualification = "CHECK_QUALIFICATION"
    case fixPortalAccount = "FIX_PORTAL_ACCOUNT"
}

/// SPEC §4's flags, as a set; `names` lists them alphabetically, as expected/cases.csv writes them.
struct Flags: OptionSet, Hashable {
    let rawValue: UInt8
    static let accountLevel2 = Flags(rawValue: 1)
    static let annotationExpired = Flags(rawValue: 2)
    static let idFrom15Digits = Flags(rawValue: 4)
    static let rareCharacter = Flags(rawValue: 8)

    /// In alphabetical order of their names.
    static let ordered: [(Flags, String)] = [
        (.accountLevel2, "ACCOUNT_LEVEL_2"), (.annotationExpired, "ANNOTATION_EXPIRED"),
        (.idFrom15Digits, "ID_FROM_15_DIGITS"), (.rareCharacter, "RARE_CHARACTER"),
    ]

    /// `|`-separated, alphabetical, empty when none.
    var text: String { Flags.ordered.filter { contains($0.0) }.map(\.1).joined(separator: "|") }
}

/// SPEC §4 rule 0's reasons, in their order of precedence.
enum InvalidReason: String, CaseIterable {
    case idTypeUnsupported = "ID_TYPE_UNSUPPORTED"
    case missingName = "MISSING_NAME"
    case missingID = "MISSING_ID"
    case idMangledBySpreadsheet = "ID_MANGLED_BY_SPREADSHEET"
    case idMalformed = "ID_MALFORMED"
    case idChecksum = "ID_CHECKSUM"
    case idBirthDate = "ID_BIRTH_DATE"
    case idRegion = "ID_REGION"
}
