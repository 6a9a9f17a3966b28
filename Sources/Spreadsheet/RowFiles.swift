internal import CXlsxWriter
import Foundation

// The temporary "row files" of constant-memory sheets.
//
// In constant-memory mode libxlsxwriter 1.1.4 gives every sheet a temporary file (tmpfileplus unlinks it at once,
// so it has no name, but its disk space lasts until the FILE is closed) and closes it in one place only: when
// workbook_close copies a sheet's rows into the package, and only for a sheet whose dimensions were set
// (worksheet.c, _worksheet_write_optimized_sheet_data: `if (self->dim_rowmin == LXW_ROW_MAX) … else { … fclose }`).
// lxw_worksheet_free never closes it. So without help the file, and its space in the temporary folder, would
// stay open for the life of the process when a workbook is dropped, when a sheet is empty, and when
// workbook_close fails before reaching a sheet. These helpers close exactly the files the library leaves open.

/// Closes a FILE used only as scratch space. Its return code carries nothing to act on: the data was either
/// already copied into the package or is being thrown away.
private func closeScratchFile(_ file: UnsafeMutablePointer<FILE>) {
    if fclose(file) != 0 { /* scratch data only; see above */ }
}

/// For a workbook that is freed without `workbook_close`: nothing has closed any sheet's row file.
func closeRowFileOfUnclosedWorkbook(_ worksheet: UnsafeMutablePointer<lxw_worksheet>) {
    guard let file = worksheet.pointee.optimize_tmpfile else { return }
    closeScratchFile(file)
    worksheet.pointee.optimize_tmpfile = nil
    worksheet.pointee.file = nil
}

/// The row files of a workbook about to be closed, and what to do with them once `workbook_close` returns.
struct RowFilesAtClose: ~Copyable {
    /// A row file the library may or may not close: its FILE, the descriptor the library's FILE uses, and our own
    /// duplicate of it, which keeps the file's identity (device, inode) from being reused while we look.
    private struct Watched {
        var file: UnsafeMutablePointer<FILE>
        var descriptor: Int32
        var duplicate: Int32
        var device: UInt64
        var inode: UInt64
    }

    private var watched: [Watched] = []

    /// Closes the row files the library will not close (empty sheets) and watches the others.
    init(_ worksheets: [UnsafeMutablePointer<lxw_worksheet>]) {
        for worksheet in worksheets {
            guard let file = worksheet.pointee.optimize_tmpfile else { continue }
            if worksheet.pointee.dim_rowmin == lxw_row_t(LXW_ROW_MAX) {
                // No rows: workbook_close will not read the file, nor write to it (no row is pending), nor close it.
                closeScratchFile(file)
                worksheet.pointee.optimize_tmpfile = nil
                worksheet.pointee.file = nil
                continue
            }
            let descriptor = fileno(file)
            let duplicate = dup(descriptor)
            var status = stat()
            guard duplicate >= 0, fstat(duplicate, &status) == 0 else {
                if duplicate >= 0 { close(duplicate) }
                continue  // Out of descriptors: the file can only be left to the library.
            }
            watched.append(Watched(file: file, descriptor: descriptor, duplicate: duplicate,
                                   device: UInt64(status.st_dev), inode: UInt64(status.st_ino)))
        }
    }

    /// After `workbook_close`: on success the library closed every watched file; on failure it closed those of
    /// the sheets it reached. A file it did not close still has its descriptor open on the same inode — our
    /// duplicate keeps that inode alive, so no other file can have it — and is closed here.
    consuming func release(libraryFailed: Bool) {
        for entry in watched {
            if libraryFailed {
                var status = stat()
                if fstat(entry.descriptor, &status) == 0, UInt64(status.st_dev) == entry.device,
                   UInt64(status.st_ino) == entry.inode {
                    closeScratchFile(entry.file)
                }
            }
            if close(entry.duplicate) != 0 { /* our own duplicate of a scratch file; nothing to act on */ }
        }
    }
}
