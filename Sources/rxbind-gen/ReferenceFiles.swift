/// Certificate holders and registered pharmacists who never fail: they fill the roster and the registry to the
/// sizes asked for (SPEC §9), and their row `j` of either file is the same person.
struct Background {
    let world: World

    /// Background person `j`: their number and name.
    private func identity(_ j: Int) -> (ResidentNumber, String) {
        let number = world.space.person(lane: 0, index: j, allowYoung: true, youngEvery: 12)
        var b = PersonBuilder(world: world, lane: 0, index: j, number: number, rng: SplitMix64(world.seed, 2, UInt64(j)))
        return (number, b.realName())
    }

    /// Background person `j`'s roster row. A few carry a number rxbind must skip.
    func certificate(_ j: Int) -> CertificateEntry {
        let (number, name) = identity(j)
        var b = PersonBuilder(world: world, lane: 0, index: j, number: number, rng: SplitMix64(world.seed, 21, UInt64(j)))
        let fifteen = number.fifteen != nil && b.rng.percent(3)
        var certificate = b.certificate(b.same(name, 10), form: fifteen ? .fifteen : .eighteen, revoked: b.rng.percent(3),
                                        onForm: false)
        if b.rng.below(1000) < 2 { certificate.idText = junk(number, &b.rng) }
        return certificate
    }

    /// Background person `j`'s registry row (registration number from slot 1, the certificate having slot 0).
    func record(_ j: Int) -> RegistryEntry {
        let (number, name) = identity(j)
        var b = PersonBuilder(world: world, lane: 0, index: j, number: number, rng: SplitMix64(world.seed, 22, UInt64(j)))
        b.useSlot(1)
        let fifteen = number.fifteen != nil && b.rng.percent(5)
        var record = b.record(b.same(name, 10), form: fifteen ? .fifteen : .eighteen, ended: b.rng.percent(4))
        if b.rng.below(1000) < 2 { record.idText = junk(number, &b.rng) }
        return record
    }

    /// An unusable number: a wrong check character, spreadsheet damage, a lost digit or nothing.
    private func junk(_ number: ResidentNumber, _ rng: inout SplitMix64) -> String {
        rng.percent(20) ? "" : BrokenNumbers.unusableReference(number, &rng)
    }
}

/// Writes the roster and the registry of a night: the people's rows (in their order) spread evenly among the
/// background rows.
final class ReferenceFiles {
    private let roster: TextWriter
    private let registry: TextWriter
    private let rosterDialect: RosterDialect
    private let registryDialect: RegistryDialect
    private let background: Background
    private let rosterBackground: Int
    private let registryBackground: Int
    private let rosterPeopleRows: Int
    private let registryPeopleRows: Int
    private var rosterPeopleWritten = 0
    private var registryPeopleWritten = 0
    private var rosterBackgroundWritten = 0
    private var registryBackgroundWritten = 0

    /// Rows written, for the night's README.
    var rosterRows: Int { rosterPeopleRows + rosterBackground }
    var registryRows: Int { registryPeopleRows + registryBackground }

    init(directory: String, night: Int, world: World, rosterPeopleRows: Int, rosterBackground: Int,
         registryPeopleRows: Int, registryBackground: Int) throws {
        rosterDialect = RosterDialect.forNight(night)
        registryDialect = RegistryDialect.forNight(night)
        roster = try TextWriter(path: directory + "/certificates.csv", encoding: rosterDialect.encoding)
        registry = try TextWriter(path: directory + "/registry.tsv", encoding: .utf16LE)
        background = Background(world: world)
        self.rosterPeopleRows = rosterPeopleRows
        self.rosterBackground = rosterBackground
        self.registryPeopleRows = registryPeopleRows
        self.registryBackground = registryBackground
        try roster.write(rosterDialect.headers.map(\.0).joined(separator: ",") + rosterDialect.lineEnd)
        try registry.write(registryDialect.headers.map(\.0).joined(separator: "\t") + registryDialect.lineEnd)
    }

    /// Writes one person's rows, after the background rows that come before them.
    func add(_ person: Person) throws {
        for c in person.certificates {
            try fillRoster(upTo: (rosterPeopleWritten * rosterBackground) / max(1, rosterPeopleRows))
            try writeRoster(c)
            rosterPeopleWritten += 1
        }
        for r in person.registry {
            try fillRegistry(upTo: (registryPeopleWritten * registryBackground) / max(1, registryPeopleRows))
            try writeRegistry(r)
            registryPeopleWritten += 1
        }
    }

    func finish() throws {
        precondition(rosterPeopleWritten == rosterPeopleRows && registryPeopleWritten == registryPeopleRows,
                     "the counting pass and the writing pass disagree")
        try fillRoster(upTo: rosterBackground)
        try fillRegistry(upTo: registryBackground)
        try roster.close()
        try registry.close()
    }

    private func fillRoster(upTo n: Int) throws {
        while rosterBackgroundWritten < n {
            try writeRoster(background.certificate(rosterBackgroundWritten))
            rosterBackgroundWritten += 1
        }
    }

    private func fillRegistry(upTo n: Int) throws {
        while registryBackgroundWritten < n {
            try writeRegistry(background.record(registryBackgroundWritten))
            registryBackgroundWritten += 1
        }
    }

    private func writeRoster(_ c: CertificateEntry) throws {
        let fields = rosterDialect.headers.map { (_, column) -> String in
            switch column {
            case .number: return c.number
            case .name: return c.name
            case .id: return c.idText
            case .category: return c.category
            case .year: return c.year
            case .issuedOn: return c.issuedOn
            case .status: return c.status
            case .annotation: return c.annotationExpires
            case .remark: return ""
            }
        }
        try roster.write(fields.map { delimitedField($0, delimiter: UInt8(ascii: ",")) }.joined(separator: ",") + rosterDialect.lineEnd)
    }

    private func writeRegistry(_ r: RegistryEntry) throws {
        let fields = registryDialect.headers.map { (_, column) -> String in
            switch column {
            case .name: return r.name
            case .id: return r.idText
            case .registrationNumber: return r.registrationNumber
            case .employer: return r.employer
            case .status: return r.status
            case .province: return r.province
            }
        }
        try registry.write(fields.map { delimitedField($0, delimiter: UInt8(ascii: "\t")) }.joined(separator: "\t") + registryDialect.lineEnd)
    }
}
