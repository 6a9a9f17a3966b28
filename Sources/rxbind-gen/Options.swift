/// What `rxbind-gen night` was asked to make.
struct GeneratorOptions {
    var outDirectory = ""
    var seed: UInt64 = 0
    var people = 0
    /// Rows of the certificate roster on the first night (people's rows plus background holders).
    var rosterSize = 0
    /// Rows of the registry on the first night.
    var registrySize = 0
    var failureFiles = 2
    var asOf = Day(year: 2026, month: 11, day: 21)!
    var province = Province.named("新疆维吾尔自治区")!
    var nights = 1

    static let usage = """
    rxbind-gen: writes deterministic nights of inputs for rxbind, with what rxbind must conclude from them.

    Usage:
      rxbind-gen night --out DIR --seed N --people P [--background-certificates C] [--background-registry R]
                       [--failure-files K] [--as-of YYYY-MM-DD] [--province NAME] [--nights N]

    Options:
      --out DIR                     Folder to write. One night goes into DIR itself; with --nights N > 1 each night
                                    goes into DIR/night-1 … DIR/night-N. Night folders must be empty or absent.
      --seed N                      Any non-negative integer. The same options give the same bytes.
      --people P                    People who fail each night (the failure files hold about 1.3 × P rows, with
                                    repeated attempts and invalid rows).
      --background-certificates C   Rows of the certificate roster, filled up with holders who never fail
                                    (default 4 × P). National scale (SPEC §9): 2000000.
      --background-registry R       Rows of the registry, filled up with pharmacists who never fail (default 2 × P).
                                    National scale: 1000000.
      --failure-files K             Number of failure exports, 1–26 (default 2). They cycle through GB18030 with
                                    CRLF, UTF-8 with BOM and English headers, GB18030 with other aliases, UTF-8
                                    without BOM, and UTF-16 with tabs.
      --as-of YYYY-MM-DD            As-of date of the first night (default 2026-11-21); later nights follow day by day.
      --province NAME               The night's province, full name or short form (default 新疆维吾尔自治区).
      --nights N                    Nights in sequence, one day apart, sharing people (default 1, at most 60).
                                    From night 3 on, staff close and annotate cases before each night:
                                    input/staff-actions.csv, applied with `rxbind cases close|note`.

    Example:
      rxbind-gen night --out samples --seed 1 --people 250 --nights 3
    """

    /// Reads the arguments after the program name; nil means help was asked for.
    static func parse(_ arguments: [String]) throws -> GeneratorOptions? {
        guard let command = arguments.first else { throw GeneratorError.usage("Say what to generate: `rxbind-gen night …`.") }
        if ["--help", "-h", "help"].contains(command) { return nil }
        guard command == "night" else { throw GeneratorError.usage("Unknown command `\(command)`; the only one is `night`.") }

        var values: [String: String] = [:]
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst() {
            if argument == "--help" || argument == "-h" { return nil }
            guard argument.hasPrefix("--") else {
                throw GeneratorError.usage("Unexpected argument `\(argument)`; every option is `--name value`.")
            }
            var name = String(argument.dropFirst(2))
            var value: String
            if let eq = name.firstIndex(of: "=") {
                value = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            } else {
                guard let next = rest.popFirst() else { throw GeneratorError.usage("Option --\(name) needs a value.") }
                value = next
            }
            guard known.contains(name) else { throw GeneratorError.usage("Unknown option --\(name).") }
            guard values[name] == nil else { throw GeneratorError.usage("Option --\(name) is given twice.") }
            values[name] = value
        }

        var o = GeneratorOptions()
        guard let out = values["out"], !out.isEmpty else { throw GeneratorError.usage("Say where to write with --out DIR.") }
        o.outDirectory = out.count > 1 && out.hasSuffix("/") ? String(out.dropLast()) : out
        guard let seedText = values["seed"] else { throw GeneratorError.usage("Give a --seed (any non-negative integer).") }
        guard let seed = UInt64(seedText) else { throw GeneratorError.usage("--seed must be a non-negative integer.") }
        o.seed = seed
        guard let peopleText = values["people"] else { throw GeneratorError.usage("Say how many people fail with --people P.") }
        o.people = try integer(peopleText, "people", 1...2_000_000)
        o.rosterSize = try values["background-certificates"].map { try integer($0, "background-certificates", 0...10_000_000) } ?? 4 * o.people
        o.registrySize = try values["background-registry"].map { try integer($0, "background-registry", 0...10_000_000) } ?? 2 * o.people
        o.failureFiles = try values["failure-files"].map { try integer($0, "failure-files", 1...26) } ?? 2
        o.nights = try values["nights"].map { try integer($0, "nights", 1...NumberSpace.maxNights) } ?? 1
        guard o.people * o.nights <= 50_000_000 else {
            throw GeneratorError.usage("--people × --nights must stay within 50 million (the numbers of invalid rows run out).")
        }
        if let text = values["as-of"] {
            guard let day = Day(iso: text) else { throw GeneratorError.usage("--as-of must be a real date written YYYY-MM-DD.") }
            guard day >= NumberSpace.earliestAsOf, day.components.year <= 9000 else {
                throw GeneratorError.usage("--as-of must be between 2004-01-01 and 9000-12-31 (generated people are born up to 2003).")
            }
            o.asOf = day
        }
        if let name = values["province"] {
            guard let p = Province.named(name) else {
                throw GeneratorError.usage("--province must name one of the 34 province-level divisions or 新疆生产建设兵团 (full name or short form).")
            }
            o.province = p
        }
        return o
    }

    private static let known: Set<String> = ["out", "seed", "people", "background-certificates", "background-registry",
                                             "failure-files", "as-of", "province", "nights"]

    private static func integer(_ text: String, _ name: String, _ range: ClosedRange<Int>) throws -> Int {
        guard let v = Int(text), range.contains(v) else {
            throw GeneratorError.usage("--\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return v
    }

    /// The command line that writes exactly these nights (defaults spelt out), for the READMEs.
    var commandLine: String {
        "rxbind-gen night --out \(outDirectory) --seed \(seed) --people \(people) --background-certificates \(rosterSize)"
            + " --background-registry \(registrySize) --failure-files \(failureFiles) --as-of \(asOf.iso)"
            + " --province \(province.fullName) --nights \(nights)"
    }
}
