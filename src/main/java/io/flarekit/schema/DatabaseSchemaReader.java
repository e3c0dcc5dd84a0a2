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
import java.util.TreeMap;

/**
 * Reads the schema of a SQLite database back through its pragmas and
 * {@code sqlite_master}, into the same normalized form as {@link EntitySchemaReader}.
 * SQLite's own tables and Flyway's history table are left out.
 */
final class DatabaseSchemaReader {

	private DatabaseSchemaReader() {
	}

	static Schema read(Connection connection) throws SQLException {
		Map<String, Schema.Table> tables = new LinkedHashMap<>();
		for (String table : strings(connection, "select name from sqlite_master where type = 'table' "
				+ "and name not like 'sqlite\\_%' escape '\\' and name not like 'flyway\\_%' escape '\\' order by name")) {
			tables.put(table.toLowerCase(Locale.ROOT), table(connection, table));
		}
		return new Schema(tables);
	}

	private static Schema.Table table(Connection connection, String table) throws SQLException {
		List<Schema.Column> columns = new ArrayList<>();
		Map<Integer, String> primaryKey = new TreeMap<>();
		forEachRow(connection, "select * from pragma_table_xinfo(?)", table, (rows) -> {
			String name = rows.getString("name").toLowerCase(Locale.ROOT);
			int pk = rows.getInt("pk");
			if (pk > 0) {
				primaryKey.put(pk, name);
			}
			columns.add(new Schema.Column(name, Schema.affinity(rows.getString("type")),
					rows.getInt("notnull") == 1 || pk > 0, Schema.normalize(rows.getString("dflt_value"))));
		});
		return new Schema.Table(table.toLowerCase(Locale.ROOT), columns, List.copyOf(primaryKey.values()),
				foreignKeys(connection, table), indexes(connection, table));
	}

	private static List<Schema.ForeignKey> foreignKeys(Connection connection, String table) throws SQLException {
		Map<Integer, List<String[]>> byId = new TreeMap<>();
		forEachRow(connection, "select id, seq, \"table\", \"from\", \"to\", on_delete from pragma_foreign_key_list(?) "
				+ "order by id, seq", table, (rows) -> {
					byId.computeIfAbsent(rows.getInt("id"), (key) -> new ArrayList<>())
						.add(new String[] { rows.getString("table"), rows.getString("from"), rows.getString("to"),
								rows.getString("on_delete") });
				});
		List<Schema.ForeignKey> foreignKeys = new ArrayList<>();
		for (List<String[]> parts : byId.values()) {
			String referenced = parts.get(0)[0].toLowerCase(Locale.ROOT);
			List<String> from = parts.stream().map((p) -> p[1].toLowerCase(Locale.ROOT)).toList();
			List<String> to = new ArrayList<>();
			for (String[] part : parts) {
				to.add((part[2] != null) ? part[2].toLowerCase(Locale.ROOT) : null);
			}
			if (to.contains(null)) {
				to = primaryKeyOf(connection, referenced);
			}
			foreignKeys.add(new Schema.ForeignKey(from, referenced, to, parts.get(0)[3].toLowerCase(Locale.ROOT)));
		}
		return foreignKeys;
	}

	private static List<String> primaryKeyOf(Connection connection, String table) throws SQLException {
		Map<Integer, String> primaryKey = new TreeMap<>();
		forEachRow(connection, "select name, pk from pragma_table_info(?) where pk > 0", table, (rows) -> {
			primaryKey.put(rows.getInt("pk"), rows.getString("name").toLowerCase(Locale.ROOT));
		});
		return List.copyOf(primaryKey.values());
	}

	private static Map<String, Schema.Index> indexes(Connection connection, String table) throws SQLException {
		Map<String, Schema.Index> indexes = new LinkedHashMap<>();
		forEachRow(connection, "select l.name, l.\"unique\", l.origin, m.sql from pragma_index_list(?) l "
				+ "left join sqlite_master m on m.type = 'index' and m.name = l.name", table, (rows) -> {
					String name = rows.getString("name").toLowerCase(Locale.ROOT);
					String origin = rows.getString("origin");
					boolean unique = rows.getInt("unique") == 1;
					if ("pk".equals(origin)) {
						return;
					}
					if ("c".equals(origin)) {
						indexes.put(name, parseCreateIndex(name, unique, rows.getString("sql")));
					}
					else {
						indexes.put(name, new Schema.Index(name, unique, indexColumns(connection, name), null));
					}
				});
		return indexes;
	}

	private static List<String> indexColumns(Connection connection, String index) throws SQLException {
		List<String> columns = new ArrayList<>();
		forEachRow(connection, "select name from pragma_index_info(?) order by seqno", index, (rows) -> {
			columns.add(rows.getString("name").toLowerCase(Locale.ROOT));
		});
		return columns;
	}

	/**
	 * Reads the terms and condition of
	 * {@code create [unique] index n on t (terms) [where c]}.
	 */
	static Schema.Index parseCreateIndex(String name, boolean unique, String sql) {
		int open = sql.indexOf('(');
		int close = SqlSyntax.closingParenthesis(sql, open);
		List<String> terms = new ArrayList<>();
		for (String term : SqlSyntax.splitTopLevel(sql.substring(open + 1, close))) {
			terms.add(Schema.normalize(term));
		}
		String rest = sql.substring(close + 1).trim();
		String where = rest.regionMatches(true, 0, "where", 0, 5) ? Schema.normalize(rest.substring(5)) : null;
		return new Schema.Index(name, unique, terms, where);
	}

	/** What one row of a pragma does to the result being built. */
	@FunctionalInterface
	private interface RowReader {

		void read(ResultSet row) throws SQLException;

	}

	/** Runs a pragma query about one table or index and reads each row it returns. */
	private static void forEachRow(Connection connection, String sql, String name, RowReader reader)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, name);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					reader.read(rows);
				}
			}
		}
	}

	private static List<String> strings(Connection connection, String sql) throws SQLException {
		List<String> values = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql);
				ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
		}
		return values;
	}

}
