/// One shared copy of each distinct text: a night's million rows name a handful of provinces, messages, document
/// types and account levels, and each `String` kept would otherwise hold its own heap buffer.
struct StringInterner {
    private var table: [String: String] = [:]

    /// The shared copy of the text (a few dozen distinct values at most; past 4,096 texts are kept as they come, so
    /// a column of unique values never turns the table into a second copy of the file).
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let s = String(decoding: bytes, as: UTF8.self)
        if let shared = table[s] { return shared }
        if table.count < 4096 { table[s] = s }
        return s
    }
}
