package io.flarekit.schema;

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

/**
 * A throw-away database of one {@link Vendor}, to which migrations are applied by Flyway
 * exactly as the service applies them.
 */
final class ScratchDatabase implements AutoCloseable {

	private final Vendor vendor;

	private final String url;

	private final String user;

	private final String password;

	private final Runnable cleanUp;

	/**
	 * A scratch database.
	 * @param vendor its product
	 * @param url its JDBC URL
	 * @param user the user, or null
	 * @param password the password, or null
	 * @param cleanUp what throws it away
	 */
	ScratchDatabase(Vendor vendor, String url, String user, String password, Runnable cleanUp) {
		this.vendor = vendor;
		this.url = url;
		this.user = user;
		this.password = password;
		this.cleanUp = cleanUp;
	}

	/** A new SQLite scratch database, for callers that know no vendor. */
	static ScratchDatabase create() {
		return new SqliteVendor().newScratch();
	}

	/**
	 * Applies the migrations of a folder that are not applied yet; a folder that does not
	 * exist holds none.
	 * @param migrations a folder of Flyway migrations
	 */
	void migrate(Path migrations) {
		if (!Files.isDirectory(migrations)) {
			return;
		}
		Flyway.configure()
			.dataSource(this.url, this.user, this.password)
			.locations("filesystem:" + migrations.toAbsolutePath())
			.cleanDisabled(true)
			.load()
			.migrate();
	}

	Schema schema() {
		try (Connection connection = connect()) {
			return this.vendor.read(connection);
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
							Schema.Column column = table.columns().get(i);
							insert.setObject(i + 1, this.vendor.sampleValue(column, row,
									isKey(table, target.table(table.name()), column)));
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

	private static boolean isKey(Schema.Table table, Optional<Schema.Table> target, Schema.Column column) {
		List<Schema.ForeignKey> foreignKeys = new ArrayList<>(table.foreignKeys());
		target.ifPresent((future) -> foreignKeys.addAll(future.foreignKeys()));
		return table.primaryKey().contains(column.name())
				|| foreignKeys.stream().anyMatch((foreignKey) -> foreignKey.columns().contains(column.name()));
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

	/** What the product's own checks report; empty when all is well. */
	List<String> integrityProblems() {
		try (Connection connection = connect()) {
			return this.vendor.integrityProblems(connection);
		}
		catch (SQLException ex) {
			return List.of(ex.getMessage());
		}
	}

	Connection connect() throws SQLException {
		return (this.user != null) ? DriverManager.getConnection(this.url, this.user, this.password)
				: DriverManager.getConnection(this.url);
	}

	@Override
	public void close() {
		this.cleanUp.run();
	}

}
