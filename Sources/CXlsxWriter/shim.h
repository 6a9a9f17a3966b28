// libxlsxwriter (Debian libxlsxwriter-dev), found with pkg-config "xlsxwriter".
// No shim functions: every call rxbind needs imports into Swift as it is.
#include <xlsxwriter.h>
