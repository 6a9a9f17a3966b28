import Foundation
import Testing
import TestSupport

/// Issue 11: rxbind installed like a real tool. The release binary needs no Swift toolchain, `make install` and the
/// Debian package put it where administrators expect it with its templates, man page and completions, and the
/// scheduling examples in docs/ are valid units whose command runs the night on China's date.
///
/// Every test here drives the Makefile and the release build, which `make test` prepares before `swift test`.
@Suite(.serialized) struct InstallTests {
    static let fixture = Packaging.root + "/Tests/rxbindTests/Fixtures/spec-night/input"

    // MARK: The release binary

    @Test func releaseBinaryLinksOnlySystemLibrariesAndNothingOfTheToolchain() throws {
        try Packaging.prepared.get()
        let swift = try #require(findProgram("swift"), "swift is on the PATH of swift test")
        // …/usr/bin/swift → …/usr: every library the toolchain ships lives below it.
        let toolchain = URL(fileURLWithPath: swift).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().path + "/"

        func toolchainLibraries(_ binary: String) throws -> [String] {
            let ldd = try runProgram(try #require(findProgram("ldd")), [binary])
            #expect(ldd.status == 0, "\(ldd.stderr)")
            #expect(!ldd.stdout.contains("not found"), "\(ldd.stdout)")
            return ldd.stdout.split(separator: "\n").map(String.init).filter { $0.contains(toolchain) }
        }
        #expect(try toolchainLibraries(Packaging.releaseBinary) == [])
        // The same check flags a binary that does need the toolchain: the debug build links the Swift runtime.
        #expect(try !toolchainLibraries(RxBindBinary.path).isEmpty, "the debug build is expected to use \(toolchain)")

        // What the binary asks for itself (ldd also lists the libraries' own dependencies): the issue's system
        // libraries, and no run path, so an installed binary never looks for libraries beside itself.
        let dynamic = try runProgram(try #require(findProgram("readelf")), ["-d", Packaging.releaseBinary])
        #expect(dynamic.status == 0, "\(dynamic.stderr)")
        let needed = dynamic.stdout.split(separator: "\n").compactMap { line -> String? in
            guard line.contains("(NEEDED)"), let open = line.firstIndex(of: "["), let close = line.lastIndex(of: "]") else {
                return nil
            }
            return String(line[line.index(after: open)..<close])
        }
        let system = ["libc.so.", "libm.so.", "libstdc++.so.", "libgcc_s.so.", "libxlsxwriter.so.", "libsqlite3.so.",
                      "libz.so.", "ld-linux"]
        #expect(needed.filter { name in !system.contains { name.hasPrefix($0) } } == [], "\(needed)")
        #expect(needed.contains { $0.hasPrefix("libxlsxwriter.so.") } && needed.contains { $0.hasPrefix("libsqlite3.so.") })
        #expect(!dynamic.stdout.contains("(RPATH)") && !dynamic.stdout.contains("(RUNPATH)"), "\(dynamic.stdout)")

        // And it runs with an empty environment: no PATH, no LD_LIBRARY_PATH.
        let bare = try runProgram("/usr/bin/env", ["-i", Packaging.releaseBinary, "--version"])
        #expect(bare.status == 0, "\(bare.stderr)")
        #expect(bare.stdout.hasPrefix(try Packaging.version() + " "))
    }

    // MARK: make install

    @Test func installedBinaryFindsItsTemplatesFromAnyFolderAndWritesWhatTheBuildFolderBinaryWrites() throws {
        try Packaging.prepared.get()
        let dir = try TemporaryDirectory("install")
        let destdir = dir.file("root")
        let install = try make(["install", "DESTDIR=" + destdir])
        try #require(install.status == 0, "\(install.tail)")
        let prefix = destdir + "/usr/local"
        let installed = prefix + "/bin/rxbind"
        #expect(FileManager.default.isExecutableFile(atPath: installed))

        // The default templates, the man page and the completions in their conventional folders.
        for name in try Packaging.templateNames() {
            #expect(contents(prefix + "/share/rxbind/templates/" + name) == contents(Packaging.root + "/templates/" + name),
                    "\(name)")
        }
        #expect(contents(prefix + "/share/man/man1/rxbind.1") == contents(Packaging.manPage))
        try expectCompletions(of: installed, bash: prefix + "/share/bash-completion/completions/rxbind",
                              zsh: prefix + "/share/zsh/site-functions/_rxbind",
                              fish: prefix + "/share/fish/vendor_completions.d/rxbind.fish")
        for example in ["rxbind-nightly.service", "rxbind-nightly.timer", "rxbind.cron"] {
            #expect(contents(prefix + "/share/doc/rxbind/examples/" + example) == contents(Packaging.root + "/docs/" + example))
        }

        // Started from a folder that has nothing to do with it, the installed binary finds its installed templates and
        // writes byte for byte what the build-folder binaries (debug and release, which find templates/ in the
        // checkout) write.
        let elsewhere = dir.file("elsewhere")
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        let fromInstall = try runNight(installed, workspace: dir.file("ws-installed"), from: elsewhere)
        let fromDebug = try runNight(RxBindBinary.path, workspace: dir.file("ws-debug"), from: Packaging.root)
        let fromRelease = try runNight(Packaging.releaseBinary, workspace: dir.file("ws-release"), from: elsewhere)
        expectSameOutputs(fromInstall, fromDebug, "installed and debug build")
        expectSameOutputs(fromInstall, fromRelease, "installed and release build")

        // --templates still overrides: an edited copy changes the templates' hash, and with it the run id.
        let edited = dir.file("edited-templates")
        try FileManager.default.copyItem(atPath: Packaging.root + "/templates", toPath: edited)
        let form = try String(contentsOfFile: edited + "/form.yaml", encoding: .utf8)
        try #require(form.contains("\ntitle: "))
        try form.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: 测试 ").write(toFile: edited + "/form.yaml",
                                                                                   atomically: false, encoding: .utf8)
        let overridden = try runNight(installed, workspace: dir.file("ws-edited"), from: elsewhere,
                                      extra: ["--templates", edited])
        #expect(overridden.runID != nil && overridden.runID != fromInstall.runID)

        // Without its installed templates it says so, rather than picking up some other folder's.
        let moved = dir.file("moved-templates")
        try FileManager.default.moveItem(atPath: prefix + "/share/rxbind/templates", toPath: moved)
        let lost = try nightProcess(installed, workspace: dir.file("ws-lost"), from: elsewhere)
        #expect(lost.status == 64, "\(lost.stdout)\(lost.stderr)")
        #expect(lost.stderr.contains("--templates"))
        try FileManager.default.moveItem(atPath: moved, toPath: prefix + "/share/rxbind/templates")

        // make uninstall takes every file away again, and rxbind's own folders.
        let uninstall = try make(["uninstall", "DESTDIR=" + destdir])
        #expect(uninstall.status == 0, "\(uninstall.tail)")
        #expect(regularFiles(under: destdir) == [])
        #expect(!FileManager.default.fileExists(atPath: prefix + "/share/rxbind"))
        #expect(!FileManager.default.fileExists(atPath: prefix + "/share/doc/rxbind"))
    }

