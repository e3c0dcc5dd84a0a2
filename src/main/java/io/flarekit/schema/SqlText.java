package io.flarekit.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes the statements of a migration from the normalized schema model, in the SQL that
 * SQLite and PostgreSQL share.
 */
final class SqlText {

	private static final Pattern PLAIN_COLUMN = Pattern.compile("[a-z_][a-z0-9_]*");

	private static final Pattern CONSTANT = Pattern
		.compile("null|true|false|[-+]?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?|'([^']|'')*'|x'[0-9a-fA-F]*'");

	private SqlText() {
	}

	static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	/**
	 * Whether SQLite accepts the default in {@code ALTER TABLE ADD COLUMN}: a literal.
	 */
	static boolean isConstant(String defaultValue) {
		return defaultValue == null || CONSTANT.matcher(defaultValue).matches();
	}

	static String createTable(Schema.Table table, String name) {
		List<String> lines = new ArrayList<>();
		boolean inlinePrimaryKey = table.primaryKey().size() == 1;
		List<Schema.Column> columns = new ArrayList<>(table.columns());
		columns.sort(Comparator.comparing((Schema.Column column) -> !table.primaryKey().contains(column.name())));
		for (Schema.Column column : columns) {
			String line = column(column);
			if (inlinePrimaryKey && table.primaryKey().contains(column.name())) {
				line += " primary key";
			}
			lines.add(line);
		}
		if (table.primaryKey().size() > 1) {
			lines.add("primary key (" + columnList(table.primaryKey()) + ")");
		}
		for (Schema.ForeignKey foreignKey : table.foreignKeys()) {
			lines.add(foreignKey(foreignKey));
		}
		return "create table " + quote(name) + " (\n    " + String.join(",\n    ", lines) + "\n);";
	}

	static String foreignKey(Schema.ForeignKey foreignKey) {
		return "foreign key (" + columnList(foreignKey.columns()) + ") references "
				+ quote(foreignKey.referencedTable()) + " (" + columnList(foreignKey.referencedColumns()) + ")"
				+ (foreignKey.onDelete().equals("no action") ? "" : " on delete " + foreignKey.onDelete());
	}

	static String column(Schema.Column column) {
		return quote(column.name()) + " " + column.type() + (column.notNull() ? " not null" : "")
				+ ((column.defaultValue() != null) ? " default (" + column.defaultValue() + ")" : "");
	}

	static String addColumn(String table, Schema.Column column) {
		String definition = quote(column.name()) + " " + column.type() + (column.notNull() ? " not null" : "")
				+ ((column.defaultValue() != null) ? " default " + column.defaultValue() : "");
		return "alter table " + quote(table) + " add column " + definition + ";";
	}

	static String createIndex(String table, Schema.Index index) {
		String terms = index.terms()
			.stream()
			.map((term) -> PLAIN_COLUMN.matcher(term).matches() ? quote(term) : term)
			.collect(Collectors.joining(", "));
		return "create " + (index.unique() ? "unique " : "") + "index " + quote(index.name()) + " on " + quote(table)
				+ " (" + terms + ")" + ((index.where() != null) ? " where " + index.where() : "") + ";";
	}

	static String dropIndex(String name) {
		return "drop index " + quote(name) + ";";
	}

	static String columnList(List<String> columns) {
		return columns.stream().map(SqlText::quote).collect(Collectors.joining(", "));
	}

}
