/// Flags as a bit set: a case's few flags without an array each.
public struct FlagSet: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public init(_ flags: some Sequence<Flag>) {
        self.init(rawValue: 0)
        for f in flags { insert(FlagSet(rawValue: 1 << UInt8(Flag.allCases.firstIndex(of: f)!))) }
    }

    /// The flags, alphabetical.
    public var flags: [Flag] { Flag.allCases.enumerated().filter { rawValue & (1 << UInt8($0.offset)) != 0 }.map(\.element) }

    /// `|`-separated codes, alphabetical, as `cases.csv` writes them.
    public var codes: String { flags.map(\.code).joined(separator: "|") }
}

/// What the rules and the resend rule decided for a case: kept beside its ``CaseDraft`` rather than copied into a
/// new record with it (a national night has a million cases; both copies at once cost a hundred megabytes).
public struct Decision: Sendable {
    /// Which records the deciding rule compared (the registry's in the ID form it holds, or the certificates).
    let compared: ComparedRecords
    let caseClass: CaseClass
    let reason: Reason
    let flagSet: FlagSet
    let action: CaseAction
    let isNew: Bool
    let requestedOn: CalendarDate?
    let firstSeen: CalendarDate
    let certificateNumbers: String
    let registrationNo: String
    let otherNames: String
}

/// One case of tonight, decided: its latest attempt and its decision.
public struct CaseOutcome: Sendable {
    public let draft: CaseDraft
    let decision: Decision

    public var id: ResidentID { draft.id }
    /// The latest attempt's name, phone and message.
    public var name: String { draft.name }
    public var phone: String { draft.phone }
    public var message: String { draft.message }
    /// Tonight's attempts.
    public var attempts: Int { draft.attempts }
    /// The deciding rule's class and reason.
    public var caseClass: CaseClass { decision.caseClass }
    public var reason: Reason { decision.reason }
    public var flagSet: FlagSet { decision.flagSet }
    /// The valid certificates whose name matches the case's: their numbers, sorted, `|`-separated.
    public var certificateNumbers: String { decision.certificateNumbers }
    /// The registration number of the first registry record the deciding rule looked at.
    public var registrationNo: String { decision.registrationNo }
    public var action: CaseAction { decision.action }
    /// For `ALREADY_REQUESTED`: the night it was last put on a form.
    public var requestedOn: CalendarDate? { decision.requestedOn }
    public var firstSeen: CalendarDate { decision.firstSeen }
    /// No earlier night saw the case.
    public var isNew: Bool { decision.isNew }
    /// For an identity mismatch: the names the deciding rule found under the number (registry or certificate),
    /// the ones staff compare with the portal's.
    public var otherNames: String { decision.otherNames }
    /// Flags, alphabetical.
    public var flags: [Flag] { flagSet.flags }

    /// The ID as the registry holds it — the 18 digits, or the 15-digit form the deciding rule found it under —
    /// empty when the rule compared no registry record.
    public var registryID: String {
        switch decision.compared {
        case .registry18: return id.text
        case .registry15: return id.fifteenDigitForm ?? id.text
        case .none, .certificates: return ""
        }
    }
}

/// Tonight's cases in ID order, each assembled from its draft and its decision on access.
public struct CaseList: RandomAccessCollection, Sendable {
    let drafts: [CaseDraft]
    let decisions: [Decision]
    /// The cases' attempt keys (``NightCases/attemptKeys``).
    let attemptKeys: [AttemptKey]

    public var startIndex: Int { 0 }
    public var endIndex: Int { drafts.count }
    public subscript(i: Int) -> CaseOutcome { CaseOutcome(draft: drafts[i], decision: decisions[i]) }

    /// A case's attempt keys tonight.
    func attemptKeys(of c: CaseOutcome) -> ArraySlice<AttemptKey> {
        attemptKeys[Int(c.draft.firstKey)..<(Int(c.draft.firstKey) + c.draft.attempts)]
    }
}

/// An open case of an earlier night, absent tonight and not resolved — or a dormant one (SPEC §14).
public struct CarriedCase: Sendable {
    public let record: CaseRecord
    /// Days since it was first seen.
    public let ageDays: Int
    /// It went dormant tonight: no new attempt for `--dormant-after` days.
    public var becameDormant = false
}

/// An open case of an earlier night that tonight's registry resolves: a record with its 18-digit ID and a
/// matching name.
public struct ResolvedCase: Sendable {
    /// The case as it was before tonight.
    public let record: CaseRecord
    public let registry: RegistryRecord
}

