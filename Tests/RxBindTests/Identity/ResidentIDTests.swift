import Testing
@testable import RxBind

@Suite struct ResidentIDTests {
    let asOf = CalendarDate(year: 2026, month: 11, day: 21)!

    func read(_ s: String) -> Result<IDReading, IDProblem> { ResidentID.read(s, asOf: asOf) }
    func problem(_ s: String) -> IDProblem? { if case .failure(let p) = read(s) { return p } else { return nil } }
    func id(_ s: String) -> String? { if case .success(let r) = read(s) { return r.id.text } else { return nil } }

    @Test func aValidNumberReadsWithItsFacts() throws {
        let r = try read("110101199003071233").get()
        #expect(r.id.text == "110101199003071233")
        #expect(!r.heldAs15)
        #expect(r.id.birthDate == CalendarDate(year: 1990, month: 3, day: 7))
        #expect(r.id.sex == "男")
        #expect(Province.forCode(r.id.regionCode)?.name == "北京市")
        #expect(r.id.fifteenDigitForm == "110101900307123")
        #expect(r.id.masked == "110101********1233")
    }

    @Test func checkDigitXAndLowercaseX() throws {
        // 11010519491231002X is the GB 11643 standard's own example.
        #expect(id("11010519491231002X") == "11010519491231002X")
        #expect(id("11010519491231002x") == "11010519491231002X")
        #expect(try read("11010519491231002X").get().id.sex == "女")
    }

    @Test func fullWidthDigitsAndWrappers() {
        #expect(id("１１０１０１１９９００３０７１２３３") == "110101199003071233")
        #expect(id("=\"110101199003071233\"") == "110101199003071233")
        #expect(id("'110101199003071233") == "110101199003071233")
        #expect(id("\t110101199003071233") == "110101199003071233")
        #expect(id(" 110101 19900307 1233 ") == "110101199003071233")
        #expect(id("110101-19900307-1233") == "110101199003071233")
        #expect(id("\u{200B}110101199003071233\u{FEFF}") == "110101199003071233")
        #expect(id("＝＂110101199003071233＂") == "110101199003071233")
    }

    @Test func fifteenDigitsBornIn19xxConvert() throws {
        let r = try read("110101900307123").get()
        #expect(r.heldAs15)
        #expect(r.id.text == "110101199003071233")
        #expect(r.id.fifteenDigitForm == "110101900307123")
    }

    @Test func everyReasonInOrder() {
        #expect(problem("") == .missing)
        #expect(problem("   ") == .missing)
        #expect(problem("=\"\"") == .missing)
        #expect(problem("1.10101E+17") == .mangledBySpreadsheet)
        #expect(problem("1.1010119900307E17") == .mangledBySpreadsheet)
        #expect(problem("1.10101e+17") == .mangledBySpreadsheet)
        #expect(problem("110101199003071000") == .mangledBySpreadsheet)
        #expect(problem("E12345678") == .malformed)
        #expect(problem("11010119900307123") == .malformed)
        #expect(problem("1101011990030712334") == .malformed)
        #expect(problem("11010119900307123Y") == .malformed)
        #expect(problem("110101199003071234") == .checksum)
        // With their check digits right, so the later checks are the ones that fail.
        #expect(problem(Self.withCheck("11010119900230123")) == .birthDate, "30 February")
        #expect(problem(Self.withCheck("11010119901307123")) == .birthDate, "month 13")
        #expect(problem(Self.withCheck("11010118990307123")) == .birthDate, "before 1900")
        #expect(problem(Self.withCheck("99010119900307123")) == .region)
    }

    @Test func precedenceChecksumBeforeBirthDateBeforeRegion() {
        // Each number breaks several checks; the earliest in SPEC §4's order is reported.
        let badDateAndRegion = Self.withCheck("99010119901307123")   // month 13, region 99
        #expect(problem(badDateAndRegion) == .birthDate)
        let badRegionOnly = Self.withCheck("99010119900307123")
        #expect(problem(badRegionOnly) == .region)
        let wrongCheck = Self.withWrongCheck("99010119901307123")
        #expect(problem(wrongCheck) == .checksum)
        // An all-digit value ending in 000 that fails its check digit is a spreadsheet's rounding, not a typo.
        #expect(problem("990101199013071000") == .mangledBySpreadsheet)
    }