    // MARK: make deb

    @Test func debianPackageInstallsIntoUsrAndDependsOnRuntimeLibrariesOnly() throws {
        try Packaging.prepared.get()
        let dir = try TemporaryDirectory("deb")
        let build = try make(["deb", "DISTDIR=" + dir.file("dist")])
        try #require(build.status == 0, "\(build.tail)")
        let version = try Packaging.version()
        let architecture = try runProgram(try #require(findProgram("dpkg")), ["--print-architecture"])
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let name = "rxbind_\(version)_\(architecture).deb"
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("dist")) == [name])
        let package = dir.file("dist/" + name)
        let dpkgDeb = try #require(findProgram("dpkg-deb"))

        // Control fields.
        let info = try runProgram(dpkgDeb, ["-f", package, "Package", "Version", "Architecture", "Depends"])
        #expect(info.status == 0, "\(info.stderr)")
        var fields: [String: String] = [:]
        for line in info.stdout.split(separator: "\n") {
            if let colon = line.firstIndex(of: ":") {
                fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        #expect(fields["Package"] == "rxbind")
        #expect(fields["Version"] == version)
        #expect(fields["Architecture"] == architecture)
        let depends = (fields["Depends"] ?? "").split(separator: ",").map {
            String($0.split(separator: "(")[0]).trimmingCharacters(in: .whitespaces)
        }
        // The runtime packages (named after the library's soname version), never the -dev ones the build needed.
        #expect(depends.contains { $0.hasPrefix("libxlsxwriter") && $0.dropFirst("libxlsxwriter".count).allSatisfy(\.isNumber) },
                "\(depends)")
        #expect(depends.contains("libsqlite3-0"), "\(depends)")
        #expect(depends.contains("tzdata"), "TZ=Asia/Shanghai of the scheduling examples needs the time-zone database")
        #expect(!depends.contains { $0.hasSuffix("-dev") || $0.contains("swift") }, "\(depends)")

        // Everything root's, everything under /usr.
        let listing = try runProgram(dpkgDeb, ["-c", package])
        #expect(listing.status == 0, "\(listing.stderr)")
        let entries = listing.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(!entries.isEmpty)
        for entry in entries {
            #expect(entry.count >= 6 && entry[1] == "root/root", "\(entry)")
            #expect(entry.last.map { $0 == "./" || $0.hasPrefix("./usr/") } == true, "\(entry)")
        }

        // Unpacked into a scratch root: the binary runs with an empty environment and is the tool's version.
        let root = dir.file("root")
        let unpack = try runProgram(dpkgDeb, ["-x", package, root])
        #expect(unpack.status == 0, "\(unpack.stderr)")
        let binary = root + "/usr/bin/rxbind"
        let versionRun = try runProgram("/usr/bin/env", ["-i", binary, "--version"])
        #expect(versionRun.status == 0, "\(versionRun.stderr)")
        #expect(versionRun.stdout == (try RxBindBinary.run(["--version"])).stdout)

        // The man page reads cleanly (mdoc prints its warnings on standard error) and documents what --help documents.
        let man = try runProgram(try #require(findProgram("man")), ["-l", root + "/usr/share/man/man1/rxbind.1.gz"],
                                 environment: ["MANWIDTH": "200", "MANPAGER": "cat", "PAGER": "cat", "LC_ALL": "C"])
        #expect(man.status == 0, "\(man.stderr)")
        #expect(man.stderr == "", "\(man.stderr)")
        for heading in ["NAME", "SYNOPSIS", "DESCRIPTION"] { #expect(man.stdout.contains(heading), "\(heading)") }
        // The man page is English (Makefile, `man`): compare it with the English help.
        for command in [["run"], ["runs"], ["audit", "verify"], ["audit", "rerun"], ["cases"], ["id", "check"]] {
            let help = try RxBindBinary.run(command + ["--help"], environment: ["RXBIND_LANG": "en"])
            let options = Set(help.stdout.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") })
                .filter { $0.hasPrefix("--") && $0.count > 2 }.map(String.init))
            #expect(!options.isEmpty)
            for option in options { #expect(man.stdout.contains(option), "\(command) \(option)") }
            #expect(man.stdout.contains(try #require(help.stdout.split(separator: "\n").first.map(String.init))
                .replacingOccurrences(of: "OVERVIEW: ", with: "")), "\(command)'s abstract")
        }

        // Templates, completions in Debian's folders, and the scheduling examples.
        for name in try Packaging.templateNames() {
            #expect(contents(root + "/usr/share/rxbind/templates/" + name) == contents(Packaging.root + "/templates/" + name))
        }
        try expectCompletions(of: binary, bash: root + "/usr/share/bash-completion/completions/rxbind",
                              zsh: root + "/usr/share/zsh/vendor-completions/_rxbind",
                              fish: root + "/usr/share/fish/vendor_completions.d/rxbind.fish")
        for example in ["rxbind-nightly.service", "rxbind-nightly.timer", "rxbind.cron"] {
            #expect(contents(root + "/usr/share/doc/rxbind/examples/" + example) == contents(Packaging.root + "/docs/" + example))
        }

        // The packaged binary finds the packaged templates and writes what the build-folder binary writes.
        let elsewhere = dir.file("elsewhere")
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        expectSameOutputs(try runNight(binary, workspace: dir.file("ws-package"), from: elsewhere),
                          try runNight(Packaging.releaseBinary, workspace: dir.file("ws-release"), from: Packaging.root),
                          "packaged and release build")
    }

