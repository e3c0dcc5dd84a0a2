package io.flarekit.postgresql;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.flarekit.core.error.ConstraintFailure;
import io.flarekit.core.error.DatabaseErrors;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Reads PostgreSQL's failures for the core by their SQLState, which the server sends with
 * the constraint's name and, for a duplicate, the key ({@code Key (email)=(…)}): that
 * detail names the columns of a plain unique key; a key on an expression
 * ({@code Key (lower(email::text))=…}) is left to the index's name.
 */
public final class PostgresErrors implements DatabaseErrors {

	private static final String DISK_FULL = "53100";

	private static final Pattern KEY_COLUMNS = Pattern.compile("^Key \\(([\\w\", ]+)\\)=");

	@Override
	public boolean isDiskFull(SQLException ex) {
		return ex instanceof PSQLException && DISK_FULL.equals(ex.getSQLState());
	}

	@Override
	public Optional<ConstraintFailure> constraintFailure(SQLException ex) {
		if (!(ex instanceof PSQLException postgres) || ex.getSQLState() == null) {
			return Optional.empty();
		}
		ServerErrorMessage server = postgres.getServerErrorMessage();
		String constraint = (server != null) ? server.getConstraint() : null;
		return switch (ex.getSQLState()) {
			case "23505" -> Optional.of(new ConstraintFailure.Unique(keyColumns(server), constraint));
			case "23502" ->
				Optional.ofNullable((server != null) ? server.getColumn() : null).map(ConstraintFailure.NotNull::new);
			case "23503" -> Optional.of(new ConstraintFailure.ForeignKey());
			case "23514" -> Optional.of(new ConstraintFailure.Check((constraint != null) ? constraint : ""));
			default -> Optional.empty();
		};
	}

	private static List<String> keyColumns(ServerErrorMessage server) {
		Matcher matcher = KEY_COLUMNS.matcher((server != null && server.getDetail() != null) ? server.getDetail() : "");
		if (!matcher.find()) {
			return List.of();
		}
		return Arrays.stream(matcher.group(1).split(", ")).map((column) -> column.replace("\"", "")).toList();
	}

}
