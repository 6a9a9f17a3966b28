// swift-tools-version:6.0
//
// rxbind — triage of failed portal bindings for provincial drug administrations.
// Layers (STYLE.md): C modules → small general wrappers → the domain → a thin command.
import PackageDescription

let package = Package(
    name: "rxbind",
    // Built and tested on Linux only (Debian 12): the code uses Glibc and /proc/self/exe, so no Apple platform is
    // claimed.
    products: [
        .executable(name: "rxbind", targets: ["rxbind"]),
    ],
    dependencies: [
        // Exact versions: Package.resolved is not committed (this build machine's package copies carry other commit
        // ids than GitHub's), so the versions are pinned here for reproducible builds.
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        // C libraries, found with pkg-config; the module maps carry no paths.
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),

        // General wrappers: they know nothing about pharmacists.
        .target(name: "Spreadsheet", dependencies: ["CXlsxWriter", "SpreadsheetReader"]),
        .target(name: "SpreadsheetReader", dependencies: ["ZIPFoundation"]),
        .target(name: "Store", dependencies: ["CSQLite"]),
        // Files read and written the way a workspace needs: one reader, owner-only writes, hashes, durable renames.
        .target(name: "Files", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // Delimited text as real exports write it: encodings (GB18030 through iconv), dialects, RFC 4180 quoting.
        .target(name: "DelimitedText", dependencies: ["Files"]),

        // The domain.
        .target(
            name: "RxBind",
            dependencies: [
                "Spreadsheet", "SpreadsheetReader", "Store", "DelimitedText", "Files",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),

        // The command: argument parsing and exit codes only.
        .executableTarget(
            name: "rxbind",
            dependencies: ["RxBind", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // Deterministic generator of nights for `make bench` (and the samples' larger cousins).
        // It shares no code with RxBind: what it writes into expected/ is what it intended, an independent oracle.
        .executableTarget(name: "rxbind-gen"),

        // Micro-benchmarks of the hot paths for `make bench` (scripts/bench.sh).
        .executableTarget(name: "rxbind-bench", dependencies: ["RxBind", "DelimitedText", "Spreadsheet", "SpreadsheetReader"]),

        // Tests.
        .target(name: "TestSupport", dependencies: ["SpreadsheetReader", "ZIPFoundation"], path: "Tests/TestSupport"),
        .testTarget(name: "SpreadsheetTests", dependencies: ["Spreadsheet", "SpreadsheetReader", "TestSupport"]),
        .testTarget(name: "SpreadsheetReaderTests", dependencies: ["SpreadsheetReader", "Spreadsheet", "TestSupport"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "TestSupport"]),
        .testTarget(name: "DelimitedTextTests", dependencies: ["DelimitedText", "Files", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "FilesTests", dependencies: ["Files", "TestSupport"]),
        .testTarget(name: "RxBindTests", dependencies: ["RxBind", "DelimitedText", "Files", "Store", "TestSupport"]),
        .testTarget(
            name: "rxbindTests",
            dependencies: ["rxbind", "RxBind", "SpreadsheetReader", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
