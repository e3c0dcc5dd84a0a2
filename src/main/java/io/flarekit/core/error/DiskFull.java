package io.flarekit.core.error;

import java.io.IOException;
import java.sql.SQLException;

import org.springframework.modulith.NamedInterface;

/**
 * Recognizes a full disk, wherever it surfaced: the database's own report of it (as
 * {@link DatabaseErrors} reads it: SQLite's {@code SQLITE_FULL}, PostgreSQL's
 * {@code 53100}), or a file write that failed with {@code ENOSPC} or {@code EDQUOT}. Java
 * gives no type for the latter, only the operating system's message, so that is what is
 * matched.
 */
@NamedInterface("error")
public final class DiskFull {

	private DiskFull() {
	}

	/**
	 * Whether the disk being full is what caused the exception.
	 * @param ex an exception
	 * @return whether it or one of its causes says the disk is full
	 */
	public static boolean isCause(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql
					&& DatabaseErrors.installed().stream().anyMatch((database) -> database.isDiskFull(sql))) {
				return true;
			}
			if (t instanceof IOException && t.getMessage() != null
					&& (t.getMessage().contains("No space left") || t.getMessage().contains("Disk quota exceeded"))) {
				return true;
			}
		}
		return false;
	}

}
