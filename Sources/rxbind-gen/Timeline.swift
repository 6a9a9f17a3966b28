/// What happens to a person who failed on one night, on the next (the stories of `--nights 2`).
enum Fate {
    /// Fails again; a missing-record case is then already requested (SPEC §5, `--resend-after 30`).
    case failsAgain
    /// Absent, and tonight's registry resolves the case: a record under the 18-digit number with a matching name
    /// (already there for a portal case; added, upgraded from 15 digits or corrected for the others).
    case resolved
    /// Absent and not resolved: carried over.
    case carried
    /// The registry now has the person, but they fail again: a portal problem now.
    case registeredAndFailsAgain
}

/// What happens on the next night to a case staff closed before it (SPEC §14; from night 3 on).
enum ClosedFate {
    /// Fails again with a new attempt: opened again, classified as it would be had it never been closed (a
    /// missing-record case keeps its last request date across the close).
    case reopens
    /// Fails again, and tonight's roster holds a valid certificate in the person's name (a plain NOT_IN_ROSTER
    /// case): opened again as a missing record, never requested, so on tonight's form.
    case reopensWithCertificate
    /// Absent: stays closed (not carried over). A portal case's registry record would resolve it if it were open.
    case staysClosed
    /// Absent, and tonight's registry would resolve it if it were open (a record added, upgraded or corrected):
    /// it stays closed all the same, because a closed case is not re-checked.
    case staysClosedRegistryResolves
}

/// A staff action between two nights: `rxbind cases close --why TEXT` or `rxbind cases note TEXT`.
struct StaffAction {
    enum Kind: String { case close, note }
    let kind: Kind
    let text: String
}

/// A person on one night.
struct Situation {
    var person: Person
    /// Among tonight's failures.
    var failing: Bool
    /// Absent tonight, and resolved by tonight's registry (reported once, tonight).
    var resolvedTonight: Bool
    /// Tonight's action, when failing.
    var action: Action
    /// What staff did with the case after the night before and before tonight, in order.
    var staffActions: [StaffAction] = []
    /// Closed by staff after tonight: closed before tonight or an earlier night, and not failing since.
    var closed = false
    /// Closed by staff before tonight and failing again tonight: opened again.
    var reopenedTonight = false
}

/// Replays a person's nights from the one they first failed on, so that any night can be written without
/// remembering earlier ones. After a night of absence a person is left as they are: a carried case stays open
/// and a resolved one resolved, because nothing changes for them again — until staff close it (from night 3 on):
/// a closed case either fails again the next night (and is opened again) or stays closed for good.
struct Timeline {
    let world: World
    let factory: PersonFactory
    /// SPEC §5's default `--resend-after`.
    static let resendAfterDays = 30
    /// Staff act on cases from this night on (between night n − 1 and night n): the first two nights show the
    /// nightly cycle alone, as the samples were first written.
    static let firstStaffNight = 3

    init(world: World) {
        self.world = world
        factory = PersonFactory(world: world)
    }

    private enum Status { case failing, carried, resolved, closed }

    func situation(lane: Int, index: Int, night: Int) -> Situation {
        precondition(night >= lane)
        var person = factory.make(lane: lane, index: index)
        var status = Status.failing
        var resolvedTonight = false
        var reopenedTonight = false
        var staffActions: [StaffAction] = []
        var lastRequested: Day? = nil
        var action = person.reason.action
        if person.reason == .certificateValidNotRegistered { lastRequested = world.asOf(night: lane) }

        /// Fails again with the reason as it stands: the resend rule decides a missing-record case's action.
        func failAgain(_ asOf: Day) {
            action = person.reason.action
            if person.reason == .certificateValidNotRegistered {
                if let last = lastRequested, asOf.ordinal - last.ordinal < Self.resendAfterDays {
                    action = .alreadyRequested
                } else {
                    lastRequested = asOf
                }
            }
        }

        if night > lane {
            for t in (lane + 1)...night {
                resolvedTonight = false
                reopenedTonight = false
                staffActions = []
                let asOf = world.asOf(night: t)
                if t >= Self.firstStaffNight && (status == .failing || status == .carried) {
                    let staff = staffPlan(person, failedLastNight: status == .failing, night: t)
                    staffActions = staff.actions
                    if let closedFate = staff.closedFate {
                        status = .closed
                        switch closedFate {
                        case .reopens:
                            status = .failing
                            reopenedTonight = true
                            failAgain(asOf)
                        case .reopensWithCertificate:
                            person.certificates.append(addedCertificate(person, night: t))
                            person.reason = .certificateValidNotRegistered
                            status = .failing
                            reopenedTonight = true
                            failAgain(asOf)
                        case .staysClosed:
                            break
                        case .staysClosedRegistryResolves:
                            resolve(&person, night: t)
                        }
                        continue
                    }
                }
                guard status == .failing else { continue }
                switch fate(of: person, night: t) {
                case .failsAgain:
                    failAgain(asOf)
                case .resolved:
                    resolve(&person, night: t)
                    status = .resolved
                    resolvedTonight = true
                case .carried:
                    status = .carried
                case .registeredAndFailsAgain:
                    person.registry.append(addedRecord(person, night: t))
                    person.reason = .registryMatches
                    person.rare = false
                    action = .fixPortalAccount
                }
            }
        }
        return Situation(person: person, failing: status == .failing, resolvedTonight: resolvedTonight, action: action,
                         staffActions: staffActions, closed: status == .closed, reopenedTonight: reopenedTonight)
    }