    // MARK: Nightly scheduling

    @Test func schedulingExamplesAreValidAndTheirCommandRunsTheNightOnChinasDate() throws {
        try Packaging.prepared.get()
        let docs = Packaging.root + "/docs/"
        let service = try UnitFile(docs + "rxbind-nightly.service")
        let timer = try UnitFile(docs + "rxbind-nightly.timer")

        // What the README promises: China's time zone for --as-of, a daily timer in China's time, retries for exit 75
        // (busy) only — 64, 65, 73 and 1 wait for a person.
        #expect(service.values("Environment").contains("TZ=Asia/Shanghai"))
        #expect(service.values("Type") == ["oneshot"])
        #expect(service.values("Restart") == ["on-failure"])
        #expect(Set(service.values("RestartPreventExitStatus").flatMap { $0.split(separator: " ").map(String.init) })
                == ["1", "64", "65", "73"])
        let calendar = try #require(timer.values("OnCalendar").first)
        #expect(calendar.hasSuffix(" Asia/Shanghai"), "\(calendar)")
        let execStart = try #require(service.values("ExecStart").first).split(separator: " ").map(String.init)
        #expect(Array(execStart.prefix(2)) == ["/usr/bin/rxbind", "run"])

        // The cron line runs the same command, with the same TZ.
        // Its one schedule line: not a comment, not a VARIABLE=value line.
        let cronLines = try String(contentsOfFile: docs + "rxbind.cron", encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !($0.split(separator: " ").first?.contains("=") ?? true) }
        try #require(cronLines.count == 1, "\(cronLines)")
        let cron = cronLines[0].split(separator: " ").map(String.init)
        #expect(cron.count > 7 && cron[5] == "rxbind" && cron[6] == "TZ=Asia/Shanghai", "\(cron)")
        #expect(Array(cron.dropFirst(7).prefix { !$0.hasPrefix(">") && $0 != "2>&1" }) == execStart)

