package io.flarekit.system;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The database file cannot be used at start: it is corrupt, not a database, locked by
 * another process, or not writable. Carries a plain explanation and what to do, which
 * {@link DatabaseFailureAnalyzer} prints instead of a stack trace.
 */
public class DatabaseUnavailableException extends RuntimeException {

	private final Path file;

	private final String action;

	DatabaseUnavailableException(Path file, SQLException cause) {
		super(describe(file, cause), cause);
		this.file = file;
		this.action = advise(cause);
	}

	public Path getFile() {
		return this.file;
	}

	public String getAction() {
		return this.action;
	}

	private static String describe(Path file, SQLException cause) {
		String reason = String.valueOf(cause.getMessage());
		if (reason.contains("NOTADB") || reason.contains("CORRUPT") || reason.contains("not a database")) {
			return "The database file " + file + " is not a SQLite database, or it is corrupt.";
		}
		if (reason.contains("BUSY") || reason.contains("LOCKED") || reason.contains("locked")) {
			return "The database file " + file + " is locked by another process.";
		}
		return "The database file " + file + " cannot be opened: " + reason;
	}

	private static String advise(SQLException cause) {
		String reason = String.valueOf(cause.getMessage());
		if (reason.contains("NOTADB") || reason.contains("CORRUPT") || reason.contains("not a database")) {
			return "Restore the file from a backup, or point flarekit.database.path at another file "
					+ "(a missing file is created and migrated).";
		}
		if (reason.contains("BUSY") || reason.contains("LOCKED") || reason.contains("locked")) {
			return "Stop the other process that uses the file (another instance of the service, a sqlite3 shell "
					+ "in a transaction), or point flarekit.database.path at another file.";
		}
		return "Check that the folder exists and is writable, or set flarekit.database.path.";
	}

}