    /// The fates a person's case allows, and how likely each is; the first people of a night (the scenario tour)
    /// get a fixed one so that a small night 2 shows every story.
    func fate(of person: Person, night: Int) -> Fate {
        var rng = SplitMix64(world.seed, 4, UInt64(person.lane), UInt64(person.index), UInt64(night))
        let allowed = allowedFates(person)
        if night == person.lane + 1 && person.index < scenarioTour.count {
            return allowed.designated
        }
        return allowed.choices[rng.weighted(allowed.choices.map(\.1))].0
    }

    private func allowedFates(_ person: Person) -> (designated: Fate, choices: [(Fate, Int)]) {
        switch person.reason {
        case .registryMatches:
            // Absent, a portal case is always resolved: its registry record is still there and matches.
            let designated: Fate = person.variant == .portalPlain || person.variant == .portalMiddleDots ? .failsAgain : .resolved
            return (designated, [(.failsAgain, 12), (.resolved, 88)])
        case .certificateValidNotRegistered:
            let designated: Fate
            switch person.variant {
            case .missingOne, .missingExpired, .missingExpiresToday, .missingFrom15: designated = .failsAgain
            case .missingTwo, .missingCertificate15, .missingOtherStatus: designated = .resolved
            case .missingWithRevoked: designated = .registeredAndFailsAgain
            default: designated = .carried
            }
            return (designated, [(.failsAgain, 25), (.resolved, 25), (.registeredAndFailsAgain, 5), (.carried, 45)])
        case .registryHolds15DigitID:
            let designated: Fate = person.variant == .legacyFrom15 ? .failsAgain
                : person.variant == .legacyNoCertificate ? .carried : .resolved
            return (designated, [(.resolved, 35), (.failsAgain, 12), (.carried, 53)])
        case .registryNameDiffers where person.variant == .registryChangedName:
            return (.resolved, [(.resolved, 25), (.failsAgain, 10), (.carried, 65)])
        default:
            let designated: Fate = person.variant == .notInRoster || person.variant == .certificateNameDiffers ? .failsAgain : .carried
            return (designated, [(.failsAgain, 10), (.carried, 90)])
        }
    }

    // MARK: Staff actions (SPEC §14)

    /// What staff do with an open case (failing last night, or carried) before `night`: its notes and close, in
    /// order, and when they close it, what becomes of it tonight.
    ///
    /// The scenario tours of the two nights before get fixed actions, so that a small night shows every story: a
    /// close that fails again (also one carried for a night, one whose class changes, missing-record cases whose last
    /// request is kept across the close) and closes that stay closed (also ones tonight's registry would resolve).
    /// Other open cases are closed now and then.
    func staffPlan(_ person: Person, failedLastNight: Bool, night: Int) -> (actions: [StaffAction], closedFate: ClosedFate?) {
        var rng = SplitMix64(world.seed, 11, UInt64(person.lane), UInt64(person.index), UInt64(night))
        let age = night - person.lane
        var fate: ClosedFate? = nil
        var notes: [String] = []
        if person.index < scenarioTour.count && (age == 1 || age == 2) {
            switch (age, person.variant) {
            // Last night's tour: every one of them failed last night.
            case (1, .portalLevel2), (1, .missingTwo): fate = .reopens
            case (1, .notInRoster): fate = .reopensWithCertificate
            case (1, .portalNoCertificate), (1, .missingOne), (1, .certificateNameDiffers): fate = .staysClosed
            case (1, .registryChangedName): fate = .staysClosedRegistryResolves
            case (1, .portalPlain): notes = ["已电话联系，药师称将更新门户账号"]
            case (1, .missingExpired): notes = ["已报送中心，等待添加"]
            // The night before's tour: failed again last night, or carried since.
            case (2, .missingOne), (2, .notInRoster), (2, .legacyNoCertificate): fate = .reopens
            case (2, .revokedOne):
                fate = .staysClosed
                notes = ["已告知本人向人事考试机构核实证书状态"]
            case (2, .missingWithOtherName): fate = .staysClosedRegistryResolves
            default: break
            }
        } else if rng.percent(3) {
            switch rng.weighted([40, 45, 15]) {
            case 0: fate = .reopens
            case 1: fate = .staysClosed
            default: fate = canResolve(person) ? .staysClosedRegistryResolves : .staysClosed
            }
        }
        if fate == .reopensWithCertificate && !(person.variant == .notInRoster && person.reason == .notInRoster) { fate = .reopens }
        if fate == .staysClosedRegistryResolves && !canResolve(person) { fate = .staysClosed }
        guard let fate else { return (notes.map { StaffAction(kind: .note, text: $0) }, nil) }
        // The close first, then the notes staff add to the closed case.
        let close = StaffAction(kind: .close, text: closeReason(person))
        return ([close] + notes.map { StaffAction(kind: .note, text: $0) }, fate)
    }

