import Foundation

/// One case of a night, as the generator intends it.
struct CaseExpectation {
    let key: UInt64
    let reason: Reason
    let flags: Flags
    let attempts: Int
    let action: Action
}

/// Writes the nights one command asks for: inputs, expected results and a README for each.
struct NightSequence {
    let options: GeneratorOptions
    let world: World
    let timeline: Timeline
    /// People first failing on each night (index = night; 0 unused).
    private var newPeople: [Int] = [0]
    private var rosterBackground = 0
    private var registryBackground = 0

    init(options: GeneratorOptions) {
        self.options = options
        world = World(seed: options.seed, space: NumberSpace(seed: options.seed), province: options.province,
                      firstAsOf: options.asOf, failureFiles: options.failureFiles, nights: options.nights,
                      people: options.people)
        timeline = Timeline(world: world)
    }

    mutating func run() throws {
        for night in 1...options.nights { try write(night: night) }
    }

    /// The folder of a night: DIR itself for a single night, DIR/night-N for a sequence.
    func folder(of night: Int) -> String {
        options.nights == 1 ? options.outDirectory : options.outDirectory + "/night-\(night)"
    }

    private mutating func write(night: Int) throws {
        let dir = folder(of: night)
        try makeEmptyFolder(dir)
        try makeEmptyFolder(dir + "/input")
        try makeEmptyFolder(dir + "/expected")
        let asOf = world.asOf(night: night)

        // Pass 1: who fails tonight, who is resolved, what staff did since last night, and how many reference rows
        // people bring.
        var returners: [(lane: Int, index: Int)] = []
        var resolved: [UInt64] = []
        var staff = StaffLedger()
        var rosterPeople = 0
        var registryPeople = 0
        for lane in stride(from: 1, to: night, by: 1) {
            for index in 0..<newPeople[lane] {
                let s = timeline.situation(lane: lane, index: index, night: night)
                rosterPeople += s.person.certificates.count
                registryPeople += s.person.registry.count
                if s.failing { returners.append((lane, index)) }
                if s.resolvedTonight { resolved.append(s.person.number.sortKey) }
                staff.add(s)
            }
        }
        let fresh = max(0, options.people - returners.count)
        newPeople.append(fresh)
        for index in 0..<fresh {
            let s = timeline.situation(lane: night, index: index, night: night)
            rosterPeople += s.person.certificates.count
            registryPeople += s.person.registry.count
        }
        if night == 1 {
            // The background stays the same on later nights (the country's pharmacists do not change overnight),
            // so later rosters and registries grow by the new people's rows.
            rosterBackground = max(0, options.rosterSize - rosterPeople)
            registryBackground = max(0, options.registrySize - registryPeople)
        }

        // Pass 3, on a second core while pass 2 runs: the roster and the registry. It needs only pass 1's counts.
        let referenceJob = ReferenceJob(directory: dir + "/input", night: night, timeline: timeline,
                                        newPeople: newPeople, rosterPeopleRows: rosterPeople,
                                        rosterBackground: rosterBackground, registryPeopleRows: registryPeople,
                                        registryBackground: registryBackground)
        referenceJob.start()

        // Pass 2: the failure files, and what rxbind must conclude from them.
        let dialects = (0..<options.failureFiles).map(FailureDialect.forFile)
        let files = try dialects.map { try FailureFile(directory: dir + "/input", dialect: $0) }
        let planner = RowPlanner(world: world, night: night, dialects: dialects)
        let failing = returners.count + fresh
        let invalidCount = max(options.people * 15 / 100, min(options.people, InvalidKind.allCases.count))
        let units = failing + invalidCount
        var layoutRng = SplitMix64(world.seed, 10, UInt64(night))
        let order = AffinePermutation(count: units, rng: &layoutRng)
        for file in files {
            for _ in 0..<(1 + units / 50_000) {
                file.schedule(.blankLine, slot: layoutRng.below(max(1, units)))
                file.schedule(.emptyFields, slot: layoutRng.below(max(1, units)))
            }
        }
        var cases: [CaseExpectation] = []
        cases.reserveCapacity(failing)
        var formRows: [(key: UInt64, certificate: String)] = []
        for position in 0..<units {
            let unit = order(position)
            if unit < failing {
                let (lane, index) = unit < returners.count ? returners[unit] : (night, unit - returners.count)
                let s = timeline.situation(lane: lane, index: index, night: night)
                precondition(s.failing, "a person planned to fail is not failing")
                var rng = SplitMix64(world.seed, 3, UInt64(lane), UInt64(index), UInt64(night))
                let planned = planner.plan(s.person, firstNight: lane == night, &rng)
                for row in planned.rows { files[row.file].schedule(.data(row), slot: position + row.offset) }
                let key = s.person.number.sortKey
                cases.append(CaseExpectation(key: key, reason: s.person.reason,
                                             flags: s.person.referenceFlags(asOf: asOf).union(planned.rowFlags),
                                             attempts: planned.attempts, action: s.action))
                if s.action == .requestAddition {
                    let onForm = s.person.certificates.filter(\.onForm)
                    precondition(!onForm.isEmpty, "a requested case has no certificate for the form")
                    for c in onForm { formRows.append((key, c.number)) }
                }
            } else {
                var rng = SplitMix64(world.seed, 9, UInt64(night), UInt64(unit - failing))
                let row = planner.planInvalid(serial: unit - failing, &rng)
                files[row.file].schedule(.data(row), slot: position)
            }
            for file in files { try file.release(upTo: position) }
        }
        for (i, file) in files.enumerated() { try file.finish(trailingBlankLine: i == 0) }

        try writeExpected(dir: dir + "/expected", night: night, cases: &cases, files: files, formRows: &formRows,
                          resolved: &resolved)
        if night >= Timeline.firstStaffNight {
            try staff.writeActions(to: dir + "/input/staff-actions.csv")
            try staff.writeExpected(dir: dir + "/expected")
        }

        let (rosterRows, registryRows) = try referenceJob.wait()

        let readme = NightReadme(options: options, night: night, asOf: asOf, dialects: dialects,
                                 failureRows: files.map(\.dataRows), rosterRows: rosterRows, registryRows: registryRows,
                                 cases: cases, invalidRows: files.map(\.invalidRows.count), formRows: formRows.count,
                                 resolved: resolved.count, staff: night >= Timeline.firstStaffNight ? staff : nil)
        try readme.write(to: dir + "/README.md")
    }

