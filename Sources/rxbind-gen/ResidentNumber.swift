/// A resident ID number (居民身份证号码, GB 11643) as the generator intends it: always valid.
///
/// Invalid numbers for rule-0 rows are built as text by ``BrokenNumbers``; this type never holds one.
struct ResidentNumber: Hashable {
    /// The six-digit region code.
    let region: Int
    let birth: Day
    /// The three-digit sequence code (its last digit odd for men, even for women).
    let sequence: Int

    /// The first 17 digits as a number.
    private var bodyValue: UInt64 {
        let (y, m, d) = birth.components
        return UInt64(region) * 100_000_000_000 + UInt64(y * 10_000 + m * 100 + d) * 1000 + UInt64(sequence)
    }

    /// The check value 0…10 (10 is X).
    private static func checkValue(_ body: UInt64) -> Int {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        var v = body
        var sum = 0
        for i in stride(from: 16, through: 0, by: -1) {
            sum += Int(v % 10) * weights[i]
            v /= 10
        }
        return [1, 0, 10, 9, 8, 7, 6, 5, 4, 3, 2][sum % 11]
    }

    /// The first 17 digits.
    var body: String { digitText(bodyValue, width: 17) }

    /// The 18-character number, check character upper-case.
    var text: String {
        let b = bodyValue
        let check = Self.checkValue(b)
        return digitText(b, width: 17) + (check == 10 ? "X" : digitText(UInt64(check), width: 1))
    }

    /// The 15-digit form a person born in the 1900s also has (drop the century and the check character).
    var fifteen: String? {
        let (y, m, d) = birth.components
        guard (1900...1999).contains(y) else { return nil }
        return digitText(UInt64(region) * 1_000_000_000 + UInt64((y - 1900) * 10_000 + m * 100 + d) * 1000
                         + UInt64(sequence), width: 15)
    }

    /// A 64-bit key whose order is the text order of the 18-character numbers (X after 9).
    var sortKey: UInt64 {
        let b = bodyValue
        return b * 11 + UInt64(Self.checkValue(b))
    }

    /// The text of a sort key, for writing expected files.
    static func text(ofSortKey key: UInt64) -> String {
        let check = key % 11
        return digitText(key / 11, width: 17) + (check == 10 ? "X" : digitText(check, width: 1))
    }
}

/// The GB 11643 check character (ISO 7064 MOD 11-2) of 17 digits.
func checkCharacter(forBody body: String) -> Character {
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    var sum = 0
    for (i, c) in body.utf8.enumerated() { sum += Int(c - 48) * weights[i] }
    let table: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]
    return table[sum % 11]
}

/// Hands out distinct valid numbers: index `i` of lane `l` goes through an affine bijection of the whole space of
/// (region, birth date, sequence) triples, so every (lane, index) pair gets its own number without any set being
/// kept, and the numbers look scattered rather than counted.
struct NumberSpace {
    /// Lanes keep the numbers of different purposes apart: 0 background, 1…`maxNights` the people first failing on
    /// that night, `strayLane` numbers that appear only in invalid rows.
    static let lanes = 64
    static let strayLane = 63
    static let maxNights = 60

    private let offsetOld: UInt64
    private let offsetYoung: UInt64

    // People born 1940–1999 (they have a 15-digit form) and 2000–2003 (they do not).
    private static let oldFirst = Day(year: 1940, month: 1, day: 1)!
    private static let oldDays = Day(year: 2000, month: 1, day: 1)!.ordinal - oldFirst.ordinal
    private static let youngFirst = Day(year: 2000, month: 1, day: 1)!
    private static let youngDays = Day(year: 2004, month: 1, day: 1)!.ordinal - youngFirst.ordinal
    /// A prime above both spaces' sizes, so it is coprime to them.
    private static let multiplier: UInt64 = 2_147_483_647

    /// The earliest as-of date every generated number is valid on (nobody is born after it).
    static let earliestAsOf = Day(year: 2004, month: 1, day: 1)!

    init(seed: UInt64) {
        var rng = SplitMix64(seed, 0x1D5)
        offsetOld = rng.next()
        offsetYoung = rng.next()
    }

    /// The number of person `index` of `lane`: one in `youngEvery` (when `allowYoung`) is born 2000–2003 and
    /// takes index `index / youngEvery` of the smaller young space, so that both spaces are used without gaps
    /// colliding; the others are born 1940–1999.
    func person(lane: Int, index: Int, allowYoung: Bool, youngEvery: Int) -> ResidentNumber {
        if allowYoung && index % youngEvery == youngEvery / 2 {
            return number(lane: lane, index: index / youngEvery, young: true)
        }
        return number(lane: lane, index: index, young: false)
    }

    /// Index `index` of `lane`, born 2000–2003 when `young`, else 1940–1999.
    func number(lane: Int, index: Int, young: Bool) -> ResidentNumber {
        let days = young ? Self.youngDays : Self.oldDays
        let first = young ? Self.youngFirst : Self.oldFirst
        let size = UInt64(Regions.codes.count * days * 1000)
        let i = UInt64(index * Self.lanes + lane)
        precondition(i < size, "number space exhausted")
        let j = (Self.multiplier &* i &+ (young ? offsetYoung : offsetOld) % size) % size
        let sequence = Int(j % 1000)
        let rest = Int(j / 1000)
        return ResidentNumber(region: Regions.codes[rest / days], birth: first.adding(days: rest % days),
                              sequence: sequence)
    }

    /// A valid number that ends in `000` (sequence `d00`, check character 0), the `k`-th of its kind: what a
    /// careless reader mistakes for a spreadsheet-rounded number (SPEC §3 only calls it mangled when the check
    /// character fails). Built in the reserved region so it can be nobody else's.
    func endingIn000(_ k: Int) -> ResidentNumber {
        precondition((0..<4000).contains(k), "only a few numbers ending in 000 are built")
        // Only the hundreds digit of the sequence varies, which moves the check sum through 10 of the 11
        // residues: about one (region, day) in eleven has no such number, so try a few of this k's own.
        let base = Day(year: 1950, month: 1, day: 1)!.adding(days: 3 * k)
        for region in Regions.reserved {
            for offset in 0..<3 {
                for d in 0..<10 {
                    let n = ResidentNumber(region: region, birth: base.adding(days: offset), sequence: d * 100)
                    if checkCharacter(forBody: n.body) == "0" { return n }
                }
            }
        }
        preconditionFailure("no number ending in 000 near day \(base.iso)")
    }
}