    /// Why staff close a case of the person's reason (`--why`): Chinese, without ASCII commas or quotes, so that
    /// staff-actions.csv needs no quoting.
    private func closeReason(_ person: Person) -> String {
        switch person.reason {
        case .registryMatches: return "门户账号问题，非注册系统原因，已告知药师升级三级实名认证"
        case .registryNameDiffers, .legacyRegistryNameDiffers, .certificateNameDiffers:
            return "已电话核实，本人将持身份证明到窗口办理"
        case .registryHolds15DigitID: return "已在注册系统核对15位身份证号，转线下办理"
        case .notInRoster: return "本人不是执业药师"
        case .certificateRevoked: return "资格证书已撤销，本人已知悉"
        case .certificateValidNotRegistered: return "已另行报送执业药师资格认证中心，线下跟进"
        }
    }

    /// Whether ``resolve(_:night:)`` has a resolution for the person's reason.
    private func canResolve(_ person: Person) -> Bool {
        switch person.reason {
        case .registryMatches, .certificateValidNotRegistered, .registryHolds15DigitID, .registryNameDiffers: return true
        default: return false
        }
    }

    /// Changes the registry so that it resolves the case tonight.
    private func resolve(_ person: inout Person, night: Int) {
        switch person.reason {
        case .registryMatches:
            break
        case .certificateValidNotRegistered:
            person.registry.append(addedRecord(person, night: night))
        case .registryHolds15DigitID:
            // The province upgraded the record to the 18-digit number.
            for i in person.registry.indices where person.registry[i].idText == person.number.fifteen {
                person.registry[i].idText = person.number.text
            }
        case .registryNameDiffers:
            var rng = SplitMix64(world.seed, 5, UInt64(person.lane), UInt64(person.index), UInt64(night))
            for i in person.registry.indices {
                person.registry[i].name = Names.respell(person.portalName, percent: 30, &rng)
            }
        default:
            preconditionFailure("no resolution is planned for \(person.reason)")
        }
        person.reason = .registryMatches
        person.rare = false
    }

    /// The 18-digit record the registry gains for a person on `night`.
    private func addedRecord(_ person: Person, night: Int) -> RegistryEntry {
        let rng = SplitMix64(world.seed, 6, UInt64(person.lane), UInt64(person.index), UInt64(night))
        var builder = PersonBuilder(world: world, lane: person.lane, index: person.index, number: person.number, rng: rng)
        builder.useSlot(3)
        return builder.record(builder.same(person.portalName))
    }

    /// The valid certificate in the person's name that the roster gains on `night` (slot 2: a plain NOT_IN_ROSTER
    /// person has no reference rows of their own).
    private func addedCertificate(_ person: Person, night: Int) -> CertificateEntry {
        precondition(person.certificates.isEmpty && person.variant == .notInRoster, "only a plain NOT_IN_ROSTER person gains a certificate")
        let rng = SplitMix64(world.seed, 12, UInt64(person.lane), UInt64(person.index), UInt64(night))
        var builder = PersonBuilder(world: world, lane: person.lane, index: person.index, number: person.number, rng: rng)
        builder.useSlot(2)
        return builder.certificate(builder.same(person.portalName), onForm: true)
    }
}