    private func writeExpected(dir: String, night: Int, cases: inout [CaseExpectation], files: [FailureFile],
                               formRows: inout [(key: UInt64, certificate: String)], resolved: inout [UInt64]) throws {
        cases.sort { $0.key < $1.key }
        let out = try ByteSink(path: dir + "/cases.csv")
        try out.append(utf8: "id_number,class,reason,flags,attempts,action\n")
        var previous: UInt64? = nil
        for c in cases {
            precondition(previous.map { $0 < c.key } ?? true, "two people share a number")
            previous = c.key
            try out.append(utf8: ResidentNumber.text(ofSortKey: c.key) + "," + c.reason.caseClass + "," + c.reason.rawValue
                           + "," + c.flags.text + "," + String(c.attempts) + "," + c.action.rawValue + "\n")
        }
        try out.close()

        let invalid = try ByteSink(path: dir + "/invalid-rows.csv")
        try invalid.append(utf8: "file,line,reason\n")
        for file in files {
            for r in file.invalidRows {
                try invalid.append(utf8: file.dialect.fileName + "," + String(r.line) + "," + r.reason.rawValue + "\n")
            }
        }
        try invalid.close()

        formRows.sort { ($0.key, $0.certificate) < ($1.key, $1.certificate) }
        let form = try ByteSink(path: dir + "/form-rows.csv")
        try form.append(utf8: "id_number,certificate_no\n")
        for r in formRows {
            try form.append(utf8: ResidentNumber.text(ofSortKey: r.key) + "," + r.certificate + "\n")
        }
        try form.close()

        if night > 1 {
            resolved.sort()
            let file = try ByteSink(path: dir + "/resolved.csv")
            try file.append(utf8: "id_number\n")
            for key in resolved { try file.append(utf8: ResidentNumber.text(ofSortKey: key) + "\n") }
            try file.close()
        }
    }

    /// Creates `path`, refusing one that holds anything: the generator never overwrites or mixes nights.
    private func makeEmptyFolder(_ path: String) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw GeneratorError.cannotWrite(path: path, reason: "a file is in the way of the folder")
            }
            let contents: [String]
            do {
                contents = try fm.contentsOfDirectory(atPath: path)
            } catch {
                throw GeneratorError.cannotWrite(path: path, reason: error.localizedDescription)
            }
            guard contents.isEmpty else { throw GeneratorError.folderNotEmpty(path: path) }
            return
        }
        do {
            try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw GeneratorError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }
}

