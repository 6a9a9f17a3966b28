/// A binary min-heap, for releasing scheduled rows in slot order.
struct MinHeap<Element> {
    private var items: [Element] = []
    private let less: (Element, Element) -> Bool

    init(by less: @escaping (Element, Element) -> Bool) { self.less = less }

    var isEmpty: Bool { items.isEmpty }
    var first: Element? { items.first }

    mutating func push(_ e: Element) {
        items.append(e)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard less(items[i], items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    @discardableResult
    mutating func pop() -> Element? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < items.count && less(items[l], items[m]) { m = l }
            if r < items.count && less(items[r], items[m]) { m = r }
            if m == i { break }
            items.swapAt(i, m)
            i = m
        }
        return top
    }
}

/// One failure export being written: rows arrive with a slot (a position in the night's emission order) and
/// leave in slot order, so one person's rows spread over the file while keeping the order the generator planned.
/// It counts physical lines as it writes, which is where the expected line numbers of invalid rows come from.
final class FailureFile {
    let dialect: FailureDialect
    private let writer: TextWriter
    /// Rows wait boxed, so that the heap moves references rather than rows of a dozen strings.
    private final class Box {
        let row: FileRow
        init(_ row: FileRow) { self.row = row }
    }
    private var heap = MinHeap<(slot: Int, seq: Int, box: Box)>(by: { ($0.slot, $0.seq) < ($1.slot, $1.seq) })
    private var seq = 0
    /// The physical line the next record starts on (the header is line 1).
    private var line = 2
    private var serial = 0
    /// Every invalid row written: its line and the reason it was built for, in line order.
    private(set) var invalidRows: [(line: Int, reason: InvalidReason)] = []
    private(set) var dataRows = 0

    init(directory: String, dialect: FailureDialect) throws {
        self.dialect = dialect
        writer = try TextWriter(path: directory + "/" + dialect.fileName, encoding: dialect.encoding)
        let header = dialect.columns.map { delimitedField($0.header, delimiter: dialect.delimiterByte) }
            .joined(separator: String(dialect.delimiter))
        try writer.write(header + dialect.lineEnd)
    }

    func schedule(_ row: FileRow, slot: Int) {
        heap.push((slot, seq, Box(row)))
        seq += 1
    }

    /// Writes every row whose slot is at most `slot`.
    func release(upTo slot: Int) throws {
        while let top = heap.first, top.slot <= slot {
            heap.pop()
            try write(top.box.row)
        }
    }

    private func write(_ row: FileRow) throws {
        let d = String(dialect.delimiter)
        switch row {
        case .blankLine:
            try writer.write(dialect.lineEnd)
            line += 1
        case .emptyFields:
            try writer.write(String(repeating: d, count: dialect.columns.count - 1) + dialect.lineEnd)
            line += 1
        case .data(let r):
            serial += 1
            dataRows += 1
            var fields: [String] = dialect.columns.map { column in
                switch column.kind {
                case .serial: return String(serial)
                case .name: return r.name
                case .id: return r.id
                case .idType: return r.idType
                case .phone: return r.phone
                case .secondPhone: return "0991-" + String(r.phone.suffix(7))
                case .province: return r.province
                case .time: return r.time
                case .message: return r.message
                case .level: return r.level
                case .remark: return r.remark
                }
            }
            if r.cutAfterName {
                fields = Array(fields.prefix(dialect.index(of: .name)! + 1))
            } else if r.droppedColumns > 0 {
                fields = Array(fields.dropLast(r.droppedColumns))
            }
            if r.extraField { fields.append("多余的一列") }
            let text = fields.map { delimitedField($0, delimiter: dialect.delimiterByte, forceQuotes: r.quoteAll) }.joined(separator: d)
            if let reason = r.invalid { invalidRows.append((line, reason)) }
            try writer.write(text + dialect.lineEnd)
            line += 1 + lineBreaks(in: text)
        }
    }

    /// Writes what is left and closes the file, with a trailing blank line when asked (SPEC §2 accepts one).
    func finish(trailingBlankLine: Bool) throws {
        try release(upTo: Int.max)
        if trailingBlankLine { try writer.write(dialect.lineEnd) }
        try writer.close()
    }
}