        // The unit's command, with the release binary for /usr/bin/rxbind and a scratch folder for /var/lib/rxbind,
        // run the way systemd runs it (its environment, from its working directory) on the reference night.
        let dir = try TemporaryDirectory("schedule")
        func local(_ word: String) -> String {
            if word == "/usr/bin/rxbind" { return Packaging.releaseBinary }
            if word.hasPrefix("/var/lib/rxbind") { return dir.path + "/state" + word.dropFirst("/var/lib/rxbind".count) }
            return word
        }
        let arguments = execStart.map(local)
        // failures-a.csv is GB18030, which the reader does not decode yet: add it as a second export once it does.
        for (option, fixture) in [("--certificates", "certificates.csv"), ("--registry", "registry.tsv")] {
            let index = try #require(arguments.firstIndex(of: option))
            try placeExport(Self.fixture + "/" + fixture, at: arguments[index + 1])
        }
        try placeExport(Self.fixture + "/failures-b.csv", at: try #require(arguments.last))
        let workingDirectory = local(try #require(service.values("WorkingDirectory").first))
        try FileManager.default.createDirectory(atPath: workingDirectory, withIntermediateDirectories: true)
        var environment: [String: String] = [:]
        for assignment in service.values("Environment").flatMap({ $0.split(separator: " ") }) {
            let parts = assignment.split(separator: "=", maxSplits: 1)
            environment[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        let before = try Self.chinaDate()
        let night = try runProgram(arguments[0], Array(arguments.dropFirst()), in: workingDirectory, environment: environment)
        let after = try Self.chinaDate()
        #expect(night.status == 0, "\(night.stdout)\(night.stderr)")
        let runID = try #require(printedRunID(night.stdout), "\(night.stdout)")
        #expect([before, after].contains(String(runID.prefix(8))), "run \(runID) is dated China's today (\(before))")

        // systemd's own check, where systemd-analyze is installed (make deps installs it).
        guard let analyze = findProgram("systemd-analyze") else {
            // A warning, shown in the test output without failing the run: the issue asks for this check only where
            // the tool is available.
            Issue.record("""
                systemd-analyze is not installed here, so `systemd-analyze verify` of docs/rxbind-nightly.service \
                and .timer was SKIPPED (make deps installs it); every other check of the scheduling examples ran.
                """, severity: .warning)
            return
        }
        // verify checks that ExecStart's program exists and, through man, that Documentation=man:rxbind(1) does.
        let units = dir.file("units")
        let manual = dir.file("man/man1")
        try FileManager.default.createDirectory(atPath: units, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: manual, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Packaging.manPage, toPath: manual + "/rxbind.1")
        try service.text.replacingOccurrences(of: "ExecStart=/usr/bin/rxbind ", with: "ExecStart=\(Packaging.releaseBinary) ")
            .write(toFile: units + "/rxbind-nightly.service", atomically: false, encoding: .utf8)
        try timer.text.write(toFile: units + "/rxbind-nightly.timer", atomically: false, encoding: .utf8)
        func verify() throws -> ProcessResult {
            try runProgram(analyze, ["verify", units + "/rxbind-nightly.service", units + "/rxbind-nightly.timer"],
                           environment: ["MANPATH": dir.file("man"), "SYSTEMD_LOG_COLOR": "0"])
        }
        let verified = try verify()
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(!verified.stderr.contains("rxbind"), "\(verified.stderr)")

        // The check has teeth: a timer set to an hour that does not exist is refused.
        try timer.text.replacingOccurrences(of: calendar, with: "*-*-* 25:30:00 Asia/Shanghai")
            .write(toFile: units + "/rxbind-nightly.timer", atomically: false, encoding: .utf8)
        #expect(try verify().status != 0)
    }

    // MARK: Helpers

    /// China's date now, YYYYMMDD, as a run id starts with it.
    static func chinaDate() throws -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let day = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d%02d%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
    }

    /// Copies a fixture to where the scheduled command expects an export, creating its folder.
    func placeExport(_ fixture: String, at path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixture, toPath: path)
    }

    /// The installed completions are what the installed binary generates, and bash's completes a command.
    func expectCompletions(of binary: String, bash: String, zsh: String, fish: String) throws {
        for (shell, path) in [("bash", bash), ("zsh", zsh), ("fish", fish)] {
            let generated = try runProgram(binary, ["--generate-completion-script", shell])
            #expect(generated.status == 0 && !generated.stdoutBytes.isEmpty, "\(shell)")
            #expect(contents(path) == generated.stdoutBytes, "\(path)")
        }
        func complete(_ words: [String]) throws -> [String] {
            let line = words.joined(separator: " ")
            let script = """
                source "$1"; COMP_WORDS=(\(words.joined(separator: " "))); COMP_CWORD=\(words.count - 1); \
                COMP_LINE="\(line)"; COMP_POINT=${#COMP_LINE}; _rxbind rxbind "\(words.last ?? "")" "\(words.dropLast().last ?? "")"; \
                printf '%s\\n' "${COMPREPLY[@]}"
                """
            let r = try runProgram("/bin/bash", ["-c", script, "bash", bash])
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout.split(separator: "\n").map(String.init)
        }
        #expect(try complete(["rxbind", "au"]) == ["audit"])
        #expect(try complete(["rxbind", "run", "--reg"]) == ["--registry"])
    }
}

/// The outputs of one `rxbind run` of the reference night.
private struct NightOutputs {
    let runID: String?
    let files: [String: Data]
}

/// Runs `binary run` on the reference night, as of its date, from `directory`; #expects it to succeed.
private func runNight(_ binary: String, workspace: String, from directory: String, extra: [String] = []) throws -> NightOutputs {
    let r = try nightProcess(binary, workspace: workspace, from: directory, extra: extra)
    #expect(r.status == 0, "\(binary): \(r.stdout)\(r.stderr)")
    let runID = printedRunID(r.stdout)
    let files = runID.map { snapshot(of: workspace + "/runs/" + $0) } ?? [:]
    return NightOutputs(runID: runID, files: files)
}

/// `binary run` on the reference night (failures-b.csv alone: failures-a.csv is GB18030, which the reader does not
/// decode yet — add it here once it does).
private func nightProcess(_ binary: String, workspace: String, from directory: String,
                          extra: [String] = []) throws -> ProcessResult {
    let input = InstallTests.fixture
    return try runProgram(binary, ["run", "--workspace", workspace, "--as-of", "2026-11-21", "--province", "新疆维吾尔自治区",
                                   "--certificates", input + "/certificates.csv", "--registry", input + "/registry.tsv"]
                                   + extra + [input + "/failures-b.csv"], in: directory)
}

/// Two runs wrote the same files, byte for byte, under the same run id.
private func expectSameOutputs(_ a: NightOutputs, _ b: NightOutputs, _ what: String) {
    #expect(a.runID != nil && a.runID == b.runID, "\(what): run ids \(a.runID ?? "none") and \(b.runID ?? "none")")
    #expect(a.files.keys.sorted() == b.files.keys.sorted(), "\(what)")
    #expect(a.files.keys.contains("manifest.json") && a.files.keys.contains("cases.csv")
            && a.files.keys.contains("triage.xlsx"), "\(what): \(a.files.keys.sorted())")
    for name in a.files.keys.sorted() where a.files[name] != b.files[name] {
        Issue.record("\(what): \(name) differs")
    }
}

