// Swift API over libxlsxwriter. Knows nothing about pharmacists.
internal import CXlsxWriter
import Foundation
import SpreadsheetReader

/// An .xlsx workbook being written with libxlsxwriter.
///
/// The one owner of a libxlsxwriter workbook: `close()` writes the file and consumes the value; dropping the
/// value without closing frees the workbook and writes nothing. Sheets and formats are referred to by small
/// handles (`SheetID`, `FormatID`); the C objects behind them, which the workbook frees, never leave this type.
///
/// The file is written under a temporary name beside `path`, read back and checked (every sheet holds the rows
/// that were written, every part is complete XML), and only then renamed to `path`: a file at `path` is always
/// complete, and a failed close leaves whatever was there before untouched.
///
/// Rows and columns are numbered from 0 (cell A1 is row 0, column 0), as libxlsxwriter numbers them.
///
/// Thread safety: a workbook may be moved to and used from any thread, one thread at a time (it is
/// noncopyable, so it has one owner). Different workbooks may be filled concurrently; the calls that touch
/// libxlsxwriter's global state are serialised inside the module (`LibraryLock`).
public struct Workbook: ~Copyable, @unchecked Sendable {
    /// Where `close()` puts the file.
    public let path: String
    /// How the workbook is written.
    public let options: WorkbookOptions

    /// Tells this workbook's handles from another's.
    let serial: UInt32
    /// The temporary name the file is written and checked under before it is renamed to `path`.
    let stagingPath: String
    /// The libxlsxwriter workbook; nil once `workbook_close` has freed it.
    var handle: UnsafeMutablePointer<lxw_workbook>?
    var sheets: [SheetState] = []
    var formats: [UnsafeMutablePointer<lxw_format>] = []
    var formatIDs: [CellStyle: FormatID] = [:]
    var customPropertyNames: Set<String> = []
    /// The `yyyy-mm-dd` format of dates written without one, created on first use.
    var defaultDateFormat: FormatID?
    /// The benchmark's record of cells written (``WorkbookOptions/cellLog``).
    var cellLog: CellLog?

    /// Starts a workbook that `close()` will write to `path`.
    ///
    /// Nothing is written to disk until `close()`: libxlsxwriter creates the file while closing.
    /// - Throws: `SpreadsheetError.invalidTemporaryDirectory` when `options.temporaryDirectory` is not an
    ///   existing folder (libxlsxwriter would silently fall back to `$TMPDIR`); `.invalidArgument` for a
    ///   creation date at the Unix epoch, which libxlsxwriter takes for "now".
    public init(path: String, options: WorkbookOptions, properties: DocumentProperties) throws(SpreadsheetError) {
        try checkTemporaryDirectory(options.temporaryDirectory, path: path)
        let created = time_t(properties.created.timeIntervalSince1970.rounded(.down))
        guard created != 0 else {
            throw .invalidArgument(
                reason: "the creation date is 1970-01-01 00:00:00 UTC, which libxlsxwriter replaces with the clock",
                action: "setting the document properties", path: path
            )
        }
        let serial = LibraryLock.nextSerial()
        let staging = stagingName(for: path, serial: serial)

        // > tmpdir: libxlsxwriter stores workbook data in temporary files prior to assembling the final XLSX
        // > file. … you can specify an alternative location using the tmpdir option.
        // workbook_new_opt copies the options (including the tmpdir string), so they need not outlive the call.
        var cOptions = lxw_workbook_options()
        cOptions.constant_memory = options.constantMemory ? 1 : 0
        cOptions.use_zip64 = options.useZip64 ? 1 : 0
        let workbook = options.temporaryDirectory.withCString { directory in
            staging.withCString { file in
                cOptions.tmpdir = UnsafeMutablePointer(mutating: directory)
                return LibraryLock.run { workbook_new_opt(file, &cOptions) }
            }
        }
        guard let workbook else {
            throw libraryError(LXW_ERROR_MEMORY_MALLOC_FAILED, "creating the workbook", path: path)
        }
        let code = setDocumentProperties(properties, created: created, on: workbook)
        guard code == LXW_NO_ERROR else {
            LibraryLock.run { lxw_workbook_free(workbook) }
            throw libraryError(code, "setting the document properties", path: path)
        }
        self.path = path
        self.options = options
        self.serial = serial
        stagingPath = staging
        handle = workbook
        cellLog = options.cellLog.flatMap { CellLog(path: $0, constantMemory: options.constantMemory) }
    }

    deinit {
        guard let handle else { return }
        // workbook.h declares `void lxw_workbook_free(lxw_workbook *workbook);` without documenting it; in
        // workbook.c it frees every sheet, format and chart and writes nothing. It does not close the temporary
        // file of a constant-memory sheet (RowFiles.swift), so that is done first.
        LibraryLock.run {
            for sheet in sheets { closeRowFileOfUnclosedWorkbook(sheet.pointer) }
            lxw_workbook_free(handle)
        }
    }

