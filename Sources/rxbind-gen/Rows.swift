/// A data row of a failure export, as planned: its fields, its file and where it goes relative to its neighbours.
struct PlannedRow {
    var name = ""
    var id = ""
    var idType = "居民身份证"
    var phone = ""
    var province = ""
    var time = ""
    var message = ""
    var level = ""
    var remark = ""
    var file = 0
    /// Positions after the unit that planned it (rows of one person keep this order within a file).
    var offset = 0
    /// The rule-0 reason the row is built to have; nil for an attempt that joins a case.
    var invalid: InvalidReason?
    /// Trailing columns left out (the row has fewer fields than the header).
    var droppedColumns = 0
    /// Keep only the columns up to and including the name (a short row that loses its ID).
    var cutAfterName = false
    /// One field more than the header.
    var extraField = false
    var quoteAll = false
}

/// What goes into a failure file at a position.
enum FileRow {
    case data(PlannedRow)
    /// An empty line in the middle of the file.
    case blankLine
    /// A row whose every field is empty (SPEC §2: skipped).
    case emptyFields
}

/// When an attempt happened, as the generator means it, and how the export wrote it.
struct AttemptTime {
    /// Seconds since the start of the as-of date's eve; nil when the export has no readable time.
    var seconds: Int?
    /// The text in the file.
    var text: String

    static let unreadable: [String] = ["", "", "未知", "--", "#VALUE!", "N/A"]

    /// A readable time `seconds` after midnight of `day` (negative: the day before), in one of the three formats
    /// SPEC §4 lists, with or without seconds.
    static func at(_ seconds: Int, day: Day, _ rng: inout SplitMix64) -> AttemptTime {
        let d = day.adding(days: seconds >= 0 ? seconds / 86_400 : -1 - (-seconds - 1) / 86_400)
        let s = ((seconds % 86_400) + 86_400) % 86_400
        let hm = pad(s / 3600, 2) + ":" + pad(s / 60 % 60, 2)
        let withSeconds = s % 60 != 0 || rng.percent(80)
        let tail = withSeconds ? hm + ":" + pad(s % 60, 2) : hm
        let text: String
        switch rng.weighted([75, 12, 13]) {
        case 0: text = d.iso + " " + tail
        case 1: text = d.format(separator: "/") + " " + tail
        default: text = d.iso + "T" + tail
        }
        return AttemptTime(seconds: seconds, text: text)
    }

    static func missing(_ rng: inout SplitMix64) -> AttemptTime {
        AttemptTime(seconds: nil, text: rng.pick(unreadable))
    }
}

/// How a person's attempts of one night are laid out: the ways SPEC §4's "latest attempt" can be got wrong.
enum AttemptPattern: CaseIterable {
    case single
    /// Two to four attempts under the right name.
    case repeated
    /// Wrong name first, at an earlier time, but written *after* the right row (file and line order disagree with
    /// time: the time decides).
    case wrongNameEarlierTime
    /// Wrong name and right name at the same time, the right one in a later file.
    case wrongNameTieLaterFile
    /// The same time (maybe written once with and once without seconds), the right one on a later line.
    case wrongNameTieLaterLine
    /// The wrong-name row has no readable time (it counts as earliest) and comes after the right one.
    case wrongNameUnreadableTime
    /// No row has a readable time: the later row (file, then line) names the case.
    case allTimesMissing
    /// Attempts with the 15-digit and the 18-digit form of one number: one case.
    case fifteenAndEighteen
    /// An invalid row that carries the person's number (no name, or an unsupported document type): it is a row,
    /// not an attempt, whatever its time says.
    case ghostInvalidRow

    var usesWrongName: Bool {
        switch self {
        case .wrongNameEarlierTime, .wrongNameTieLaterFile, .wrongNameTieLaterLine, .wrongNameUnreadableTime, .allTimesMissing:
            return true
        default: return false
        }
    }

    /// About 1.16 attempts a person, which with invalid rows makes the failure files about 1.3 × the people.
    var weight: Int {
        switch self {
        case .single: return 860
        case .repeated: return 60
        case .wrongNameEarlierTime: return 20
        case .wrongNameTieLaterFile, .wrongNameTieLaterLine, .wrongNameUnreadableTime, .ghostInvalidRow: return 10
        case .fifteenAndEighteen: return 8
        case .allTimesMissing: return 6
        }
    }
}

/// A night's rows for one person, and the flags and attempt count they give.
struct PlannedAttempts {
    var rows: [PlannedRow]
    var rowFlags: Flags
    var attempts: Int
}

/// Plans the failure rows of people and of invalid rows.
struct RowPlanner {
    let world: World
    let night: Int
    let dialects: [FailureDialect]

    /// The eve of the as-of date: the day the night's attempts happened.
    var eve: Day { world.asOf(night: night).adding(days: -1) }

