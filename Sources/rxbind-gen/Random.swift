/// SplitMix64 (Steele, Lea and Flood 2014): small, fast and the same on every platform and Swift version.
///
/// Written here rather than using the standard library's `random(in:using:)` and `shuffled(using:)`, whose
/// algorithms are not promised to stay the same between Swift releases; a seed must give the same bytes forever.
struct SplitMix64 {
    private var state: UInt64

    /// A generator for one purpose: the seed and the parts (lane, index, stream, night …) are mixed so that
    /// neighbouring inputs give unrelated streams.
    init(_ seed: UInt64, _ parts: UInt64...) {
        var s = Self.mix(seed &+ 0x9E37_79B9_7F4A_7C15)
        for p in parts { s = Self.mix(s ^ (p &+ 0xD1B5_4A32_D192_ED03)) }
        state = s
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// A number in `0..<bound` (the modulo bias is far below anything a test could see).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "empty range")
        return Int(next() % UInt64(bound))
    }

    /// A number in the closed range.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// True with probability `percent` / 100.
    mutating func percent(_ percent: Int) -> Bool {
        below(100) < percent
    }

    /// One element, uniformly.
    mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// One index, with the given weights.
    mutating func weighted(_ weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        var r = below(total)
        for (i, w) in weights.enumerated() {
            if r < w { return i }
            r -= w
        }
        return weights.count - 1
    }

    /// Fisher–Yates, in place.
    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, below(i + 1))
        }
    }
}

/// A bijection of `0..<count` that looks shuffled, for emitting rows in a mixed order without holding them.
///
/// `i ↦ (a·i + b) mod count` with `a` coprime to `count` visits every index once.
struct AffinePermutation {
    let count: Int
    private let a: Int
    private let b: Int

    init(count: Int, rng: inout SplitMix64) {
        self.count = count
        guard count > 1 else { a = 1; b = 0; return }
        var candidate = Int(rng.next() % UInt64(count)) | 1
        while gcd(candidate, count) != 1 { candidate += 1 }
        a = candidate
        b = rng.below(count)
    }

    /// The index placed at position `i`.
    func callAsFunction(_ i: Int) -> Int {
        Int((UInt64(a) &* UInt64(i) &+ UInt64(b)) % UInt64(count))
    }
}

func gcd(_ x: Int, _ y: Int) -> Int {
    var (a, b) = (x, y)
    while b != 0 { (a, b) = (b, a % b) }
    return a
}
