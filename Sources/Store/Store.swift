// Swift API over sqlite3. Knows nothing about pharmacists.