    static let messages: [String] = [
        "身份信息与注册系统不一致", "身份信息与注册系统不一致", "身份信息与注册系统不一致", "注册系统无此人员信息\n请核对后重试",
        "注册系统无此人员信息", "未查询到执业药师资格信息", "绑定失败，请稍后重试", "姓名与证件号码不匹配，请核对",
        "提示：\"身份信息不一致\"，请联系管理员", "校验失败, 原因: 证件号码, 姓名不一致", "\u{FE10}请核对后重试\u{FE11}",
        "系统繁忙（错误码：E1024）\r\n请稍后再试",
    ]
    static let remarks: [String] = ["", "", "", "含,逗号与\"引号\"", "第\"2\"次, 重试", "多行\n备注"]
    static let level3: [String] = ["三级", "三级", "三级", "3", "L3", ""]
    static let level2: [String] = ["二级", "2", "L2", "２", " 二级 "]
    static let residentTypes: [String] = ["居民身份证", "居民身份证", "居民身份证", "居民身份证", "身份证", "二代身份证", "", "居民身份证 "]
    static let otherDocuments: [String] = ["护照", "港澳居民来往内地通行证", "台湾居民来往大陆通行证", "外国人永久居留身份证", "军官证"]

    private func province(_ rng: inout SplitMix64) -> String {
        switch rng.below(100) {
        case 0..<88: return world.province.fullName
        case 88..<94: return world.province.shortName
        case 94..<96: return " " + world.province.shortName + " "
        case 96..<98:
            // Another province: a warning in rxbind, still a case.
            var other = rng.pick(Province.all)
            while other == world.province { other = rng.pick(Province.all) }
            return rng.percent(50) ? other.fullName : other.shortName
        default: return ""
        }
    }

    /// Fields every row has, not yet the name, number, time or level.
    private func baseRow(phone: String, _ rng: inout SplitMix64) -> PlannedRow {
        var row = PlannedRow()
        row.phone = phone
        row.idType = rng.pick(Self.residentTypes)
        row.province = province(&rng)
        row.message = rng.pick(Self.messages)
        row.remark = rng.pick(Self.remarks)
        row.level = rng.pick(Self.level3)
        row.quoteAll = rng.percent(2)
        return row
    }

    private func randomFile(_ rng: inout SplitMix64) -> Int { rng.below(world.failureFiles) }

    /// A readable time during the eve (08:00–22:59), seconds often zero.
    private func someSeconds(_ rng: inout SplitMix64) -> Int {
        let minute = rng.int(8 * 60...(22 * 60 + 59))
        return minute * 60 + (rng.percent(50) ? 0 : rng.below(60))
    }

