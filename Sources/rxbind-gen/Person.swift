/// What does not change from night to night: the seed, the numbers, the province, the dates.
struct World {
    let seed: UInt64
    let space: NumberSpace
    let province: Province
    /// The as-of date of night 1; night n is n − 1 days later.
    let firstAsOf: Day
    let failureFiles: Int
    /// How many nights the command writes (numbers of invalid rows are spread over them).
    let nights: Int
    /// People who fail each night (`--people`): no night has more invalid rows than that.
    let people: Int

    func asOf(night: Int) -> Day { firstAsOf.adding(days: night - 1) }

    /// The index, in the stray lane, of the number invalid row `serial` of `night` is built from: distinct for
    /// every (serial, night). Nights 1 and 2 interleave (serial × 2 + night − 1, or serial alone for a single night)
    /// and later nights take the block after them, so that adding nights to a command leaves the first two nights'
    /// bytes as they were (the committed samples were first written with `--nights 2`).
    func strayIndex(serial: Int, night: Int) -> Int {
        precondition(serial < people, "a night has at most --people invalid rows")
        if night <= 2 { return serial * min(nights, 2) + night - 1 }
        return 2 * people + serial * (nights - 2) + night - 3
    }
}

/// The scenarios people are built by: each fixes the reason (and so the class) the generator intends, and the
/// flags that come from the reference data. Row-borne flags (ACCOUNT_LEVEL_2, ID_FROM_15_DIGITS) are added by the
/// rows each night.
enum Variant: CaseIterable {
    // Rule 1, PORTAL_ACCOUNT / REGISTRY_MATCHES.
    case portalPlain, portalLevel2, portalTwoRecords, portalAlso15Digit, portalNoCertificate, portalRevokedCertificate
    case portalEndedStatus, portalRareGB2005, portalRareSupplementary, portalMiddleDots, portalLatin, portalFrom15
    case portalValidEnding000
    // Rule 2, IDENTITY_MISMATCH / REGISTRY_NAME_DIFFERS.
    case registryChangedName, registryRareInCase, registryRareInRegistry, registryRareBoth, registryDiffersLegacyMatches
    case registryEarlierRowRare
    // Rule 3, LEGACY_ID_15.
    case legacyPlain, legacyFrom15, legacyNoCertificate, legacyEndedStatus
    // Rule 4, IDENTITY_MISMATCH / LEGACY_REGISTRY_NAME_DIFFERS.
    case legacyNameDiffers, legacyNameDiffersRare, legacyNameDiffersCertificateMatches
    // Rule 5, NO_QUALIFICATION / NOT_IN_ROSTER.
    case notInRoster, notInRosterUnusableReferences, notInRosterFormulaName
    // Rule 6, NO_QUALIFICATION / CERTIFICATE_REVOKED.
    case revokedOne, revokedTwo, revokedSpacedStatus
    // Rule 7, MISSING_REGISTRY_RECORD / CERTIFICATE_VALID_NOT_REGISTERED.
    case missingOne, missingTwo, missingWithOtherName, missingWithRevoked, missingExpired, missingExpiresToday
    case missingCertificate15, missingOtherStatus, missingFrom15, missingExpiredOther
    // Rule 8, IDENTITY_MISMATCH / CERTIFICATE_NAME_DIFFERS.
    case certificateNameDiffers, certificateRevokedMatches, certificateNameRare

