package io.flarekit.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.hibernate.community.dialect.SQLiteDialect;

import org.springframework.util.FileSystemUtils;

/**
 * SQLite: types reduced to its affinities, changes it cannot make in place done by
 * rebuilding the table ({@link MigrationPlanner}), scratch databases in temporary files
 * with foreign keys on, as in the service.
 */
final class SqliteVendor implements Vendor {

	@Override
	public String folder() {
		return "sqlite";
	}

	@Override
	public String hibernateDialect() {
		return SQLiteDialect.class.getName();
	}

	@Override
	public String columnType(String hibernateType) {
		return Schema.affinity(hibernateType);
	}

	@Override
	public String columnDefault(String declared) {
		return Schema.normalize(declared);
	}

	@Override
	public Schema target(Schema declared) {
		return declared;
	}

	@Override
	public Schema read(Connection connection) throws SQLException {
		return DatabaseSchemaReader.read(connection);
	}

	@Override
	public List<Change> plan(Schema current, Schema target) {
		return MigrationPlanner.plan(current, target);
	}

	@Override
	public Object sampleValue(Schema.Column column, int row, boolean key) {
		if (key) {
			return column.type().equals("integer") ? (Object) row : "sample-" + row;
		}
		return switch (column.type()) {
			case "integer" -> row;
			case "real", "numeric" -> row + 0.5;
			case "blob" -> new byte[] { (byte) row };
			default -> column.name() + "-" + row;
		};
	}

	/**
	 * What {@code pragma integrity_check} and {@code pragma foreign_key_check} report:
	 * SQLite checks foreign keys of a rebuilt table only when asked.
	 */
	@Override
	public List<String> integrityProblems(Connection connection) {
		List<String> problems = new ArrayList<>();
		try (Statement statement = connection.createStatement()) {
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

	@Override
	public ScratchDatabase newScratch() {
		try {
			Path folder = Files.createTempDirectory("flarekit-migration-");
			return new ScratchDatabase(this, "jdbc:sqlite:" + folder.resolve("scratch.db") + "?foreign_keys=true", null,
					null, () -> FileSystemUtils.deleteRecursively(folder.toFile()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
