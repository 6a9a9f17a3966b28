import Foundation

/// Paths inside the repository, found from this file's location (tests always run from the source tree).
enum Repository {
    static let root: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static var templates: String { root + "/templates" }
}
