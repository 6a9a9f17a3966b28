import Foundation

/// One value as SQLite stores it: its five storage classes.
///
/// Literals work where a `DatabaseValue` is expected: `try statement.execute(["110101199003071234", 3, nil])`.
public enum DatabaseValue: Sendable, Hashable {
    /// SQL NULL (distinct from the empty string and the empty blob).
    case null
    /// A signed 64-bit integer.
    case integer(Int64)
    /// A 64-bit IEEE floating-point number. SQLite stores NaN as NULL.
    case real(Double)
    /// UTF-8 text.
    case text(String)
    /// Bytes.
    case blob([UInt8])
}

extension DatabaseValue: ExpressibleByNilLiteral {
    /// `nil` is NULL.
    public init(nilLiteral: ()) { self = .null }
}

extension DatabaseValue: ExpressibleByIntegerLiteral {
    /// An integer literal is an integer.
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension DatabaseValue: ExpressibleByFloatLiteral {
    /// A floating-point literal is a real.
    public init(floatLiteral value: Double) { self = .real(value) }
}

extension DatabaseValue: ExpressibleByStringLiteral {
    /// A string literal is text.
    public init(stringLiteral value: String) { self = .text(value) }
}

extension DatabaseValue: ExpressibleByBooleanLiteral {
    /// `true` and `false` are the integers 1 and 0, as in SQLite itself.
    public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}

/// A Swift type that can be bound to a statement parameter.
public protocol DatabaseValueConvertible {
    /// The value to store.
    var databaseValue: DatabaseValue { get }
}

extension DatabaseValue {
    /// The stored form of any convertible value: `DatabaseValue(someOptionalString)`.
    public init(_ value: some DatabaseValueConvertible) { self = value.databaseValue }
}

extension DatabaseValue: DatabaseValueConvertible {
    /// Itself.
    public var databaseValue: DatabaseValue { self }
}

extension Int: DatabaseValueConvertible {
    /// An integer (`Int` is 64 bits on every platform this package builds for).
    public var databaseValue: DatabaseValue { .integer(Int64(self)) }
}

extension Int64: DatabaseValueConvertible {
    /// An integer.
    public var databaseValue: DatabaseValue { .integer(self) }
}

extension Int32: DatabaseValueConvertible {
    /// An integer.
    public var databaseValue: DatabaseValue { .integer(Int64(self)) }
}

extension Double: DatabaseValueConvertible {
    /// A real.
    public var databaseValue: DatabaseValue { .real(self) }
}

extension Bool: DatabaseValueConvertible {
    /// The integer 1 or 0: SQLite has no boolean storage class.
    public var databaseValue: DatabaseValue { .integer(self ? 1 : 0) }
}

extension String: DatabaseValueConvertible {
    /// Text.
    public var databaseValue: DatabaseValue { .text(self) }
}

extension Substring: DatabaseValueConvertible {
    /// Text (copied into a `String`).
    public var databaseValue: DatabaseValue { .text(String(self)) }
}

extension Array: DatabaseValueConvertible where Element == UInt8 {
    /// A blob.
    public var databaseValue: DatabaseValue { .blob(self) }
}

extension Data: DatabaseValueConvertible {
    /// A blob (the bytes are copied into the value).
    public var databaseValue: DatabaseValue { .blob([UInt8](self)) }
}

extension Optional: DatabaseValueConvertible where Wrapped: DatabaseValueConvertible {
    /// NULL for `nil`, the wrapped value's otherwise.
    public var databaseValue: DatabaseValue { self?.databaseValue ?? .null }
}
