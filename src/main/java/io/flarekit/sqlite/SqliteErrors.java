package io.flarekit.sqlite;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.flarekit.core.error.ConstraintFailure;
import io.flarekit.core.error.DatabaseErrors;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Reads SQLite's failures for the core: {@code SQLITE_FULL} is a full disk, and a
 * constraint failure is told only in the message's words ({@code UNIQUE constraint
 * failed: users.email}, or the index for an index on an expression), which are parsed
 * here.
 */
public final class SqliteErrors implements DatabaseErrors {

	private static final Pattern UNIQUE_INDEX = Pattern.compile("UNIQUE constraint failed: index '([^']+)'");

	private static final Pattern UNIQUE_COLUMNS = Pattern.compile("UNIQUE constraint failed: ([\\w.]+(?:, [\\w.]+)*)");

	private static final Pattern NOT_NULL = Pattern.compile("NOT NULL constraint failed: [\\w]+\\.(\\w+)");

	private static final Pattern CHECK = Pattern.compile("CHECK constraint failed: (.*)");

	@Override
	public boolean isDiskFull(SQLException ex) {
		return ex instanceof SQLiteException sqlite && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_FULL;
	}

	@Override
	public Optional<ConstraintFailure> constraintFailure(SQLException ex) {
		if (!(ex instanceof SQLiteException) || ex.getMessage() == null
				|| !ex.getMessage().contains("constraint failed")) {
			return Optional.empty();
		}
		String message = ex.getMessage();
		Matcher matcher = UNIQUE_INDEX.matcher(message);
		if (matcher.find()) {
			return Optional.of(new ConstraintFailure.Unique(List.of(), matcher.group(1)));
		}
		matcher = UNIQUE_COLUMNS.matcher(message);
		if (matcher.find()) {
			return Optional.of(new ConstraintFailure.Unique(Arrays.stream(matcher.group(1).split(", "))
				.map((column) -> column.substring(column.indexOf('.') + 1))
				.toList(), null));
		}
		matcher = NOT_NULL.matcher(message);
		if (matcher.find()) {
			return Optional.of(new ConstraintFailure.NotNull(matcher.group(1)));
		}
		if (message.contains("FOREIGN KEY constraint failed")) {
			return Optional.of(new ConstraintFailure.ForeignKey());
		}
		matcher = CHECK.matcher(message);
		if (matcher.find()) {
			return Optional.of(new ConstraintFailure.Check(matcher.group(1)));
		}
		return Optional.empty();
	}

}