    /// The reason a person of this scenario is built to get.
    var reason: Reason {
        switch self {
        case .portalPlain, .portalLevel2, .portalTwoRecords, .portalAlso15Digit, .portalNoCertificate,
             .portalRevokedCertificate, .portalEndedStatus, .portalRareGB2005, .portalRareSupplementary,
             .portalMiddleDots, .portalLatin, .portalFrom15, .portalValidEnding000:
            return .registryMatches
        case .registryChangedName, .registryRareInCase, .registryRareInRegistry, .registryRareBoth,
             .registryDiffersLegacyMatches, .registryEarlierRowRare:
            return .registryNameDiffers
        case .legacyPlain, .legacyFrom15, .legacyNoCertificate, .legacyEndedStatus: return .registryHolds15DigitID
        case .legacyNameDiffers, .legacyNameDiffersRare, .legacyNameDiffersCertificateMatches:
            return .legacyRegistryNameDiffers
        case .notInRoster, .notInRosterUnusableReferences, .notInRosterFormulaName: return .notInRoster
        case .revokedOne, .revokedTwo, .revokedSpacedStatus: return .certificateRevoked
        case .missingOne, .missingTwo, .missingWithOtherName, .missingWithRevoked, .missingExpired,
             .missingExpiresToday, .missingCertificate15, .missingOtherStatus, .missingFrom15, .missingExpiredOther:
            return .certificateValidNotRegistered
        case .certificateNameDiffers, .certificateRevokedMatches, .certificateNameRare: return .certificateNameDiffers
        }
    }

    /// Whether the person needs a 15-digit form (born in the 1900s).
    var needsFifteen: Bool {
        switch self {
        case .portalAlso15Digit, .portalFrom15, .registryDiffersLegacyMatches, .legacyPlain, .legacyFrom15,
             .legacyNoCertificate, .legacyEndedStatus, .legacyNameDiffers, .legacyNameDiffersRare,
             .legacyNameDiffersCertificateMatches, .revokedTwo, .missingCertificate15, .missingFrom15:
            return true
        default: return false
        }
    }

    /// How often the scenario is drawn once every scenario has had its turn (roughly the fixture's class mix:
    /// 40 % missing record, 28 % portal, then the rest).
    var weight: Int {
        switch self {
        case .portalPlain: return 120
        case .portalLevel2: return 40
        case .portalMiddleDots, .portalTwoRecords, .portalNoCertificate, .portalRevokedCertificate: return 12
        case .portalAlso15Digit, .portalEndedStatus, .portalLatin, .portalFrom15: return 8
        case .portalRareGB2005, .portalRareSupplementary: return 6
        case .portalValidEnding000: return 0
        case .registryChangedName: return 30
        case .registryRareInCase, .registryRareInRegistry: return 10
        case .registryRareBoth, .registryDiffersLegacyMatches, .registryEarlierRowRare: return 4
        case .legacyPlain: return 28
        case .legacyFrom15, .legacyNoCertificate, .legacyEndedStatus: return 6
        case .legacyNameDiffers: return 28
        case .legacyNameDiffersRare, .legacyNameDiffersCertificateMatches: return 6
        case .notInRoster: return 40
        case .notInRosterUnusableReferences, .notInRosterFormulaName: return 6
        case .revokedOne: return 30
        case .revokedTwo, .revokedSpacedStatus: return 8
        case .missingOne: return 190
        case .missingTwo, .missingWithOtherName, .missingWithRevoked: return 30
        case .missingExpired: return 30
        case .missingExpiresToday, .missingCertificate15, .missingOtherStatus, .missingFrom15, .missingExpiredOther:
            return 14
        case .certificateNameDiffers: return 30
        case .certificateRevokedMatches, .certificateNameRare: return 8
        }
    }
}

/// How a person's rows look, whatever the night.
struct RowTraits {
    /// Some row says the portal account is level 2.
    var level2 = false
    /// Some row carries the 15-digit form.
    var from15 = false
    /// Rows go to the first failure file (GB18030) when they hold a character whose bytes matter.
    var preferGB18030 = false
    /// Earlier attempts under a wrong name that itself is unrepresentable (the case's own name is the latest).
    var wrongNameUnrepresentable = false
    var phone = ""
}