    // MARK: - Sheets

    /// Adds a worksheet named `name` after the existing ones.
    ///
    /// - Throws: `SpreadsheetError.invalidSheetName` when Excel would refuse the name: empty, longer than 31
    ///   characters, holding one of `[ ] : * ? / \` or a control character, starting or ending with an
    ///   apostrophe, "History", or already used (Excel compares names without case); `.library` when
    ///   libxlsxwriter cannot create the sheet (in constant-memory mode, its temporary file).
    public mutating func addWorksheet(named name: String) throws(SpreadsheetError) -> SheetID {
        let workbook = openHandle()
        try checkSheetName(name)
        var systemError: String?
        let worksheet = name.withCString { cName in
            LibraryLock.run { () -> UnsafeMutablePointer<lxw_worksheet>? in
                // > If any of these errors are encountered the function will return NULL.
                let worksheet = workbook_add_worksheet(workbook, cName)
                if worksheet == nil { systemError = String(cString: strerror(errno)) }
                return worksheet
            }
        }
        guard let worksheet else {
            // The name was checked above, so NULL means no memory or, in constant-memory mode, no temporary file.
            let code = options.constantMemory ? LXW_ERROR_CREATING_TMPFILE : LXW_ERROR_MEMORY_MALLOC_FAILED
            throw libraryError(code, "adding sheet “\(name)”", path: path, systemError: systemError)
        }
        sheets.append(SheetState(pointer: worksheet, name: name))
        cellLog?.sheet(name)
        return SheetID(workbook: serial, index: sheets.count - 1)
    }

    /// The names of the sheets added so far, in order.
    public var sheetNames: [String] { sheets.map(\.name) }

    private func checkSheetName(_ name: String) throws(SpreadsheetError) {
        func refuse(_ reason: String) -> SpreadsheetError { .invalidSheetName(name: name, reason: reason, path: path) }
        if name.isEmpty { throw refuse("is empty") }
        if name.unicodeScalars.count > 31 { throw refuse("is longer than Excel's limit of 31 characters") }
        if name.unicodeScalars.contains(where: { "[]:*?/\\".unicodeScalars.contains($0) }) {
            throw refuse("holds one of the characters [ ] : * ? / \\ that Excel forbids")
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw refuse("holds a control character")
        }
        if name.hasPrefix("'") || name.hasSuffix("'") { throw refuse("starts or ends with an apostrophe") }
        if name.lowercased() == "history" { throw refuse("is reserved by Excel") }
        if sheets.contains(where: { $0.name.lowercased() == name.lowercased() }) {
            throw refuse("is already used by another sheet of the workbook (Excel compares names without case)")
        }
        // The library's own rules, in case they are stricter than the ones above.
        let code = name.withCString { workbook_validate_sheet_name(openHandle(), $0) }
        guard code == LXW_NO_ERROR else { throw refuse("is refused by libxlsxwriter: \(libraryMessage(code))") }
    }

    // MARK: - Formats

    /// The format for `style`, created on first use; an equal style gives the same `FormatID`.
    /// - Throws: `SpreadsheetError.invalidArgument` for a font size outside 1–409 points, or a font name or
    ///   number format longer than 127 bytes or holding a NUL character (libxlsxwriter would cut or ignore them).
    public mutating func format(_ style: CellStyle) throws(SpreadsheetError) -> FormatID {
        if let id = formatIDs[style] { return id }
        let action = "creating a cell format"
        if let size = style.fontSize, !(1...409).contains(size) {
            throw .invalidArgument(reason: "the font size must be 1 to 409 points", action: action, path: path)
        }
        for (text, what) in [(style.fontName, "font name"), (style.numberFormat, "number format")] {
            guard let text else { continue }
            if text.utf8.count > 127 || text.utf8.contains(0) {
                throw .invalidArgument(
                    reason: "the \(what) must be at most 127 bytes without NUL characters", action: action, path: path
                )
            }
        }
        // > The workbook_add_format() function can be used to create new Format objects which are used to apply
        // > formatting to a cell.
        // The workbook frees them when it is closed or freed, never before (libxlsxwriter issue 453).
        guard let format = workbook_add_format(openHandle()) else {
            throw libraryError(LXW_ERROR_MEMORY_MALLOC_FAILED, action, path: path)
        }
        apply(style, to: format)
        let id = FormatID(workbook: serial, index: formats.count)
        formats.append(format)
        formatIDs[style] = id
        return id
    }

    // MARK: - Properties

