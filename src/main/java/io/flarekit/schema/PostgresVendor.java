package io.flarekit.schema;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

import io.flarekit.core.model.UtcTimestampConverter;
import org.hibernate.dialect.PostgreSQLDialect;

/**
 * PostgreSQL: Hibernate's PostgreSQL types, except that character columns are
 * {@code text} (see docs/decisions.md: the length limits are the entities' validation, as
 * on SQLite, not the column's); every change by {@code ALTER TABLE}
 * ({@link PostgresPlanner}); scratch databases from a server the caller supplies, since
 * the generator's jar carries none (the Maven commands give it the tests' embedded
 * PostgreSQL).
 */
final class PostgresVendor implements Vendor {

	/**
	 * The database's clock in the shape of {@link UtcTimestampConverter}, the default
	 * that stands for {@link UtcTimestampConverter#SQLITE_NOW} here: rows inserted by
	 * plain SQL read the same as rows the service writes.
	 */
	static final String NOW = "to_char(now() at time zone 'utc', 'YYYY-MM-DD HH24:MI:SS.MS')";

	private final Supplier<String> newDatabase;

	private final String user;

	private final String password;

	/**
	 * PostgreSQL on a server that gives empty databases.
	 * @param newDatabase creates an empty database and gives its JDBC URL
	 * @param user the user of those databases
	 * @param password its password
	 */
	PostgresVendor(Supplier<String> newDatabase, String user, String password) {
		this.newDatabase = newDatabase;
		this.user = user;
		this.password = password;
	}

	@Override
	public String folder() {
		return "postgresql";
	}

	@Override
	public String hibernateDialect() {
		return PostgreSQLDialect.class.getName();
	}

	@Override
	public String columnType(String hibernateType) {
		String type = hibernateType.toLowerCase(Locale.ROOT).trim();
		return (type.startsWith("varchar") || type.startsWith("char") || type.startsWith("character")) ? "text" : type;
	}

	@Override
	public String columnDefault(String declared) {
		if (declared == null) {
			return null;
		}
		String normal = Schema.normalize(declared);
		return normal.equals(Schema.normalize(UtcTimestampConverter.SQLITE_NOW)) ? NOW : declared.trim();
	}

	/**
	 * Creates the schema on an empty database and reads it back: PostgreSQL keeps
	 * defaults, index terms and conditions in its own spelling
	 * ({@code lower((email)::text)}), and this is the one way to know it exactly.
	 */
	@Override
	public Schema target(Schema declared) {
		try (ScratchDatabase scratch = newScratch()) {
			scratch.execute(PostgresPlanner.plan(new Schema(java.util.Map.of()), declared)
				.stream()
				.flatMap((change) -> change.statements().stream())
				.toList());
			return scratch.schema();
		}
	}

	@Override
	public Schema read(Connection connection) throws SQLException {
		return PostgresSchemaReader.read(connection);
	}

	@Override
	public List<Change> plan(Schema current, Schema target) {
		return PostgresPlanner.plan(current, target);
	}

	@Override
	public Object sampleValue(Schema.Column column, int row, boolean key) {
		String type = column.type();
		if (type.contains("int")) {
			return row;
		}
		if (key) {
			return type.equals("uuid") ? new UUID(0, row) : "sample-" + row;
		}
		if (type.startsWith("numeric") || type.equals("real") || type.equals("double precision")) {
			return new BigDecimal(row + ".5");
		}
		if (type.equals("boolean")) {
			return row % 2 == 0;
		}
		if (type.equals("bytea")) {
			return new byte[] { (byte) row };
		}
		if (type.equals("uuid")) {
			return new UUID(0, row);
		}
		if (type.startsWith("timestamp") || type.equals("date")) {
			return Timestamp.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(row));
		}
		return column.name() + "-" + row;
	}

	/** PostgreSQL checks every constraint as the migration runs: nothing to add. */
	@Override
	public List<String> integrityProblems(Connection connection) {
		return List.of();
	}

	/**
	 * A new database on the server; it is not dropped, since the server is as throw-away
	 * as its databases.
	 */
	@Override
	public ScratchDatabase newScratch() {
		return new ScratchDatabase(this, this.newDatabase.get(), this.user, this.password, () -> {
		});
	}

}
