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

/// A person on one night.
struct Situation {
    var person: Person
    /// Among tonight's failures.
    var failing: Bool
    /// Absent tonight, and resolved by tonight's registry (reported once, tonight).
    var resolvedTonight: Bool
    /// Tonight's action, when failing.
    var action: Action
}

/// Replays a person's nights from the one they first failed on, so that any night can be written without
/// remembering earlier ones. After a night of absence a person is left as they are: a carried case stays open
/// and a resolved one resolved, because nothing changes for them again.
struct Timeline {
    let world: World
    let factory: PersonFactory
    /// SPEC §5's default `--resend-after`.
    static let resendAfterDays = 30

    init(world: World) {
        self.world = world
        factory = PersonFactory(world: world)
    }

    func situation(lane: Int, index: Int, night: Int) -> Situation {
        precondition(night >= lane)
        var person = factory.make(lane: lane, index: index)
        var failing = true
        var resolvedTonight = false
        var lastRequested: Day? = nil
        var action = person.reason.action
        if person.reason == .certificateValidNotRegistered { lastRequested = world.asOf(night: lane) }
        if night > lane {
            for t in (lane + 1)...night {
                resolvedTonight = false
                guard failing else { continue }
                let asOf = world.asOf(night: t)
                switch fate(of: person, night: t) {
                case .failsAgain:
                    action = person.reason.action
                    if person.reason == .certificateValidNotRegistered {
                        if let last = lastRequested, asOf.ordinal - last.ordinal < Self.resendAfterDays {
                            action = .alreadyRequested
                        } else {
                            lastRequested = asOf
                        }
                    }
                case .resolved:
                    resolve(&person, night: t)
                    failing = false
                    resolvedTonight = true
                case .carried:
                    failing = false
                case .registeredAndFailsAgain:
                    person.registry.append(addedRecord(person, night: t))
                    person.reason = .registryMatches
                    person.rare = false
                    action = .fixPortalAccount
                }
            }
        }
        return Situation(person: person, failing: failing, resolvedTonight: resolvedTonight, action: action)
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
}