/// A data row of the addition-request form, in the fixed column order of ``FormField``.
///
/// It keeps the certificate's own fields; the cells derived from the ID and the template (性别, 身份证号码, 申请原因,
/// 备注) are made when the row is written, not held for every row of a national batch.
public struct FormRow: Sendable, Hashable {
    public let id: ResidentID
    /// 序号, running on across parts.
    public let seq: Int
    /// The certificate's name, number, category, year and issue date, as the roster has them.
    public let name: String, certificateNumber: String, category: String, year: String, issuedOn: String
    /// Its e-certificate annotation has ended (备注 says so when the template has a text for it).
    public let annotationExpired: Bool

    /// The text cells after 序号, in ``FormField`` order (姓名 … 备注). The name is shown without stray spaces between
    /// Chinese characters (``DisplayName``); the fingerprint covers the cells as written, so it covers this spelling.
    public func texts(_ layout: FormLayout) -> [String] {
        [DisplayName.tidy(name), id.sex, id.text, certificateNumber, category, year, issuedOn, layout.reasonText,
         annotationExpired && !layout.remarkAnnotationExpired.isEmpty ? layout.remarkAnnotationExpired : layout.remarkText]
    }

    /// Every cell as text, in form order: what the fingerprint covers (SPEC §6).
    public func cellTexts(_ layout: FormLayout) -> [String] { [String(seq)] + texts(layout) }
}

/// What a night decides, before anything is written.
public struct NightOutcome: Sendable {
    public let cases: CaseList
    /// Open cases of earlier nights, absent tonight, not resolved, not dormant.
    public let carriedOver: [CarriedCase]
    /// Dormant cases (SPEC §14), those that went dormant tonight among them; absent tonight, not resolved.
    public let dormant: [CarriedCase]
    public let resolved: [ResolvedCase]
    public let formRows: [FormRow]
    /// Registry records tonight's `LEGACY_ID_15` cases are held under (15 digits, matching name): the upgrade
    /// worklist.
    public let legacyWorklist: [RegistryRecord]
    /// Tonight's valid rows that repeat an attempt already recorded, in another file tonight or on an earlier night
    /// (SPEC §11): they add nothing to the case history.
    public let repeatedRows: Int
    /// Open cases per class after tonight, in ``CaseClass`` order: tonight's cases that are (or become) open, and
    /// the carried-over ones.
    public let backlog: [Int]

    /// Tonight's line of the trend (SPEC §14).
    public func trendEntry(runID: String, asOf: CalendarDate, prior: PriorState) -> TrendEntry {
        let closes = prior.closes
        return TrendEntry(runID: runID, asOf: asOf, new: count { $0.isNew }, resolved: resolved.count,
                          closed: closes - (prior.trend.last?.closesSoFar ?? 0),
                          dormant: dormant.count { $0.becameDormant }, formRows: formRows.count, backlog: backlog,
                          closesSoFar: closes)
    }

    /// How many cases satisfy a condition (counting, never copying a million outcomes into a filtered array).
    public func count(where condition: (CaseOutcome) -> Bool) -> Int {
        var n = 0
        for c in cases where condition(c) { n += 1 }
        return n
    }

    /// Cases by class, for the summary.
    public var countsByClass: [CaseClass: Int] {
        var counts: [CaseClass: Int] = [:]
        for c in CaseClass.allCases { counts[c] = 0 }
        for c in cases { counts[c.caseClass, default: 0] += 1 }
        return counts
    }

    /// Decides tonight's cases, the resend rule, and what becomes of the absent ones — resolved, carried over,
    /// dormant (SPEC §4, §5, §14).
    ///
    /// - Parameters:
    ///   - night: tonight's cases, sorted by ID, with their attempts' keys.
    ///   - prior: the workspace's cases before tonight, by packed ID.
    public static func decide(_ night: NightCases, roster: Roster, registry: Registry,
                              prior: [UInt64: CaseRecord], asOf: CalendarDate, dormantAfter: Int,
                              resendAfter: Int) -> NightOutcome {
        let drafts = tonightsWork(night, prior: prior)
        var tonight = Tonight(asOf: asOf, resendAfter: resendAfter, capacity: drafts.count)
        for draft in drafts {
            let before = prior[draft.id.packed]
            if let keys = before?.attemptKeys, !keys.isEmpty {
                tonight.repeated += night.keys(of: draft).count { contains(sorted: keys, $0) }
            }
            tonight.decide(draft, before: before, registry: registry, roster: roster)
        }
        var absent = Absent(backlog: tonight.backlog)
        for key in prior.keys.sorted() where !tonight.ids.contains(key) {
            absent.settle(prior[key]!, registry: registry, asOf: asOf, dormantAfter: dormantAfter)
        }
        return NightOutcome(cases: CaseList(drafts: drafts, decisions: tonight.decisions, attemptKeys: night.attemptKeys),
                            carriedOver: absent.carried, dormant: absent.dormant, resolved: absent.resolved,
                            formRows: tonight.formRows, legacyWorklist: tonight.legacy,
                            repeatedRows: night.rows - night.attemptKeys.count + tonight.repeated,
                            backlog: absent.backlog)
    }

