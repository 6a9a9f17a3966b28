// Reads .xlsx packages: sheets, shared strings, cells, document properties. Knows nothing about pharmacists.
