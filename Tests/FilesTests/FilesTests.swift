import Files
import Foundation
import Testing
import TestSupport

/// The file layer: paths as people type them, owner-only writes with their hash, and one error vocabulary.
@Suite struct FilesTests {
    @Test(arguments: [
        ("w", nil, "w"), ("w/", nil, "w"), ("./w", ".", "w"), ("a/b", "a", "b"), ("a/b/", "a", "b"),
        ("/w", "/", "w"), ("/", nil, "/"), ("my ws/工作区", "my ws", "工作区"), ("a//b", "a", "b"),
    ] as [(String, String?, String)])
    func pathsAreSplitAsTyped(_ path: String, parent: String?, last: String) {
        #expect(FileSystem.parent(of: path) == parent)
        #expect(FileSystem.lastComponent(of: path) == last)
    }

    @Test func anOutputFileIsOwnerOnlyAndKnowsItsHash() throws {
        let dir = try TemporaryDirectory("files")
        let path = dir.file("out.txt")
        let file = try OutputFile(path: path, mode: 0o600)
        try file.write("一行\n")
        try file.write(Array(repeating: 0x41, count: 200_000))
        let (sha, bytes) = try file.close()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes == data.count && sha == Digest.sha256(data))
        #expect(permissions(under: dir.path).first { $0.path == "out.txt" }?.mode == 0o600)
        // It must not exist yet: an output is never written over.
        #expect(throws: FileError.self) { try OutputFile(path: path) }
        var seen = 0
        let hashed = try FileSystem.hash(path) { seen += $0.count }
        #expect(hashed.sha256 == sha && hashed.bytes == bytes && seen == bytes)
    }

    @Test func failuresNameThePathTheStepAndTheSystemsReason() throws {
        let dir = try TemporaryDirectory("files-errors")
        do {
            _ = try FileSystem.read(dir.file("missing"))
            Issue.record("a missing file was read")
        } catch {
            #expect(error == FileError(path: dir.file("missing"), operation: .opening, code: ENOENT))
            #expect(error.operation.isReading)
            #expect(error.systemMessage == "No such file or directory")
        }
        do {
            _ = try FileSystem.read(dir.path)
            Issue.record("a folder was read as a file")
        } catch {
            #expect(error.operation == .reading && error.code == EISDIR)
        }
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir.file("blocker")))
        do {
            try FileSystem.makeDirectory(dir.file("blocker/inside"))
            Issue.record("a folder was made inside a file")
        } catch {
            #expect(!error.operation.isReading)
        }
        do {
            try FileSystem.makeDirectory(dir.file("blocker"))
            Issue.record("a file was taken for a folder")
        } catch {
            #expect(error.operation == .expectingFolder)
        }
    }
}
