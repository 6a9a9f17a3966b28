import Foundation
@testable import Spreadsheet
import SpreadsheetReader
import Testing
import TestSupport

/// STYLE.md, Traps: libxlsxwriter's tmpfileplus calls srand/rand when it makes a temporary file (adding a
/// constant-memory sheet, closing) and workbook_close formats dates with gmtime. Two workbooks written at once
/// from two threads must still come out byte for byte as when written alone.
@Suite struct ConcurrencyTests {
    /// The races themselves last microseconds and rarely change the files (the byte comparison alone passed 3 runs
    /// of 3 with the lock removed), so the lock's own count of threads inside it is checked too: two closes, each
    /// milliseconds long, overlap at once without the lock. The two workbooks carry different creation dates, so
    /// that a shared gmtime buffer would show.
    @Test func twoWorkbooksWrittenConcurrentlyMatchTheOnesWrittenAlone() async throws {
        let directory = try TemporaryDirectory("concurrent")
        let path = directory.path
        let formCreated = Date(timeIntervalSince1970: 1_700_000_000)
        try writeStaffSample(to: directory.file("alone-staff.xlsx"), temporaryDirectory: path, constantMemory: true)
        try writeFormSample(to: directory.file("alone-form.xlsx"), temporaryDirectory: path, created: formCreated)
        let aloneStaff = try Data(contentsOf: directory.url.appendingPathComponent("alone-staff.xlsx"))
        let aloneForm = try Data(contentsOf: directory.url.appendingPathComponent("alone-form.xlsx"))

        for round in 0..<50 {
            let staff = directory.file("staff-\(round).xlsx")
            let form = directory.file("form-\(round).xlsx")
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try writeStaffSample(to: staff, temporaryDirectory: path, constantMemory: true) }
                group.addTask { try writeFormSample(to: form, temporaryDirectory: path, created: formCreated) }
                try await group.waitForAll()
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: staff)) == aloneStaff, "round \(round)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: form)) == aloneForm, "round \(round)")
        }
        #expect(LibraryLock.mostInside.load(ordering: .sequentiallyConsistent) == 1,
                "two threads were inside libxlsxwriter's global-state calls at once")
        #expect(try WorkbookReader(path: directory.file("form-49.xlsx")).coreProperties().created == formCreated)
        #expect(openDescriptors(into: path).isEmpty)
    }

    /// While another thread holds the library lock, adding a constant-memory sheet and closing must wait.
    @Test func closingAndAddingSheetsWaitForTheLibraryLock() throws {
        let directory = try TemporaryDirectory("lock")
        let finished = Flag()
        let box = Handover(try makeWorkbook(directory, constantMemory: true))
        let thread = Thread {
            do {
                var workbook = box.take()
                let sheet = try workbook.addWorksheet(named: "数据")
                finished.set("added")
                try workbook.write("x", sheet: sheet, row: 0, column: 0)
                _ = try workbook.close()
                finished.set("closed")
            } catch {
                finished.set("failed: \(error)")
            }
        }
        LibraryLock.run {
            thread.start()
            // A small workbook closes in milliseconds: without the lock it would be done long before this.
            Thread.sleep(forTimeInterval: 0.3)
            #expect(finished.value == nil)
        }
        #expect(finished.wait(until: "closed"))
    }

    @Test func aWorkbookCanBeFilledOnOneThreadAndClosedOnAnother() async throws {
        let directory = try TemporaryDirectory("handover")
        var workbook = try makeWorkbook(directory)
        let sheet = try workbook.addWorksheet(named: "数据")
        try workbook.write("110101199003071234", sheet: sheet, row: 0, column: 0)
        // An escaping closure cannot consume a captured noncopyable value, so the workbook travels in a box.
        let box = Handover(consume workbook)
        let closed = try await Task.detached { try box.take().close() }.value
        #expect(closed.sheets.map(\.rowCount) == [1])
    }
}

/// Carries a workbook to another thread, once.
private final class Handover: @unchecked Sendable {
    private let lock = NSLock()
    private var workbook: Workbook?

    init(_ workbook: consuming Workbook) {
        self.workbook = Optional(workbook)
    }

    func take() -> Workbook {
        lock.lock()
        defer { lock.unlock() }
        guard let workbook = workbook.take() else { preconditionFailure("taken twice") }
        return workbook
    }
}

/// The last state another thread reported.
private final class Flag: @unchecked Sendable {
    private let condition = NSCondition()
    private var state: String?

    var value: String? {
        condition.lock()
        defer { condition.unlock() }
        return state
    }

    func set(_ newState: String) {
        condition.lock()
        state = newState
        condition.broadcast()
        condition.unlock()
    }

    /// Waits up to 30 seconds for `expected`; false on timeout or another final state.
    func wait(until expected: String) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: 30)
        while state != expected {
            if let state, state.hasPrefix("failed") { return false }
            if !condition.wait(until: deadline) { return false }
        }
        return true
    }
}
