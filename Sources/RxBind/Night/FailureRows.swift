/// A row's place: which input (its index in the night's inputs, in argument order) and the physical line on which
/// the record starts (the header is line 1).
public struct RowRef: Sendable, Hashable, Comparable {
    // Eight bytes: a national night keeps a million of them (every row naming a province).
    private let storedLine: UInt32
    private let storedInput: UInt16

    public var input: Int { Int(storedInput) }
    public var line: Int { Int(storedLine) }

    public init(input: Int, line: Int) {
        storedInput = UInt16(clamping: input)
        storedLine = UInt32(clamping: line)
    }

    public static func < (a: RowRef, b: RowRef) -> Bool { (a.input, a.line) < (b.input, b.line) }
}

/// One row of a failure export after normalisation.
public struct FailureRow: Sendable {
    public var ref: RowRef
    /// The name, normalised (SPEC §3).
    public var name: String
    /// The ID field as the file has it (kept for the invalid-rows listing).
    public var rawID: String
    /// The name field as the file has it.
    public var rawName: String
    public var idType: String
    /// The ID as read, when the reader already read it from the field's bytes.
    public var id: Result<IDReading, IDProblem>? = nil
    public var phone: String
    public var province: String
    public var attemptedAt: String
    /// Displayed only: format characters removed, nothing else.
    public var message: String
    public var accountLevel: String
}

/// A failure row rule 0 rejected.
public struct InvalidRow: Sendable, Hashable {
    public let ref: RowRef
    public let reason: InvalidInputRule.Reason
    /// The name and ID as the file has them (the workbook and `invalid-rows.csv` show them so staff can find the row).
    public let rawName: String
    public let rawID: String
}

/// The attempts of one person tonight, merged into one case (SPEC §4). Only what the outputs show of the
/// latest attempt is kept.
public struct CaseDraft: Sendable {
    public let id: ResidentID
    /// Tonight's distinct attempts (SPEC §11: a row repeating an attempt of another file counts once).
    public internal(set) var attempts: Int
    /// Where its attempts' keys start in ``NightCases/attemptKeys`` (they are the next ``attempts`` entries).
    var firstKey: UInt32 = 0
    /// The latest attempt (the greatest `attempted_at`, ties going to the later row): it names the case.
    public internal(set) var name: String
    public internal(set) var phone: String
    public internal(set) var message: String
    /// The latest attempt's `attempted_at` as the file wrote it, kept only when it could not be read (a readable
    /// time is shown from ``latestTime``: a string each for a million cases is memory a national night lacks).
    var unreadableTime: String
    public internal(set) var latestTime: AttemptTime
    public internal(set) var latestRow: RowRef
    /// Some row says the account is level 2.
    public internal(set) var accountLevel2: Bool
    /// Some row carried a 15-digit number.
    public internal(set) var from15Digits: Bool

    /// The case's name, as compared.
    public var nameKey: NameKey { NameKey(normalized: name) }

    /// The latest attempt's time for display: `YYYY-MM-DD HH:MM:SS`, or the text the file held when unreadable.
    public var attemptedAt: String { latestTime.isKnown ? latestTime.text : unreadableTime }

    mutating func take(_ row: FailureRow, time: AttemptTime) {
        name = row.name
        phone = row.phone
        message = row.message
        unreadableTime = time.isKnown ? "" : row.attemptedAt
        latestTime = time
        latestRow = row.ref
    }
}

/// Tonight's cases, merged: the drafts in ID order and their attempts' identities.
public struct NightCases: Sendable {
    /// The cases, sorted by ID number.
    public var drafts: [CaseDraft]
    /// Every case's distinct attempt keys, sorted within each case, the cases in the order of ``drafts``.
    public var attemptKeys: [AttemptKey]
    /// The valid rows they were merged from (more than ``attemptKeys`` when rows repeat an attempt).
    public var rows: Int

    public init(drafts: [CaseDraft] = [], attemptKeys: [AttemptKey] = [], rows: Int = 0) {
        self.drafts = drafts
        self.attemptKeys = attemptKeys
        self.rows = rows
    }

    /// A draft's attempt keys.
    public func keys(of draft: CaseDraft) -> ArraySlice<AttemptKey> {
        attemptKeys[Int(draft.firstKey)..<(Int(draft.firstKey) + draft.attempts)]
    }
}