/// The release build, the man page and the completions, shared by every test here and made once per test process.
private enum Packaging {
    /// The package's root folder (this file is Tests/rxbindTests/InstallTests.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let releaseBinary = root + "/.build-release/release/rxbind"
    static let manPage = root + "/.build-release/man/rxbind.1"

    struct NotPrepared: Error, CustomStringConvertible { let description: String }

    /// Made on first use: `make release completions`, after checking that the man page is current.
    static let prepared: Result<Void, NotPrepared> = {
        // The man page comes from the generate-manual plugin, which builds in .build — held locked by `swift test`
        // while these tests run, so making it from here would wait forever. `make -q` only asks.
        guard let upToDate = try? make(["-q", ".build-release/man/rxbind.1"]), upToDate.status == 0 else {
            return .failure(NotPrepared(description: """
                The man page is missing or older than the sources. Run `make release man` (make test does) before \
                `swift test`: its plugin builds in .build, which swift test keeps locked.
                """))
        }
        do {
            let r = try make(["release", "completions"])
            if r.status != 0 { return .failure(NotPrepared(description: "make release completions failed:\n" + r.tail)) }
        } catch {
            return .failure(NotPrepared(description: "make could not be started: \(error)"))
        }
        return .success(())
    }()

    /// The tool's version, as `--version` prints it first.
    static func version() throws -> String {
        let r = try runProgram(releaseBinary, ["--version"])
        return try #require(r.stdout.split(separator: " ").first.map(String.init))
    }