/// One pharmacist who fails to bind, with everything the generator intends about them.
struct Person {
    let lane: Int
    let index: Int
    let number: ResidentNumber
    let variant: Variant
    /// The name the portal shows: the case's name.
    var portalName: String
    var certificates: [CertificateEntry]
    var registry: [RegistryEntry]
    var reason: Reason
    /// RARE_CHARACTER as built; ANNOTATION_EXPIRED is decided per night from ``CertificateEntry/annotationDay``.
    var rare: Bool
    var traits: RowTraits

    /// The flags the reference data gives on the night with as-of date `asOf`.
    func referenceFlags(asOf: Day) -> Flags {
        var flags: Flags = []
        if rare { flags.insert(.rareCharacter) }
        if reason == .certificateValidNotRegistered,
           certificates.contains(where: { $0.onForm && ($0.annotationDay.map { $0 < asOf } ?? false) }) {
            flags.insert(.annotationExpired)
        }
        return flags
    }
}

/// Every scenario once, in a fixed order: the first people of each night, so that a night of a few hundred people
/// has every class, reason and flag.
let scenarioTour: [Variant] = Variant.allCases

/// Builds people from (lane, index) alone, so that no pass has to remember them.
struct PersonFactory {
    let world: World

    /// The person `index` of `lane` (lane n = first failing on night n), as on the night they first fail.
    func make(lane: Int, index: Int) -> Person {
        var rng = SplitMix64(world.seed, 1, UInt64(lane), UInt64(index))
        let variant: Variant
        if index < scenarioTour.count {
            variant = scenarioTour[index]
        } else {
            let all = Variant.allCases
            variant = all[rng.weighted(all.map(\.weight))]
        }
        let number: ResidentNumber
        if variant == .portalValidEnding000 {
            number = world.space.endingIn000(lane)
        } else {
            number = world.space.person(lane: lane, index: index, allowYoung: !variant.needsFifteen, youngEvery: 10)
        }
        var builder = PersonBuilder(world: world, lane: lane, index: index, number: number, rng: rng)
        return builder.build(variant)
    }
}

/// The construction of one person, scenario by scenario.
struct PersonBuilder {
    let world: World
    let lane: Int
    let index: Int
    let number: ResidentNumber
    var rng: SplitMix64
    private var slot = 0

    init(world: World, lane: Int, index: Int, number: ResidentNumber, rng: SplitMix64) {
        self.world = world
        self.lane = lane
        self.index = index
        self.number = number
        self.rng = rng
    }

    private var asOf: Day { world.asOf(night: lane) }

    /// How a reference row writes the number.
    enum Form { case eighteen, fifteen }

    mutating func idText(_ form: Form) -> String {
        switch form {
        case .fifteen:
            return number.fifteen!
        case .eighteen:
            let text = number.text
            if text.utf8.last == UInt8(ascii: "X") && rng.percent(30) { return String(text.dropLast()) + "x" }
            if rng.percent(1) { return "'" + text }
            return text
        }
    }

    /// Makes the next reference row use `slot` (rows added on later nights use slot 3; scenarios use 0–2).
    mutating func useSlot(_ slot: Int) { self.slot = slot }

    mutating func certificate(_ name: String, form: Form = .eighteen, revoked: Bool = false, otherStatus: Bool = false,
                              annotation: Day? = nil, onForm: Bool) -> CertificateEntry {
        precondition(slot < 3, "a scenario uses at most three reference rows")
        defer { slot += 1 }
        let born = number.birth.components.year
        let year = min(2025, max(born + 23, rng.int(1995...2025)))
        let status: String
        if revoked {
            status = "已撤销"
        } else if otherStatus {
            status = rng.pick(ReferenceFields.otherValidStatuses)
        } else {
            status = rng.percent(97) ? "有效" : rng.pick(ReferenceFields.otherValidStatuses)
        }
        var annotationDay = annotation
        if annotationDay == nil && !onForm && !revoked && rng.percent(8) {
            // A non-form certificate may carry any annotation date, also an expired one: no flag may follow.
            annotationDay = asOf.adding(days: rng.int(-400...900))
        } else if annotationDay == nil && onForm && rng.percent(8) {
            annotationDay = asOf.adding(days: rng.int(60...900))
        }
        let issued = Day(year: year, month: rng.int(1...12), day: rng.int(1...28))!
        return CertificateEntry(
            name: name, idText: idText(form),
            number: ReferenceFields.certificateNumber(uid: ReferenceFields.uid(lane: lane, index: index, slot: slot), year: year),
            category: rng.pick(ReferenceFields.categories), year: String(year), issuedOn: issued.iso, status: status,
            annotationExpires: annotationDay?.iso ?? "", annotationDay: annotationDay, onForm: onForm)
    }