/// Merges failure rows into cases, in the order the rows are read (files in the order given, then line order).
public struct FailureAggregator: Sendable {
    private var index: [UInt64: Int] = [:]
    private var drafts: [CaseDraft] = []
    /// One entry per valid row: its draft and its attempt's key (sorted and deduplicated by ``finish()``).
    private var rowKeys: [(draft: UInt32, key: AttemptKey)] = []
    /// The digest of each distinct message text (a night has a handful).
    private var messageDigests: [String: UInt64] = [:]
    /// Each input's SHA-256, by index: a row without a readable time is told apart by its file and line.
    private let inputHashes: [String]
    public private(set) var invalidRows: [InvalidRow] = []
    /// Every non-empty province value tonight's rows name, with the rows naming it.
    public private(set) var provinceMentions: [String: [RowRef]] = [:]
    /// Rows read per input index, and rows rejected.
    public private(set) var rowsRead: [Int: Int] = [:]
    public private(set) var rowsRejected: [Int: Int] = [:]

    public init(inputHashes: [String] = []) {
        self.inputHashes = inputHashes
    }

    /// Takes one row.
    public mutating func add(_ row: FailureRow, asOf: CalendarDate) {
        rowsRead[row.ref.input, default: 0] += 1
        if !row.province.isEmpty { provinceMentions[row.province, default: []].append(row.ref) }
        let id = row.id ?? ResidentID.read(row.rawID, asOf: asOf)
        switch InvalidInputRule.check(idType: row.idType, name: row.name, id: id) {
        case .failure(let reason):
            rowsRejected[row.ref.input, default: 0] += 1
            invalidRows.append(InvalidRow(ref: row.ref, reason: reason, rawName: row.rawName, rawID: row.rawID))
        case .success(let reading):
            let time = AttemptTime(row.attemptedAt)
            let level2 = AccountLevel.isLevel2(row.accountLevel)
            let key = attemptKey(row, id: reading.id, time: time)
            if let i = index[reading.id.packed] {
                drafts[i].attempts += 1
                drafts[i].accountLevel2 = drafts[i].accountLevel2 || level2
                drafts[i].from15Digits = drafts[i].from15Digits || reading.heldAs15
                // Rows arrive in file order, then line order: on a tie the later row wins.
                if time >= drafts[i].latestTime { drafts[i].take(row, time: time) }
                rowKeys.append((UInt32(i), key))
            } else {
                index[reading.id.packed] = drafts.count
                rowKeys.append((UInt32(drafts.count), key))
                drafts.append(CaseDraft(id: reading.id, attempts: 1, name: row.name, phone: row.phone,
                                        message: row.message, unreadableTime: time.isKnown ? "" : row.attemptedAt,
                                        latestTime: time,
                                        latestRow: row.ref, accountLevel2: level2, from15Digits: reading.heldAs15))
            }
        }
    }

    private mutating func attemptKey(_ row: FailureRow, id: ResidentID, time: AttemptTime) -> AttemptKey {
        let message: UInt64
        if let known = messageDigests[row.message] {
            message = known
        } else {
            message = AttemptKey.messageDigest(TextNormalization.field(row.message))
            if messageDigests.count < 4096 { messageDigests[row.message] = message }
        }
        let origin = time.isKnown ? nil : (sha256: row.ref.input < inputHashes.count ? inputHashes[row.ref.input] : "",
                                           line: row.ref.line)
        return AttemptKey(id: id, time: time, message: message, accountLevel: row.accountLevel, name: row.name,
                          origin: origin)
    }

    /// The cases sorted by ID number, each counting its distinct attempts.
    public func finish() -> NightCases {
        let order = drafts.indices.sorted { drafts[$0].id < drafts[$1].id }
        var rank = [UInt32](repeating: 0, count: drafts.count)
        for (position, i) in order.enumerated() { rank[i] = UInt32(position) }
        var ranked = rowKeys.map { (draft: rank[Int($0.draft)], key: $0.key) }
        ranked.sort { ($0.draft, $0.key) < ($1.draft, $1.key) }
        var sorted = order.map { drafts[$0] }
        var keys: [AttemptKey] = []
        keys.reserveCapacity(ranked.count)
        var r = 0
        for d in sorted.indices {
            sorted[d].firstKey = UInt32(keys.count)
            var count = 0
            while r < ranked.count && ranked[r].draft == UInt32(d) {
                if count == 0 || keys[keys.count - 1] != ranked[r].key {
                    keys.append(ranked[r].key)
                    count += 1
                }
                r += 1
            }
            sorted[d].attempts = count
        }
        return NightCases(drafts: sorted, attemptKeys: keys, rows: rowKeys.count)
    }
}
