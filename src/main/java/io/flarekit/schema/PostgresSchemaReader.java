package io.flarekit.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the schema of a PostgreSQL database from {@code pg_catalog}, in the current
 * schema, into the form {@link Schema} compares: types as {@code format_type} spells
 * them, defaults and index definitions as PostgreSQL deparses them. Flyway's history
 * table is left out.
 */
final class PostgresSchemaReader {

	private static final String TABLES = "select c.oid, c.relname from pg_class c "
			+ "join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() "
			+ "and c.relkind in ('r', 'p') and c.relname not like 'flyway\\_%' order by c.relname";

	private static final String COLUMNS = "select a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
			+ "pg_get_expr(d.adbin, d.adrelid) from pg_attribute a "
			+ "left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum "
			+ "where a.attrelid = ?::oid and a.attnum > 0 and not a.attisdropped order by a.attnum";

	private static final String CONSTRAINT_COLUMNS = "select c.oid, c.contype, "
			+ "(select relname from pg_class where oid = c.confrelid), c.confdeltype, "
			+ "(select a.attname from pg_attribute a where a.attrelid = c.conrelid and a.attnum = k.attnum), "
			+ "(select a.attname from pg_attribute a where a.attrelid = c.confrelid and a.attnum = c.confkey[k.n]) "
			+ "from pg_constraint c cross join unnest(c.conkey) with ordinality k(attnum, n) "
			+ "where c.conrelid = ?::oid and c.contype in ('p', 'f') order by c.contype, c.conname, k.n";

	private static final String INDEXES = "select ic.relname, i.indisunique, pg_get_indexdef(i.indexrelid) "
			+ "from pg_index i join pg_class ic on ic.oid = i.indexrelid "
			+ "where i.indrelid = ?::oid and not i.indisprimary order by ic.relname";

	private PostgresSchemaReader() {
	}

	static Schema read(Connection connection) throws SQLException {
		Map<String, Schema.Table> tables = new LinkedHashMap<>();
		try (PreparedStatement statement = connection.prepareStatement(TABLES);
				ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				String name = rows.getString(2).toLowerCase(Locale.ROOT);
				tables.put(name, table(connection, rows.getLong(1), name));
			}
		}
		return new Schema(tables);
	}

	private static Schema.Table table(Connection connection, long oid, String name) throws SQLException {
		List<Schema.Column> columns = new ArrayList<>();
		query(connection, COLUMNS, oid, (rows) -> columns.add(new Schema.Column(rows.getString(1), rows.getString(2),
				rows.getBoolean(3), Schema.normalize(rows.getString(4)))));
		List<String> primaryKey = new ArrayList<>();
		Map<Long, List<String[]>> foreignKeys = new LinkedHashMap<>();
		query(connection, CONSTRAINT_COLUMNS, oid, (rows) -> {
			if (rows.getString(2).equals("p")) {
				primaryKey.add(rows.getString(5));
			}
			else {
				foreignKeys.computeIfAbsent(rows.getLong(1), (key) -> new ArrayList<>())
					.add(new String[] { rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6) });
			}
		});
		Map<String, Schema.Index> indexes = new LinkedHashMap<>();
		query(connection, INDEXES, oid, (rows) -> {
			String index = rows.getString(1).toLowerCase(Locale.ROOT);
			indexes.put(index, DatabaseSchemaReader.parseCreateIndex(index, rows.getBoolean(2), rows.getString(3)));
		});
		return new Schema.Table(name, columns, primaryKey,
				foreignKeys.values().stream().map(PostgresSchemaReader::foreignKey).toList(), indexes);
	}

	private static Schema.ForeignKey foreignKey(List<String[]> parts) {
		return new Schema.ForeignKey(parts.stream().map((part) -> part[2]).toList(), parts.get(0)[0],
				parts.stream().map((part) -> part[3]).toList(), onDelete(parts.get(0)[1]));
	}

	/** {@code pg_constraint.confdeltype} in words. */
	private static String onDelete(String code) {
		return switch (code) {
			case "c" -> "cascade";
			case "n" -> "set null";
			case "d" -> "set default";
			case "r" -> "restrict";
			default -> "no action";
		};
	}

	/** What one row of a catalog query does to the result being built. */
	@FunctionalInterface
	private interface RowReader {

		void read(ResultSet row) throws SQLException;

	}

	private static void query(Connection connection, String sql, long oid, RowReader reader) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setLong(1, oid);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					reader.read(rows);
				}
			}
		}
	}

}
