package io.flarekit.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flywaydb.core.Flyway;

import org.springframework.util.FileSystemUtils;

/**
 * A throw-away SQLite database in a temporary folder, with foreign keys on as in the
 * service, to which migrations are applied by Flyway exactly as the service applies them.
 */
final class ScratchDatabase implements AutoCloseable {

	private final Path folder;

	private final String url;

	private ScratchDatabase(Path folder) {
		this.folder = folder;
		this.url = "jdbc:sqlite:" + folder.resolve("scratch.db") + "?foreign_keys=true";
	}

	static ScratchDatabase create() {
		try {
			return new ScratchDatabase(Files.createTempDirectory("flarekit-migration-"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Applies the migrations of a folder that are not applied yet.
	 * @param migrations a folder of Flyway migrations
	 */
	void migrate(Path migrations) {
		Flyway.configure()
			.dataSource(this.url, null, null)
			.locations("filesystem:" + migrations.toAbsolutePath())
			.cleanDisabled(true)
			.load()
			.migrate();
	}

	Schema schema() {
		try (Connection connection = connect()) {
			return DatabaseSchemaReader.read(connection);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the scratch database: " + ex.getMessage(), ex);
		}
	}

	void execute(List<String> statements) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	/**
	 * Fills every table with a few rows that use every column, parents before children,
	 * so that a migration has data to keep. Columns that are, or are about to become,
	 * foreign keys hold keys of the referenced sample rows.
	 * @param schema the schema of this database
	 * @param target the schema the database is being migrated to
	 * @param rowsPerTable how many rows each table gets
	 */
	void insertSampleRows(Schema schema, Schema target, int rowsPerTable) {
		try (Connection connection = connect()) {
			connection.setAutoCommit(false);
			for (Schema.Table table : schema.parentsFirst(schema.tables().keySet())) {
				List<String> names = table.columns().stream().map(Schema.Column::name).toList();
				String sql = "insert into " + SqlText.quote(table.name()) + " (" + SqlText.columnList(names)
						+ ") values (" + String.join(", ", names.stream().map((name) -> "?").toList()) + ")";
				try (PreparedStatement insert = connection.prepareStatement(sql)) {
					for (int row = 1; row <= rowsPerTable; row++) {
						for (int i = 0; i < names.size(); i++) {
							insert.setObject(i + 1,
									sampleValue(table, target.table(table.name()), table.columns().get(i), row));
						}
						insert.executeUpdate();
					}
				}
			}
			connection.commit();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot fill the scratch database with sample rows: " + ex.getMessage(),
					ex);
		}
	}

	private static Object sampleValue(Schema.Table table, Optional<Schema.Table> target, Schema.Column column,
			int row) {
		List<Schema.ForeignKey> foreignKeys = new ArrayList<>(table.foreignKeys());
		target.ifPresent((future) -> foreignKeys.addAll(future.foreignKeys()));
		for (Schema.ForeignKey foreignKey : foreignKeys) {
			if (foreignKey.columns().contains(column.name())) {
				return column.type().equals("integer") ? (Object) row : sampleKey(row);
			}
		}
		if (table.primaryKey().contains(column.name())) {
			return column.type().equals("integer") ? (Object) row : sampleKey(row);
		}
		return switch (column.type()) {
			case "integer" -> row;
			case "real", "numeric" -> row + 0.5;
			case "blob" -> new byte[] { (byte) row };
			default -> column.name() + "-" + row;
		};
	}

	/** The key of sample row {@code row} in every table, so that foreign keys find it. */
	private static Object sampleKey(int row) {
		return "sample-" + row;
	}

	Map<String, Long> rowCounts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		try (Connection connection = connect()) {
			for (String table : schema().tables().keySet()) {
				try (Statement statement = connection.createStatement();
						var result = statement.executeQuery("select count(*) from " + SqlText.quote(table))) {
					result.next();
					counts.put(table, result.getLong(1));
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
		return counts;
	}

	/**
	 * What {@code pragma integrity_check} and {@code pragma foreign_key_check} report;
	 * empty when all is well.
	 */
	List<String> integrityProblems() {
		List<String> problems = new ArrayList<>();
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			try (var result = statement.executeQuery("pragma integrity_check")) {
				while (result.next()) {
					if (!"ok".equals(result.getString(1))) {
						problems.add("integrity: " + result.getString(1));
					}
				}
			}
			try (var result = statement.executeQuery("pragma foreign_key_check")) {
				while (result.next()) {
					problems.add("foreign key: row " + result.getLong(2) + " of " + result.getString(1)
							+ " references a missing row of " + result.getString(3));
				}
			}
		}
		catch (SQLException ex) {
			problems.add(ex.getMessage());
		}
		return problems;
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url);
	}

	@Override
	public void close() {
		FileSystemUtils.deleteRecursively(this.folder.toFile());
	}

}