    /// Tonight's cases, without those that are not open (resolved, closed by staff, dormant) and whose every attempt
    /// tonight repeats one already recorded (an overlapping export): they have nothing new, are not tonight's work,
    /// and are treated as absent (SPEC §11, §14).
    static func tonightsWork(_ night: NightCases, prior: [UInt64: CaseRecord]) -> [CaseDraft] {
        func hasNothingNew(_ d: CaseDraft) -> Bool {
            guard let before = prior[d.id.packed], before.status != .open, !before.attemptKeys.isEmpty else { return false }
            return night.keys(of: d).allSatisfy { contains(sorted: before.attemptKeys, $0) }
        }
        // Filtering copies a million drafts on a national night: only when some case is left out.
        return night.drafts.contains(where: hasNothingNew) ? night.drafts.filter { !hasNothingNew($0) } : night.drafts
    }

    /// What tonight's cases add up to, case by case.
    struct Tonight {
        let asOf: CalendarDate
        let resendAfter: Int
        var decisions: [Decision] = []
        var ids = Set<UInt64>()
        var formRows: [FormRow] = []
        var legacy: [RegistryRecord] = []
        /// Tonight's cases per class, in ``CaseClass`` order (all are open after tonight).
        var backlog = [Int](repeating: 0, count: CaseClass.allCases.count)
        /// Rows repeating an attempt recorded on an earlier night.
        var repeated = 0

        init(asOf: CalendarDate, resendAfter: Int, capacity: Int) {
            self.asOf = asOf
            self.resendAfter = resendAfter
            decisions.reserveCapacity(capacity)
            ids.reserveCapacity(capacity)
        }

        /// Classifies one case, applies the resend rule, and takes its form rows and worklist records.
        mutating func decide(_ draft: CaseDraft, before: CaseRecord?, registry: Registry, roster: Roster) {
            ids.insert(draft.id.packed)
            let evidence = Evidence(name: draft.nameKey, registry: registry.records(for: draft.id),
                                    certificates: roster.certificates(for: draft.id), asOf: asOf)
            let (verdict, flags) = Classifier.classify(evidence, accountLevel2: draft.accountLevel2,
                                                       from15Digits: draft.from15Digits)
            backlog[CaseClass.allCases.firstIndex(of: verdict.caseClass)!] += 1
            var action = verdict.caseClass.action
            var requestedOn: CalendarDate? = nil
            if verdict.caseClass == .missingRegistryRecord, let last = before?.lastRequested,
               asOf.days(since: last) < resendAfter {
                action = .alreadyRequested
                requestedOn = last
            }
            let matching = evidence.matchingCertificates.sorted { $0.number < $1.number }
            if action == .requestAddition {
                for c in matching {
                    formRows.append(FormRow(
                        id: draft.id, seq: formRows.count + 1, name: c.name, certificateNumber: c.number,
                        category: c.category, year: c.year, issuedOn: c.issuedOn,
                        annotationExpired: c.annotationExpires.map { $0 < asOf } ?? false))
                }
            }
            let records = verdict.compared.registryRecords(in: evidence)
            if verdict.caseClass == .legacyID15 {
                legacy += records.filter { draft.nameKey.matches($0.nameKey) }
            }
            var otherNames = ""
            if verdict.caseClass == .identityMismatch {
                var seen = Set<String>()
                otherNames = verdict.compared.names(in: evidence).filter { seen.insert($0).inserted }.joined(separator: "、")
            }
            decisions.append(Decision(
                compared: verdict.compared, caseClass: verdict.caseClass, reason: verdict.reason,
                flagSet: FlagSet(flags), action: action, isNew: before == nil, requestedOn: requestedOn,
                firstSeen: before?.firstSeen ?? asOf, certificateNumbers: matching.map(\.number).joined(separator: "|"),
                registrationNo: records.first?.registrationNo ?? "", otherNames: otherNames))
        }
    }

    /// What becomes of the earlier nights' cases absent tonight.
    struct Absent {
        var carried: [CarriedCase] = []
        var dormant: [CarriedCase] = []
        var resolved: [ResolvedCase] = []
        /// The open backlog per class: tonight's, then the carried-over cases'.
        var backlog: [Int]

