// Swift API over libxlsxwriter. Knows nothing about pharmacists.