    @Test func birthDates() {
        #expect(problem(Self.withCheck("11010120261122123")) == .birthDate, "born after the as-of date")
        #expect(id(Self.withCheck("11010120261121123")) != nil, "born on the as-of date")
        #expect(problem(Self.withCheck("11010118991231123")) == .birthDate, "before 1900")
        #expect(id(Self.withCheck("11010119000101123")) != nil)
        #expect(problem(Self.withCheck("11010119000229123")) == .birthDate, "1900 is not a leap year")
        #expect(id(Self.withCheck("11010120000229123")) != nil, "2000 is")
        #expect(problem("110101900230123") == .birthDate, "15 digits: 1990-02-30")
        #expect(problem("990101900307123") == .region, "15 digits: region 99")
    }

    @Test func regionCodes() {
        for code in [11, 15, 21, 23, 31, 37, 41, 46, 50, 54, 61, 65, 71, 81, 82, 83] {
            #expect(id(Self.withCheck(String(code) + "010119900307123")) != nil, "\(code)")
        }
        for code in [10, 16, 20, 24, 30, 38, 40, 47, 49, 55, 60, 66, 70, 72, 80, 84, 90, 99] {
            #expect(problem(Self.withCheck(String(code) + "010119900307123")) == .region, "\(code)")
        }
    }

    /// An independent GB 11643 check digit, written from the standard, not from the code under test.
    static func checkCharacter(_ body: String) -> Character {
        let weights = (0..<17).map { i -> Int in
            var p = 1
            for _ in 0..<(17 - i) { p = (p * 2) % 11 }   // 2^(17-i) mod 11
            return p
        }
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        let value = (12 - sum % 11) % 11
        return value == 10 ? "X" : Character(String(value))
    }

    static func withCheck(_ body: String) -> String { body + String(checkCharacter(body)) }

    static func withWrongCheck(_ body: String) -> String {
        let right = checkCharacter(body)
        return body + (right == "1" ? "2" : "1")
    }

    @Test func propertyCheckDigitAgreesWithAnIndependentImplementation() {
        var rng = SplitMix(seed: 20261121)
        let regions = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65]
        for _ in 0..<5000 {
            let region = regions[Int(rng.next() % UInt64(regions.count))]
            let date = CalendarDate(daysSinceEpoch: Int(rng.next() % 40000) - 25000)
            let body = String(region) + String(format4: Int(rng.next() % 10000)) + date.compact + String(format3: Int(rng.next() % 1000))
            let right = Self.withCheck(body)
            #expect(id(right) == right)
            // Every other final character fails.
            for c in "0123456789X" where c != Self.checkCharacter(body) {
                let wrong = body + String(c)
                let expected: IDProblem = (wrong.hasSuffix("000")) ? .mangledBySpreadsheet : .checksum
                #expect(problem(wrong) == expected)
            }
            // The 15-digit form converts back to the same number when born in 19xx.
            if date.year >= 1900, date.year <= 1999 {
                let fifteen = String(body.prefix(6)) + String(body.dropFirst(8).prefix(9))
                #expect(id(fifteen) == right)
                #expect(try! read(right).get().id.fifteenDigitForm == fifteen)
            } else {
                #expect(try! read(right).get().id.fifteenDigitForm == nil)
            }
        }
    }

    @Test func packedOrderIsTextOrder() throws {
        let texts = ["11010519491231002X", Self.withCheck("11010519491231003"), "110101199003071233", "650102196703167939"].sorted()
        let ids = try texts.map { try read($0).get().id }
        #expect(ids.sorted().map(\.text) == texts)
    }

    @Test func masking() {
        #expect(ResidentID.mask("11010519491231002X") == "110105********002X")
        #expect(maskPhone("13812345678") == "138****5678")
    }
}

/// A small deterministic generator for property-style tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}

extension String {
    init(format4 v: Int) { self = String(repeating: "0", count: 4 - String(v).count) + String(v) }
    init(format3 v: Int) { self = String(repeating: "0", count: 3 - String(v).count) + String(v) }
}