        /// An open or dormant case absent tonight: resolved when tonight's registry holds it under its 18-digit
        /// number with a matching name; else dormant once it has had no new attempt for `dormantAfter` days; else
        /// carried over. Resolved and closed cases stay as they are.
        mutating func settle(_ record: CaseRecord, registry: Registry, asOf: CalendarDate, dormantAfter: Int) {
            guard record.status == .open || record.status == .dormant else { return }
            let name = NameKey(normalized: record.name)
            if let match = registry.records(for: record.id).first(where: { !$0.heldAs15 && name.matches($0.nameKey) }) {
                resolved.append(ResolvedCase(record: record, registry: match))
                return
            }
            let age = asOf.days(since: record.firstSeen)
            if record.status == .dormant {
                dormant.append(CarriedCase(record: record, ageDays: age))
            } else if asOf.days(since: record.lastSeen) >= dormantAfter {
                dormant.append(CarriedCase(record: record, ageDays: age, becameDormant: true))
            } else {
                carried.append(CarriedCase(record: record, ageDays: age))
                backlog[CaseClass.allCases.firstIndex(of: record.caseClass)!] += 1
            }
        }
    }

    /// The case records to write back — tonight's cases, the resolved ones and those that went dormant — in ID
    /// order, built one at a time (a national night has a million; holding them all as records would double the
    /// outcome's memory).
    public func forEachUpdatedRecord(prior: [UInt64: CaseRecord], asOf: CalendarDate, runID: String,
                                     _ body: (CaseRecord) throws -> Void) rethrows {
        // Absent cases whose status changes tonight, in ID order.
        var absent = resolved.map { Self.resolvedRecord($0.record, asOf: asOf) }
        for d in dormant where d.becameDormant {
            var r = d.record
            r.status = .dormant
            absent.append(r)
        }
        absent.sort { $0.id < $1.id }
        var a = 0
        for c in cases {
            while a < absent.count && absent[a].id < c.id {
                try body(absent[a])
                a += 1
            }
            try body(Self.updatedRecord(prior[c.id.packed], outcome: c, attemptKeys: cases.attemptKeys(of: c),
                                        asOf: asOf, runID: runID))
        }
        while a < absent.count {
            try body(absent[a])
            a += 1
        }
    }

    static func resolvedRecord(_ record: CaseRecord, asOf: CalendarDate) -> CaseRecord {
        var r = record
        r.status = .resolved
        r.resolvedOn = asOf
        return r
    }

    /// A case's record after tonight: its class history extended when the class or reason changed or the case
    /// reopened, its request recorded when it went on tonight's form, and tonight's attempts added — only those not
    /// recorded before (SPEC §11): when every attempt tonight repeats one already recorded (an overlapping export,
    /// a repeated file), attempts, first seen and last seen stay as they were, and a case no longer open stays as it
    /// was.
    static func updatedRecord(_ before: CaseRecord?, outcome c: CaseOutcome, attemptKeys: ArraySlice<AttemptKey>,
                              asOf: CalendarDate, runID: String) -> CaseRecord {
        let known = before?.attemptKeys ?? []
        let new = attemptKeys.filter { !contains(sorted: known, $0) }
        if let before, new.isEmpty, before.status != .open { return before }
        let entry = CaseRecord.HistoryEntry(date: asOf, caseClass: c.caseClass, reason: c.reason)
        var r = before ?? CaseRecord(
            id: c.id, name: c.name, firstSeen: asOf, lastSeen: asOf, attempts: 0, caseClass: c.caseClass,
            reason: c.reason, flags: c.flags, status: .open, resolvedOn: nil, lastRequested: nil, history: [],
            requests: [])
        // Resolved, closed by staff or dormant, and failing again with a new attempt: open again, said in the history.
        let reopened = r.status != .open
        if r.history.last.map({ $0.caseClass != entry.caseClass || $0.reason != entry.reason }) ?? true || reopened {
            r.history.append(entry)
        }
        r.name = c.name
        if !new.isEmpty {
            r.lastSeen = asOf
            r.attempts += new.count
            r.attemptKeys = (known + new).sorted()
        }
        r.caseClass = c.caseClass
        r.reason = c.reason
        r.flags = c.flags
        r.status = .open
        r.resolvedOn = nil
        if c.action == .requestAddition {
            r.lastRequested = asOf
            r.requests.append(CaseRecord.RequestEntry(date: asOf, runID: runID))
        }
        return r
    }

    /// Binary search in a sorted array.
    static func contains(sorted keys: [AttemptKey], _ key: AttemptKey) -> Bool {
        var low = 0, high = keys.count
        while low < high {
            let mid = (low + high) / 2
            if keys[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low < keys.count && keys[low] == key
    }
}
