/// The kinds of rule-0 rows the generator writes, each built for one reason; the ones that break two rules are
/// built so that the earlier reason of SPEC §4's order is the expected one.
enum InvalidKind: CaseIterable {
    case passport, permitWithResidentNumber, unsupportedWithoutName, unsupportedAndScientific
    case noName, invisibleName, noNameBadCheck, noNameNoNumber
    case noNumber, blankNumber, shortRowWithoutNumber
    case scientific, rounded, roundedBadRegion
    case tooShort, tooLong, letters, fifteenWithX
    case badCheck, badCheckAndDate, badCheckAndRegion, lowerXWrong
    case impossibleDate, bornAfterAsOf, bornBefore1900, fifteenImpossibleDate, dateAndRegion
    case badRegion, fifteenBadRegion

    var reason: InvalidReason {
        switch self {
        case .passport, .permitWithResidentNumber, .unsupportedWithoutName, .unsupportedAndScientific: return .idTypeUnsupported
        case .noName, .invisibleName, .noNameBadCheck, .noNameNoNumber: return .missingName
        case .noNumber, .blankNumber, .shortRowWithoutNumber: return .missingID
        case .scientific, .rounded, .roundedBadRegion: return .idMangledBySpreadsheet
        case .tooShort, .tooLong, .letters, .fifteenWithX: return .idMalformed
        case .badCheck, .badCheckAndDate, .badCheckAndRegion, .lowerXWrong: return .idChecksum
        case .impossibleDate, .bornAfterAsOf, .bornBefore1900, .fifteenImpossibleDate, .dateAndRegion: return .idBirthDate
        case .badRegion, .fifteenBadRegion: return .idRegion
        }
    }

    /// Roughly the fixture's mix: check digits and spreadsheet damage most often.
    var weight: Int {
        switch self {
        case .badCheck: return 24
        case .scientific: return 14
        case .rounded: return 6
        case .noName: return 8
        case .passport, .permitWithResidentNumber, .tooShort, .letters, .impossibleDate, .badRegion: return 4
        default: return 2
        }
    }
}