    /// The default templates' file names.
    static func templateNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root + "/templates").sorted()
    }
}

/// Runs make in the package's folder. The outer make's flags (a jobserver among them) are not passed down.
private func make(_ arguments: [String]) throws -> ProcessResult {
    let program = findProgram("make") ?? "/usr/bin/make"
    return try runProgram(program, ["--no-print-directory", "-C", Packaging.root] + arguments,
                          environment: ["MAKEFLAGS": "", "MAKELEVEL": "", "MFLAGS": ""])
}

/// A program's path from the PATH, as a shell finds it.
private func findProgram(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// A file's bytes, nil when it cannot be read.
private func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

/// Every regular file below a folder, relative paths sorted.
private func regularFiles(under root: String) -> [String] {
    snapshot(of: root).keys.filter { !$0.hasSuffix("/") }.sorted()
}

private extension ProcessResult {
    /// The end of what a make run printed, for failure messages.
    var tail: String { String((stdout + stderr).suffix(3000)) }
}

/// A systemd unit file's settings, in order, with comments and section headers left out.
private struct UnitFile {
    let text: String
    let settings: [(key: String, value: String)]

    init(_ path: String) throws {
        text = try String(contentsOfFile: path, encoding: .utf8)
        settings = text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), !line.hasPrefix("["), let equals = line.firstIndex(of: "=") else { return nil }
            return (String(line[..<equals]), String(line[line.index(after: equals)...]))
        }
    }

    /// Every value set for a key.
    func values(_ key: String) -> [String] { settings.filter { $0.key == key }.map(\.value) }
}