    /// Adds a custom document property holding text, such as a batch id a reader checks later.
    /// - Throws: `SpreadsheetError.invalidArgument` for a name used twice or text with a NUL character;
    ///   `.library` for a name or value longer than 255 characters.
    public mutating func setCustomProperty(name: String, string value: String) throws(SpreadsheetError) {
        let action = "setting the custom property “\(name)”"
        guard !customPropertyNames.contains(name) else {
            throw .invalidArgument(reason: "a property of that name was already set", action: action, path: path)
        }
        guard !name.utf8.contains(0), !value.utf8.contains(0) else {
            throw .invalidArgument(reason: "the text holds a NUL character", action: action, path: path)
        }
        let workbook = openHandle()
        // > The workbook_set_custom_property_string() function can be used to set one or more custom document
        // > text properties not covered by the standard properties in the workbook_set_properties() function
        let code = name.withCString { cName in
            value.withCString { cValue in workbook_set_custom_property_string(workbook, cName, cValue) }
        }
        try check(code, action)
        customPropertyNames.insert(name)
    }

    // MARK: - Closing

    /// Writes the file, checks it, and puts it at `path`.
    ///
    /// libxlsxwriter's `workbook_close` writes the file and frees the workbook whatever it returns, so this
    /// consumes the workbook. libxlsxwriter ignores failed writes to its temporary files and then reports
    /// success for an incomplete file (STYLE.md, Traps), so the file is read back before it is renamed into
    /// place: each sheet must hold exactly the rows that received a cell or a row setting, and every part must
    /// be complete XML. On any failure nothing is left at `path` that was not there before.
    /// - Throws: `SpreadsheetError.library` with libxlsxwriter's message when it fails (a missing or unwritable
    ///   folder, a full disk); `.rowCountMismatch`, `.sheetsMismatch` or `.unreadableResult` when the file read
    ///   back is not what was written; `.noSheets` for a workbook without sheets.
    public consuming func close() throws(SpreadsheetError) -> ClosedWorkbook {
        let workbook = openHandle()
        if sheets.isEmpty { throw .noSheets(path: path) }
        // tmpfileplus falls back to $TMPDIR, /tmp and "." when the folder has gone since `init`.
        try checkTemporaryDirectory(options.temporaryDirectory, path: path)

        // > The workbook_close() function closes a Workbook object, writes the Excel file to disk, frees any
        // > memory allocated internally to the Workbook and frees the object itself.
        handle = nil
        let rowFiles = RowFilesAtClose(sheets.map(\.pointer))
        var systemError: String?
        let code = LibraryLock.run { () -> lxw_error in
            let code = workbook_close(workbook)
            if code != LXW_NO_ERROR { systemError = String(cString: strerror(errno)) }
            return code
        }
        rowFiles.release(libraryFailed: code != LXW_NO_ERROR)
        guard code == LXW_NO_ERROR else {
            removeStagingFile()
            throw libraryError(code, "closing the workbook (assembling and compressing the file)", path: path,
                               systemError: isFileError(code) ? systemError : nil)
        }
        let closed: ClosedWorkbook
        do {
            closed = try verifyStagingFile()
        } catch {
            removeStagingFile()
            throw error
        }
        guard rename(stagingPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            removeStagingFile()
            throw .cannotPlaceFile(path: path, reason: reason)
        }
        return closed
    }

    /// Reads the file written under `stagingPath` back and compares it with what was written.
    private func verifyStagingFile() throws(SpreadsheetError) -> ClosedWorkbook {
        do {
            let reader = try WorkbookReader(path: stagingPath)
            let found = reader.sheets.map(\.name)
            guard found == sheetNames else {
                throw SpreadsheetError.sheetsMismatch(path: path, written: sheetNames, found: found)
            }
            var closedSheets: [ClosedWorkbook.Sheet] = []
            for (info, sheet) in zip(reader.sheets, sheets) {
                // The fast count: libxlsxwriter writes no comments or CDATA, and the count checks the end tag.
                let rowCount = try reader.rowTagCount(of: info)
                guard rowCount == sheet.rows.count else {
                    throw SpreadsheetError.rowCountMismatch(
                        path: path, sheet: sheet.name, written: sheet.rows.count, found: rowCount
                    )
                }
                closedSheets.append(ClosedWorkbook.Sheet(name: sheet.name, rowCount: rowCount))
            }
            let sheetParts = Set(reader.sheets.map(\.part))
            for part in reader.partNames where !sheetParts.contains(part) && isXMLPart(part) {
                try reader.checkPart(part)
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: stagingPath)[.size] as? Int) ?? 0
            return ClosedWorkbook(path: path, sheets: closedSheets, byteCount: size)
        } catch let error as SpreadsheetError {
            throw error
        } catch let error as SpreadsheetReadError {
            throw .unreadableResult(path: path, readError: error)
        } catch {
            throw .unreadableResult(path: path, readError: .cannotOpen(file: stagingPath, reason: "\(error)"))
        }
    }

    /// Removes the file written under the staging name. Its result is not checked: the file is absent when
    /// libxlsxwriter failed before creating it, and the caller is already being handed the error that matters.
    private func removeStagingFile() {
        if unlink(stagingPath) != 0 { return }
    }

    // MARK: - Helpers for the extensions

    /// The open libxlsxwriter workbook. Always present: only `close()` clears it, and it consumes `self`.
    func openHandle() -> UnsafeMutablePointer<lxw_workbook> {
        guard let handle else { preconditionFailure("Workbook used after close()") }
        return handle
    }

    /// Throws a `SpreadsheetError.library` for any code but `LXW_NO_ERROR`; `action` is only built on failure.
    @inline(__always)
    func check(_ code: lxw_error, _ action: @autoclosure () -> String) throws(SpreadsheetError) {
        if code != LXW_NO_ERROR { throw libraryError(code, action(), path: path) }
    }
}