extension RowPlanner {
    /// Invalid row `serial` of the night: the first ones go through every kind once.
    func planInvalid(serial: Int, _ rng: inout SplitMix64) -> PlannedRow {
        let kinds = InvalidKind.allCases
        let kind = serial < kinds.count ? kinds[serial] : kinds[rng.weighted(kinds.map(\.weight))]
        let stray = world.space.number(lane: NumberSpace.strayLane, index: world.strayIndex(serial: serial, night: night),
                                       young: false)
        let asOf = world.asOf(night: night)
        var row = PlannedRow()
        row.phone = "1" + rng.pick(["3", "5", "8"]) + pad(rng.below(1_000_000_000), 9)
        row.idType = rng.pick(Self.residentTypes)
        row.province = rng.percent(90) ? world.province.fullName : world.province.shortName
        row.message = rng.pick(Self.messages)
        row.remark = rng.pick(Self.remarks)
        row.level = rng.pick(Self.level3 + Self.level2)
        row.name = rng.percent(8) ? rng.pick(Names.formulaLike) : Names.han(&rng)
        row.file = rng.below(world.failureFiles)
        row.time = rng.percent(90) ? AttemptTime.at(rng.int(8 * 3600...23 * 3600), day: eve, &rng).text : ""
        row.invalid = kind.reason

        let region = stray.region
        let sequence = rng.below(1000)
        func styled(_ text: String, _ rng: inout SplitMix64) -> String {
            rng.percent(20) ? NumberStyle.random(&rng).render(text) : text
        }
        func badRegion(_ rng: inout SplitMix64) -> Int { rng.pick(Regions.invalidPrefixes) * 10_000 + rng.below(10_000) }

        switch kind {
        case .passport:
            row.idType = "护照"
            row.id = rng.pick(["E", "G", "EA"]) + pad(rng.below(100_000_000), 8)
        case .permitWithResidentNumber:
            row.idType = rng.pick(Array(Self.otherDocuments.dropFirst()))
            row.id = stray.text
        case .unsupportedWithoutName:
            row.idType = "护照"
            row.name = ""
            row.id = rng.pick(["E", "G"]) + pad(rng.below(100_000_000), 8)
        case .unsupportedAndScientific:
            row.idType = rng.pick(Self.otherDocuments)
            row.id = BrokenNumbers.scientific(stray.text, &rng)
        case .noName:
            row.name = ""
            row.id = styled(stray.text, &rng)
        case .invisibleName:
            row.name = rng.pick(["\u{200B}", "\u{FEFF}", "  ", "\u{3000}", "\u{200B} \u{2060}"])
            row.id = stray.text
        case .noNameBadCheck:
            row.name = ""
            row.id = BrokenNumbers.wrongCheck(body: stray.body, &rng)
        case .noNameNoNumber:
            row.name = ""
            row.id = ""
        case .noNumber:
            row.id = ""
        case .blankNumber:
            row.id = rng.pick([" ", "\u{200B}", "\u{3000}", "  "])
        case .shortRowWithoutNumber:
            // Only files whose ID column comes after the name column can lose it this way.
            let files = (0..<world.failureFiles).filter { i in
                let d = dialects[i]
                return d.index(of: .id)! > d.index(of: .name)!
            }
            row.file = rng.pick(files)
            row.id = stray.text
            row.cutAfterName = true
        case .scientific:
            row.id = BrokenNumbers.scientific(stray.text, &rng)
        case .rounded, .roundedBadRegion:
            var text = stray.text
            if kind == .roundedBadRegion { text = pad(badRegion(&rng), 6) + text.dropFirst(6) }
            var candidate = BrokenNumbers.rounded(text)
            var s = sequence
            while candidate == nil {   // an X, or the rounded number happened to be valid: another sequence
                s = (s + 1) % 1000
                let body = String(text.prefix(14)) + pad(s, 3)
                candidate = BrokenNumbers.rounded(body + String(checkCharacter(forBody: body)))
            }
            row.id = candidate!
        case .tooShort:
            row.id = String(stray.text.prefix(rng.pick([10, 16, 17])))
        case .tooLong:
            row.id = stray.text + pad(rng.below(100), rng.int(1...2))
        case .letters:
            var c = Array(stray.text)
            switch rng.below(3) {
            case 0: c[rng.int(6...13)] = "A"
            case 1: c[17] = "A"
            default: c = Array(rng.pick(["无", "身份证号", "待补充"]))
            }
            row.id = String(c)
        case .fifteenWithX:
            row.id = String(stray.fifteen!.dropLast()) + "X"
        case .badCheck:
            row.id = styled(BrokenNumbers.wrongCheck(body: stray.body, &rng), &rng)
        case .badCheckAndDate:
            row.id = BrokenNumbers.wrongCheck(body: BrokenNumbers.body(region: region, date: BrokenNumbers.impossibleDate(&rng),
                                                                       sequence: sequence), &rng)
        case .badCheckAndRegion:
            let body = pad(badRegion(&rng), 6) + stray.body.dropFirst(6)
            row.id = BrokenNumbers.wrongCheck(body: body, &rng)
        case .lowerXWrong:
            var s = sequence
            var body = BrokenNumbers.body(region: region, date: stray.birth.compact, sequence: s)
            while checkCharacter(forBody: body) == "X" {
                s = (s + 1) % 1000
                body = BrokenNumbers.body(region: region, date: stray.birth.compact, sequence: s)
            }
            row.id = body + "x"
        case .impossibleDate:
            row.id = styled(valid(BrokenNumbers.body(region: region, date: BrokenNumbers.impossibleDate(&rng), sequence: sequence)), &rng)
        case .bornAfterAsOf:
            let day = rng.percent(50) ? asOf.adding(days: 1) : asOf.adding(days: rng.int(2...3000))
            row.id = styled(valid(BrokenNumbers.body(region: region, date: day.compact, sequence: sequence)), &rng)
        case .bornBefore1900:
            let day = rng.percent(50) ? Day(year: 1899, month: 12, day: 31)! : Day(year: rng.int(1850...1899), month: rng.int(1...12), day: rng.int(1...28))!
            row.id = styled(valid(BrokenNumbers.body(region: region, date: day.compact, sequence: sequence)), &rng)
        case .fifteenImpossibleDate:
            let date = BrokenNumbers.impossibleDate(&rng)
            row.id = pad(region, 6) + String(date.dropFirst(2)) + pad(sequence, 3)
        case .dateAndRegion:
            row.id = valid(BrokenNumbers.body(region: badRegion(&rng), date: BrokenNumbers.impossibleDate(&rng), sequence: sequence))
        case .badRegion:
            row.id = styled(valid(pad(badRegion(&rng), 6) + stray.body.dropFirst(6)), &rng)
        case .fifteenBadRegion:
            row.id = pad(badRegion(&rng), 6) + stray.fifteen!.dropFirst(6)
        }
        return row
    }

    /// `body` with its correct check character: the number fails only where it was built to.
    private func valid(_ body: String) -> String { body + String(checkCharacter(forBody: body)) }
}
