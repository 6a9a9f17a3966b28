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
    /// The number of rows tonight.
    public internal(set) var attempts: Int
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

/// Merges failure rows into cases, in the order the rows are read (files in the order given, then line order).
public struct FailureAggregator: Sendable {
    private var index: [UInt64: Int] = [:]
    public private(set) var drafts: [CaseDraft] = []
    public private(set) var invalidRows: [InvalidRow] = []
    /// Every non-empty province value tonight's rows name, with the rows naming it.
    public private(set) var provinceMentions: [String: [RowRef]] = [:]
    /// Rows read per input index, and rows rejected.
    public private(set) var rowsRead: [Int: Int] = [:]
    public private(set) var rowsRejected: [Int: Int] = [:]

    public init() {}

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
            if let i = index[reading.id.packed] {
                drafts[i].attempts += 1
                drafts[i].accountLevel2 = drafts[i].accountLevel2 || level2
                drafts[i].from15Digits = drafts[i].from15Digits || reading.heldAs15
                // Rows arrive in file order, then line order: on a tie the later row wins.
                if time >= drafts[i].latestTime { drafts[i].take(row, time: time) }
            } else {
                index[reading.id.packed] = drafts.count
                drafts.append(CaseDraft(id: reading.id, attempts: 1, name: row.name, phone: row.phone,
                                        message: row.message, unreadableTime: time.isKnown ? "" : row.attemptedAt,
                                        latestTime: time,
                                        latestRow: row.ref, accountLevel2: level2, from15Digits: reading.heldAs15))
            }
        }
    }

    /// The cases sorted by ID number.
    public func sortedDrafts() -> [CaseDraft] { drafts.sorted { $0.id < $1.id } }
}
