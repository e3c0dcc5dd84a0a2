package io.flarekit.sqlite;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The database file cannot be used at start: it is corrupt, not a database, locked by
 * another process, or not writable. Carries a plain explanation and what to do, which
 * {@link DatabaseFailureAnalyzer} prints instead of a stack trace.
 */
class DatabaseUnavailableException extends RuntimeException {

	private final String action;

	DatabaseUnavailableException(Path file, SQLException cause) {
		super(Problem.of(cause).describe(file, cause), cause);
		this.action = Problem.of(cause).action;
	}

	String getAction() {
		return this.action;
	}

	/** What is wrong with the file, as far as SQLite's message tells. */
	private enum Problem {

		NOT_A_DATABASE("Restore the file from a backup, or point flarekit.database.path at another file "
				+ "(a missing file is created and migrated)."),

		LOCKED("Stop the other process that uses the file (another instance of the service, a sqlite3 shell "
				+ "in a transaction), or point flarekit.database.path at another file."),

		OTHER("Check that the folder exists and is writable, or set flarekit.database.path.");

		private final String action;

		Problem(String action) {
			this.action = action;
		}

		static Problem of(SQLException cause) {
			String reason = String.valueOf(cause.getMessage());
			if (reason.contains("NOTADB") || reason.contains("CORRUPT") || reason.contains("not a database")) {
				return NOT_A_DATABASE;
			}
			if (reason.contains("BUSY") || reason.contains("LOCKED") || reason.contains("locked")) {
				return LOCKED;
			}
			return OTHER;
		}

		String describe(Path file, SQLException cause) {
			return switch (this) {
				case NOT_A_DATABASE -> "The database file " + file + " is not a SQLite database, or it is corrupt.";
				case LOCKED -> "The database file " + file + " is locked by another process.";
				case OTHER -> "The database file " + file + " cannot be opened: " + cause.getMessage();
			};
		}

	}

}