    /// The person's rows tonight.
    func plan(_ person: Person, firstNight: Bool, _ rng: inout SplitMix64) -> PlannedAttempts {
        var pattern: AttemptPattern
        let tour = scenarioTour.count
        if firstNight && person.index >= tour && person.index < tour + AttemptPattern.allCases.count {
            pattern = AttemptPattern.allCases[person.index - tour]
        } else {
            pattern = AttemptPattern.allCases[rng.weighted(AttemptPattern.allCases.map(\.weight))]
        }
        if person.traits.wrongNameUnrepresentable && !pattern.usesWrongName { pattern = .wrongNameEarlierTime }
        if pattern == .fifteenAndEighteen && person.number.fifteen == nil { pattern = .repeated }
        let k = world.failureFiles
        let respellPercent = person.variant == .portalRareGB2005 || person.variant == .notInRosterFormulaName ? 0 : 25

        func right(_ rng: inout SplitMix64) -> PlannedRow {
            var row = baseRow(phone: person.traits.phone, &rng)
            row.name = Names.respell(person.portalName, percent: respellPercent, &rng)
            row.id = NumberStyle.random(&rng).render(person.number.text)
            return row
        }
        func wrong(_ rng: inout SplitMix64) -> PlannedRow {
            var row = baseRow(phone: person.traits.phone, &rng)
            let other = Names.different(from: person.portalName, &rng)
            row.name = person.traits.wrongNameUnrepresentable ? Names.unrepresentable(other, &rng) : other
            row.id = NumberStyle.random(&rng).render(person.number.text)
            return row
        }

        // Rows in the order they are written (within a file), each with its time. Each pattern places the row
        // that must name the case (the right name) where SPEC §4 makes it the latest attempt.
        var rows: [PlannedRow] = []
        var times: [AttemptTime] = []
        let eve = self.eve

        switch pattern {
        case .single:
            var r = right(&rng)
            r.file = randomFile(&rng)
            rows = [r]
            times = [rng.percent(95) ? .at(someSeconds(&rng), day: eve, &rng) : .missing(&rng)]
        case .repeated:
            let n = [2, 2, 2, 2, 2, 2, 2, 3, 3, 4][rng.below(10)]
            for _ in 0..<n {
                var r = right(&rng)
                r.file = randomFile(&rng)
                rows.append(r)
                times.append(rng.percent(90) ? .at(someSeconds(&rng), day: eve, &rng) : .missing(&rng))
            }
        case .wrongNameEarlierTime:
            // The right row is written first (an earlier file, or an earlier line), yet it is the latest in time.
            let t = someSeconds(&rng) + 3600
            var r = right(&rng)
            r.file = rng.below(k)
            rows = [r]
            times = [.at(t, day: eve, &rng)]
            for _ in 0..<rng.int(1...2) {
                var w = wrong(&rng)
                w.file = rng.int(r.file...(k - 1))
                rows.append(w)
                // Earlier the same day, or the day before.
                times.append(.at(t - rng.int(60...30 * 3600), day: eve, &rng))
            }
        case .wrongNameTieLaterFile, .wrongNameTieLaterLine:
            let t = (someSeconds(&rng) / 60) * 60   // whole minutes: "HH:MM" and "HH:MM:00" are the same time
            var w = wrong(&rng)
            var r = right(&rng)
            if pattern == .wrongNameTieLaterFile && k > 1 {
                w.file = rng.below(k - 1)
                r.file = rng.int((w.file + 1)...(k - 1))
            } else {
                w.file = randomFile(&rng)
                r.file = w.file
            }
            rows = [w, r]
            times = [.at(t, day: eve, &rng), .at(t, day: eve, &rng)]
        case .wrongNameUnreadableTime:
            var r = right(&rng)
            var w = wrong(&rng)
            r.file = randomFile(&rng)
            w.file = rng.int(r.file...(k - 1))
            rows = [r, w]
            times = [.at(someSeconds(&rng), day: eve, &rng), .missing(&rng)]
        case .allTimesMissing:
            var w = wrong(&rng)
            var r = right(&rng)
            w.file = randomFile(&rng)
            r.file = rng.int(w.file...(k - 1))
            rows = [w, r]
            times = [.missing(&rng), .missing(&rng)]
        case .fifteenAndEighteen:
            var a = right(&rng)
            var b = right(&rng)
            a.id = rng.percent(70) ? person.number.fifteen! : NumberStyle.fullWidth.render(person.number.fifteen!)
            a.file = randomFile(&rng)
            b.file = randomFile(&rng)
            rows = rng.percent(50) ? [a, b] : [b, a]
            times = [.at(someSeconds(&rng), day: eve, &rng), .at(someSeconds(&rng), day: eve, &rng)]
        case .ghostInvalidRow:
            var r = right(&rng)
            r.file = randomFile(&rng)
            let t = someSeconds(&rng)
            var g = right(&rng)
            g.file = randomFile(&rng)
            g.id = NumberStyle.random(&rng).render(person.number.text)
            if rng.percent(50) {
                g.name = rng.pick(["", " ", "\u{200B}", "\u{3000}"])
                g.invalid = .missingName
            } else {
                g.idType = rng.pick(Self.otherDocuments)
                g.invalid = .idTypeUnsupported
            }
            // The invalid row says level 2 when the person's valid rows do not: it must not flag the case.
            if !person.traits.level2 { g.level = rng.pick(Self.level2) }
            rows = [r, g]
            times = [.at(t, day: eve, &rng), .at(t + 600, day: eve, &rng)]
        }
        if person.traits.preferGB18030 { for i in rows.indices { rows[i].file = 0 } }

        // Row-borne flags: one valid row says level 2; one valid right-name row carries the 15-digit form.
        let valid = rows.indices.filter { rows[$0].invalid == nil }
        if person.traits.level2 {
            let i = rng.pick(valid)
            rows[i].level = rng.pick(Self.level2)
            if rng.percent(60) { rows[i].message = "实名认证级别不足" }
        }
        if person.traits.from15 && !rows.contains(where: { $0.invalid == nil && $0.id == person.number.fifteen }) {
            rows[rng.pick(valid)].id = person.number.fifteen!
        }

        // A few single rows lose trailing columns or gain one: nothing a rule reads may change.
        if pattern == .single && !rows[0].quoteAll {
            let dialect = dialects[rows[0].file]
            if rng.percent(2) {
                rows[0].droppedColumns = dialect.droppableTail(levelMatters: person.traits.level2)
            } else if rng.percent(2) {
                rows[0].extraField = true
            }
        }

        // Offsets: increasing in the written order, so rows of one file keep it.
        var offset = rng.below(3)
        for i in rows.indices {
            rows[i].time = times[i].text
            rows[i].offset = offset
            offset += rng.int(1...40)
        }

        var flags: Flags = []
        var attempts = 0
        for row in rows where row.invalid == nil {
            attempts += 1
            if Self.level2.contains(row.level) { flags.insert(.accountLevel2) }
            if let fifteen = person.number.fifteen, row.id == fifteen || row.id == NumberStyle.fullWidth.render(fifteen) {
                flags.insert(.idFrom15Digits)
            }
        }
        return PlannedAttempts(rows: rows, rowFlags: flags, attempts: attempts)
    }
}