/// What the workbook knows about one of its sheets.
struct SheetState {
    let pointer: UnsafeMutablePointer<lxw_worksheet>
    let name: String
    /// The rows that received a cell or a row setting: the `<row>` elements the file must hold.
    var rows = RowSet()
}

/// A set of row numbers as a bitset: one bit per row, so marking a row on every cell write costs a shift and an
/// OR, and the 1,048,576 rows of a full sheet take 128 KB.
struct RowSet {
    private var words: [UInt64] = []
    /// How many rows are in the set.
    private(set) var count = 0
    /// The highest row in the set, or -1.
    private(set) var highest = -1

    @inline(__always)
    mutating func insert(_ row: Int) {
        let word = row >> 6
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: max(word + 1, 2 * words.count) - words.count)) }
        let bit = UInt64(1) << UInt64(row & 63)
        if words[word] & bit == 0 {
            words[word] |= bit
            count += 1
        }
        if row > highest { highest = row }
    }
}

// MARK: - Free functions (usable before `self` is initialised)

func libraryMessage(_ code: lxw_error) -> String {
    // > The lxw_strerror function converts a libxlsxwriter error number defined by #lxw_error to a pointer to
    // > a string description of the error.
    String(cString: lxw_strerror(code))
}

func libraryError(
    _ code: lxw_error, _ action: String, path: String, systemError: String? = nil
) -> SpreadsheetError {
    .library(code: Int(code.rawValue), message: libraryMessage(code), action: action, path: path,
             systemError: systemError)
}

/// Codes after which `errno` says something about the failure.
private func isFileError(_ code: lxw_error) -> Bool {
    [LXW_ERROR_CREATING_XLSX_FILE, LXW_ERROR_CREATING_TMPFILE, LXW_ERROR_READING_TMPFILE,
     LXW_ERROR_ZIP_FILE_OPERATION, LXW_ERROR_ZIP_PARAMETER_ERROR, LXW_ERROR_ZIP_BAD_ZIP_FILE,
     LXW_ERROR_ZIP_INTERNAL_ERROR].contains(code)
}

private func isXMLPart(_ part: String) -> Bool {
    part.hasSuffix(".xml") || part.hasSuffix(".rels")
}

private func checkTemporaryDirectory(_ directory: String, path: String) throws(SpreadsheetError) {
    var isDirectory: ObjCBool = false
    guard !directory.isEmpty, FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
        throw .invalidTemporaryDirectory(directory: directory, reason: "does not exist", path: path)
    }
    guard isDirectory.boolValue else {
        throw .invalidTemporaryDirectory(directory: directory, reason: "is not a folder", path: path)
    }
}

/// A hidden name beside `path`, unique to this process and workbook, so that renaming it to `path` is atomic.
private func stagingName(for path: String, serial: UInt32) -> String {
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    return "\(folder).\(name).partial-\(getpid())-\(serial)"
}

/// Copies the properties into libxlsxwriter's structure; the library duplicates every string.
private func setDocumentProperties(
    _ properties: DocumentProperties, created: time_t, on workbook: UnsafeMutablePointer<lxw_workbook>
) -> lxw_error {
    let texts = [properties.title, properties.subject, properties.author, properties.manager, properties.company,
                 properties.category, properties.keywords, properties.comments]
    let copies = texts.map { $0.flatMap { strdup($0) } }
    defer { copies.forEach { free($0) } }
    var cProperties = lxw_doc_properties()
    cProperties.title = copies[0]
    cProperties.subject = copies[1]
    cProperties.author = copies[2]
    cProperties.manager = copies[3]
    cProperties.company = copies[4]
    cProperties.category = copies[5]
    cProperties.keywords = copies[6]
    cProperties.comments = copies[7]
    // > If you wish to create files that are binary equivalent (for the same input data) then you should set
    // > this creation date/time to a known value.
    cProperties.created = created
    return workbook_set_properties(workbook, &cProperties)
}