    mutating func record(_ name: String, form: Form = .eighteen, ended: Bool = false) -> RegistryEntry {
        precondition(slot < 4, "a person has at most four reference rows")
        defer { slot += 1 }
        let province = rng.percent(90) ? world.province.fullName : rng.pick(Province.all).fullName
        return RegistryEntry(
            name: name, idText: idText(form),
            registrationNumber: ReferenceFields.registrationNumber(uid: ReferenceFields.uid(lane: lane, index: index, slot: slot)),
            employer: rng.pick(ReferenceFields.employers),
            status: ended || rng.percent(3) ? rng.pick(ReferenceFields.endedStatuses) : rng.pick(ReferenceFields.registeredStatuses),
            province: province)
    }

    /// A spelling of `name` that still matches it.
    mutating func same(_ name: String, _ percent: Int = 30) -> String { Names.respell(name, percent: percent, &rng) }

    mutating func realName() -> String {
        switch rng.below(100) {
        case 0..<9: return Names.minority(&rng)
        case 9..<11: return rng.pick(Names.latin)
        default: return Names.han(&rng)
        }
    }

    mutating func build(_ variant: Variant) -> Person {
        var traits = RowTraits()
        traits.phone = "1" + rng.pick(["3", "5", "7", "8", "9"]) + pad(rng.below(1_000_000_000), 9)
        traits.level2 = rng.percent(variant.reason == .registryMatches ? 10 : 2)
        traits.from15 = number.fifteen != nil && rng.percent(3)
        var real = realName()
        var portal = real
        var certificates: [CertificateEntry] = []
        var registry: [RegistryEntry] = []
        var rare = false

        // Most people of rules 1–4 also hold a certificate that matches; it must change nothing.
        func optionalCertificate(_ builder: inout PersonBuilder, _ name: String) -> [CertificateEntry] {
            guard builder.rng.percent(85) else { return [] }
            let form: Form = builder.number.fifteen != nil && builder.rng.percent(5) ? .fifteen : .eighteen
            return [builder.certificate(builder.same(name), form: form, onForm: false)]
        }

        switch variant {
        case .portalPlain, .portalLevel2, .portalFrom15:
            registry = [record(same(real))]
            certificates = optionalCertificate(&self, real)
            if variant == .portalLevel2 { traits.level2 = true }
            if variant == .portalFrom15 { traits.from15 = true }
        case .portalTwoRecords:
            // An old record under another name, ended, beside the current one: some record matches (rule 1).
            registry = [record(Names.different(from: real, &rng), ended: true), record(same(real))]
            if rng.percent(50) { registry.reverse() }
            certificates = optionalCertificate(&self, real)
        case .portalAlso15Digit:
            registry = [record(same(real), form: .fifteen), record(same(real))]
            certificates = optionalCertificate(&self, real)
        case .portalNoCertificate:
            registry = [record(same(real))]
        case .portalRevokedCertificate:
            registry = [record(same(real))]
            certificates = [certificate(same(real), revoked: true, onForm: false)]
        case .portalEndedStatus:
            registry = [record(same(real), ended: true)]
            certificates = optionalCertificate(&self, real)
        case .portalRareGB2005:
            // The portal row carries U+9FB4–U+9FBB, written in the GB18030 file as its 2005 four-byte code; the
            // registry holds the private-use form an older decoder produced (table 3.1). They are one name.
            real = rng.pick(Names.surnames) + rng.pick(Names.givenCharacters) + String(Character(Unicode.Scalar(0x9FB4 + UInt32(rng.below(8)))!))
            portal = real
            traits.preferGB18030 = true
            registry = [record(Names.privateUse(real))]
            certificates = [certificate(rng.percent(50) ? real : Names.privateUse(real), onForm: false)]
        case .portalRareSupplementary:
            // The portal row carries the private-use form of a supplementary character; the registry the standard one.
            real = rng.pick(Names.surnames) + String(Character(rng.pick(Array(Names.rareStandard.suffix(6)))))
            portal = Names.privateUse(real)
            registry = [record(real)]
            certificates = optionalCertificate(&self, real)
        case .portalMiddleDots:
            real = Names.minority(&rng)
            portal = Names.respell(real, as: .dot, &rng)
            registry = [record(Names.respell(real, as: .dot, &rng))]
            certificates = optionalCertificate(&self, real)
        case .portalLatin:
            real = rng.pick(Names.latin)
            portal = Names.respell(real, as: .latinWidth, &rng)
            registry = [record(Names.respell(real, as: .latinWidth, &rng))]
            certificates = optionalCertificate(&self, real)
        case .portalValidEnding000:
            registry = [record(same(real))]
            certificates = optionalCertificate(&self, real)

        case .registryChangedName:
            registry = [record(Names.different(from: real, &rng))]
            if rng.percent(60) { certificates = [certificate(same(real), onForm: false)] }
        case .registryRareInCase:
            // The portal could not store the rare character and shows a stand-in; the registry has it.
            real = Names.withRareCharacter(&rng)
            portal = Names.unrepresentable(real, &rng)
            registry = [record(rng.percent(50) ? real : Names.privateUse(real))]
            rare = true
        case .registryRareInRegistry:
            registry = [record(Names.unrepresentable(real, &rng))]
            rare = true
        case .registryRareBoth:
            // The same stand-in on both sides still matches nothing: the character is unknown.
            real = Names.withRareCharacter(&rng)
            portal = Names.unrepresentable(real, &rng)
            registry = [record(portal)]
            rare = true
        case .registryDiffersLegacyMatches:
            // The 18-digit record decides (rule 2) before the matching 15-digit one is looked at (rule 3).
            registry = [record(Names.different(from: real, &rng)), record(same(real), form: .fifteen)]
            if rng.percent(50) { registry.reverse() }
        case .registryEarlierRowRare:
            registry = [record(Names.different(from: real, &rng))]
            traits.wrongNameUnrepresentable = true

        case .legacyPlain, .legacyFrom15:
            registry = [record(same(real), form: .fifteen)]
            certificates = optionalCertificate(&self, real)
            if variant == .legacyFrom15 { traits.from15 = true }
        case .legacyNoCertificate:
            registry = [record(same(real), form: .fifteen)]
        case .legacyEndedStatus:
            registry = [record(same(real), form: .fifteen, ended: true)]
            certificates = optionalCertificate(&self, real)

        case .legacyNameDiffers:
            registry = [record(Names.different(from: real, &rng), form: .fifteen)]
            certificates = optionalCertificate(&self, real)
        case .legacyNameDiffersRare:
            if rng.percent(50) {
                registry = [record(Names.unrepresentable(real, &rng), form: .fifteen)]
            } else {
                real = Names.withRareCharacter(&rng)
                portal = Names.unrepresentable(real, &rng)
                registry = [record(real, form: .fifteen)]
            }
            rare = true
        case .legacyNameDiffersCertificateMatches:
            registry = [record(Names.different(from: real, &rng), form: .fifteen)]
            certificates = [certificate(same(real), onForm: false)]

        case .notInRoster:
            break
        case .notInRosterUnusableReferences:
            // Rows with this person's number made unusable: skipped by rxbind, so they must change nothing.
            certificates = [unusable(certificate(same(real), onForm: false))]
            registry = [unusable(record(same(real)))]
        case .notInRosterFormulaName:
            portal = rng.pick(Names.formulaLike)

        case .revokedOne:
            certificates = [certificate(rng.percent(80) ? same(real) : Names.different(from: real, &rng), revoked: true, onForm: false)]
        case .revokedTwo:
            certificates = [certificate(same(real), revoked: true, onForm: false),
                            certificate(same(real), form: .fifteen, revoked: true, onForm: false)]
        case .revokedSpacedStatus:
            var c = certificate(same(real), revoked: true, onForm: false)
            c.status = rng.pick(ReferenceFields.revokedSpellings)
            certificates = [c]

        case .missingOne, .missingFrom15:
            certificates = [certificate(same(real), onForm: true)]
            if variant == .missingFrom15 { traits.from15 = true }
        case .missingTwo:
            certificates = [certificate(same(real), onForm: true), certificate(same(real), onForm: true)]
        case .missingWithOtherName:
            certificates = [certificate(same(real), onForm: true),
                            certificate(Names.different(from: real, &rng), onForm: false)]
            if rng.percent(50) { certificates.reverse() }
        case .missingWithRevoked:
            certificates = [certificate(same(real), onForm: true),
                            certificate(same(real), revoked: true, onForm: false)]
            if rng.percent(50) { certificates.reverse() }
        case .missingExpired:
            certificates = [certificate(same(real), annotation: asOf.adding(days: -rng.int(1...700)), onForm: true)]
        case .missingExpiresToday:
            // Ends on the as-of date: it has not ended *before* it, so no flag.
            certificates = [certificate(same(real), annotation: asOf, onForm: true)]
        case .missingCertificate15:
            certificates = [certificate(same(real), form: .fifteen, onForm: true)]
        case .missingOtherStatus:
            certificates = [certificate(same(real), otherStatus: true, onForm: true)]
        case .missingExpiredOther:
            certificates = [certificate(same(real), annotation: asOf.adding(days: rng.int(30...900)), onForm: true),
                            certificate(Names.different(from: real, &rng), annotation: asOf.adding(days: -rng.int(1...300)), onForm: false)]

        case .certificateNameDiffers:
            certificates = [certificate(Names.different(from: real, &rng), onForm: false)]
        case .certificateRevokedMatches:
            // The matching certificate is revoked: only valid ones count for rules 7 and 8.
            certificates = [certificate(same(real), revoked: true, onForm: false),
                            certificate(Names.different(from: real, &rng), onForm: false)]
            if rng.percent(50) { certificates.reverse() }
        case .certificateNameRare:
            if rng.percent(50) {
                certificates = [certificate(Names.unrepresentable(real, &rng), onForm: false)]
            } else {
                real = Names.withRareCharacter(&rng)
                portal = Names.unrepresentable(real, &rng)
                certificates = [certificate(real, onForm: false)]
            }
            rare = true
        }
        return Person(lane: lane, index: index, number: number, variant: variant, portalName: portal,
                      certificates: certificates, registry: registry, reason: variant.reason, rare: rare, traits: traits)
    }

    /// The certificate with its number made unusable (a wrong check character, or what a spreadsheet leaves).
    mutating func unusable(_ entry: CertificateEntry) -> CertificateEntry {
        var e = entry
        e.idText = BrokenNumbers.unusableReference(number, &rng)
        e.onForm = false
        return e
    }

    mutating func unusable(_ entry: RegistryEntry) -> RegistryEntry {
        var e = entry
        e.idText = BrokenNumbers.unusableReference(number, &rng)
        return e
    }
}