/// What staff did between last night and tonight (SPEC §14), and which closed cases tonight opens again or leaves
/// closed: `input/staff-actions.csv`, `expected/closed.csv` and `expected/reopened.csv`.
struct StaffLedger {
    /// Staff actions in the order they are applied: by ID number, each case's close before its notes.
    private(set) var actions: [(key: UInt64, action: StaffAction)] = []
    /// Cases closed after tonight (closed and not opened again).
    private(set) var closed: [UInt64] = []
    /// Cases staff closed before tonight that fail again tonight.
    private(set) var reopened: [UInt64] = []
    /// Closed cases that tonight's registry would resolve if they were open (a record under the 18-digit number
    /// with a matching name): they stay closed.
    private(set) var closedRegistryMatches = 0

    var closes: Int { actions.count { $0.action.kind == .close } }
    var notes: Int { actions.count { $0.action.kind == .note } }

    /// The actions in the order they are applied: by ID number, each case's in the order staff took them.
    var inOrder: [(key: UInt64, action: StaffAction)] {
        actions.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }.map(\.element)
    }

    mutating func add(_ s: Situation) {
        let key = s.person.number.sortKey
        for a in s.staffActions { actions.append((key, a)) }
        if s.closed {
            closed.append(key)
            if s.person.reason == .registryMatches { closedRegistryMatches += 1 }
        }
        if s.reopenedTonight { reopened.append(key) }
    }

    /// `action,id_number,text`, UTF-8 without BOM, LF: what `rxbind cases close --why` and `rxbind cases note` are
    /// given, one line each, in order. No text holds a comma, a quote or a line break, so no field is quoted and a
    /// shell's `read` splits the lines.
    func writeActions(to path: String) throws {
        let sink = try ByteSink(path: path)
        try sink.append(utf8: "action,id_number,text\n")
        for (key, a) in inOrder {
            precondition(!a.text.contains { $0 == "," || $0 == "\"" || $0.isNewline }, "a staff text would need quoting")
            try sink.append(utf8: a.kind.rawValue + "," + ResidentNumber.text(ofSortKey: key) + "," + a.text + "\n")
        }
        try sink.close()
    }

    func writeExpected(dir: String) throws {
        for (name, keys) in [("closed.csv", closed), ("reopened.csv", reopened)] {
            let sink = try ByteSink(path: dir + "/" + name)
            try sink.append(utf8: "id_number\n")
            for key in keys.sorted() { try sink.append(utf8: ResidentNumber.text(ofSortKey: key) + "\n") }
            try sink.close()
        }
    }
}

/// Writes a night's roster and registry on its own thread: they depend on nothing pass 2 computes, and the
/// machines this runs on have two cores. Each file has its own random streams, so the bytes do not depend on
/// the timing.
final class ReferenceJob: @unchecked Sendable {
    private let directory: String
    private let night: Int
    private let timeline: Timeline
    private let newPeople: [Int]
    private let rosterPeopleRows: Int
    private let rosterBackground: Int
    private let registryPeopleRows: Int
    private let registryBackground: Int
    private let done = DispatchSemaphore(value: 0)
    // Written by the worker before it signals `done`, read only after waiting for it.
    private var outcome: Result<(Int, Int), Error> = .failure(GeneratorError.usage("The reference job did not run."))

    init(directory: String, night: Int, timeline: Timeline, newPeople: [Int], rosterPeopleRows: Int,
         rosterBackground: Int, registryPeopleRows: Int, registryBackground: Int) {
        self.directory = directory
        self.night = night
        self.timeline = timeline
        self.newPeople = newPeople
        self.rosterPeopleRows = rosterPeopleRows
        self.rosterBackground = rosterBackground
        self.registryPeopleRows = registryPeopleRows
        self.registryBackground = registryBackground
    }

    func start() {
        let thread = Thread { [self] in
            outcome = Result { try run() }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the files; returns their row counts.
    func wait() throws -> (roster: Int, registry: Int) {
        done.wait()
        let (roster, registry) = try outcome.get()
        return (roster, registry)
    }

    private func run() throws -> (Int, Int) {
        let references = try ReferenceFiles(directory: directory, night: night, world: timeline.world,
                                            rosterPeopleRows: rosterPeopleRows, rosterBackground: rosterBackground,
                                            registryPeopleRows: registryPeopleRows, registryBackground: registryBackground)
        for lane in 1...night {
            for index in 0..<newPeople[lane] {
                try references.add(timeline.situation(lane: lane, index: index, night: night).person)
            }
        }
        try references.finish()
        return (references.rosterRows, references.registryRows)
    }
}
