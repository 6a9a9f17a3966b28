import Foundation

/// A run refused for how it was asked (exit 64): history is replayed with `audit rerun`, never rewritten.
public struct RunRefused: Error, LocalizedError, Sendable {
    public let reason: String
    public var errorDescription: String? { reason }
}
