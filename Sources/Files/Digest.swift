import Crypto
import Foundation

/// SHA-256 as lowercase hex, the form every hash takes in manifests and run ids.
public enum Digest {
    /// The hex SHA-256 of bytes.
    public static func sha256<D: DataProtocol>(_ data: D) -> String { hex(SHA256.hash(data: data)) }

    /// The hex SHA-256 of a string's UTF-8.
    public static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }

    static func hex<S: Sequence<UInt8>>(_ bytes: S) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}

/// An incremental SHA-256 for files read in chunks.
public struct StreamingDigest {
    private var hasher = SHA256()
    /// Bytes fed so far.
    public private(set) var count = 0

    public init() {}

    /// Feeds a chunk.
    public mutating func update(_ chunk: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: chunk)
        count += chunk.count
    }

    /// The hex digest.
    public func finish() -> String { Digest.hex(hasher.finalize()) }
}
