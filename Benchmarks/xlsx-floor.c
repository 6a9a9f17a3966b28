/*
 * The floor of rxbind's spreadsheet stage: the same cells, written by libxlsxwriter called directly from C.
 *
 * rxbind run with RXBIND_CELL_LOG_DIR=DIR records every sheet and cell its workbooks are given (Spreadsheet's
 * cell log: "M\t<constant memory 0|1>", "S\t<sheet>", "s\t<row>\t<col>\t<text>", "n\t<row>\t<col>\t<number>").
 * This program replays one log into a new workbook in the same mode and prints the seconds it took, from
 * workbook_new_opt to workbook_close (and, third, how much of it filling the cells took): what the Swift writer is
 * compared with in docs/BENCHMARKS.md.
 *
 * Usage: xlsx-floor LOG OUT.xlsx TMPDIR
 * Built by scripts/bench.sh: cc -O2 Benchmarks/xlsx-floor.c $(pkg-config --cflags --libs xlsxwriter)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

static void unescape(char *s) {
    char *w = s;
    for (char *r = s; *r; r++) {
        if (*r == '\\' && r[1]) {
            r++;
            *w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
}

static char empty_text[1];

typedef struct {
    char kind;
    long row;
    int col;
    char *text;
} entry;

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s LOG OUT.xlsx TMPDIR\n", argv[0]);
        return 64;
    }
    /* The whole log is read and parsed before the clock starts: only libxlsxwriter's work is timed. */
    FILE *log = fopen(argv[1], "r");
    if (!log) { perror(argv[1]); return 66; }
    fseek(log, 0, SEEK_END);
    long size = ftell(log);
    rewind(log);
    char *data = malloc((size_t)size + 1);
    if (!data || fread(data, 1, (size_t)size, log) != (size_t)size) { fprintf(stderr, "cannot read log\n"); return 66; }
    data[size] = '\0';
    fclose(log);
    size_t count = 0, capacity = 1 << 16;
    entry *entries = malloc(capacity * sizeof(entry));
    for (char *line = data; line && *line;) {
        char *next = strchr(line, '\n');
        if (next) *next++ = '\0';
        if (count == capacity) entries = realloc(entries, (capacity *= 2) * sizeof(entry));
        entry e = {.kind = line[0], .text = line + 2};
        if (e.kind == 's' || e.kind == 'n') {
            char *row = strtok(line + 2, "\t"), *col = strtok(NULL, "\t"), *value = strtok(NULL, "");
            e.row = atol(row);
            e.col = atoi(col);
            e.text = value ? value : empty_text;
            if (e.kind == 's') unescape(e.text);
        }
        entries[count++] = e;
        line = next;
    }

    struct timespec start, end;
    lxw_workbook *workbook = NULL;
    lxw_worksheet *sheet = NULL;
    long cells = 0;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (size_t i = 0; i < count; i++) {
        entry *e = &entries[i];
        lxw_error error = LXW_NO_ERROR;
        switch (e->kind) {
        case 'M': {
            lxw_workbook_options options = {.constant_memory = (uint8_t)atoi(e->text), .tmpdir = argv[3],
                                            .use_zip64 = (uint8_t)atoi(e->text)};
            workbook = workbook_new_opt(argv[2], &options);
            if (!workbook) { fprintf(stderr, "cannot create %s\n", argv[2]); return 73; }
            break;
        }
        case 'S':
            sheet = workbook_add_worksheet(workbook, e->text);
            if (!sheet) { fprintf(stderr, "cannot add sheet %s\n", e->text); return 73; }
            break;
        case 's':
            error = worksheet_write_string(sheet, (lxw_row_t)e->row, (lxw_col_t)e->col, e->text, NULL);
            cells++;
            break;
        case 'n':
            error = worksheet_write_number(sheet, (lxw_row_t)e->row, (lxw_col_t)e->col, strtod(e->text, NULL), NULL);
            cells++;
            break;
        }
        if (error) { fprintf(stderr, "write failed: %s\n", lxw_strerror(error)); return 73; }
    }
    struct timespec filled;
    clock_gettime(CLOCK_MONOTONIC, &filled);
    lxw_error error = workbook_close(workbook);
    clock_gettime(CLOCK_MONOTONIC, &end);
    if (error) { fprintf(stderr, "close failed: %s\n", lxw_strerror(error)); return 73; }
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    double fill = (double)(filled.tv_sec - start.tv_sec) + (double)(filled.tv_nsec - start.tv_nsec) / 1e9;
    printf("%.3f\t%ld\t%.3f\n", seconds, cells, fill);
    free(entries);
    free(data);
    return 0;
}
