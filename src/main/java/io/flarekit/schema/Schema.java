package io.flarekit.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A database schema in one normalized form, whether it was read from the entities or from
 * a database, so that equal schemas compare equal: names lower case, types in the
 * {@link Vendor}'s normal form (SQLite's affinities, PostgreSQL's {@code format_type}),
 * defaults and expressions with spacing and outer parentheses removed, unique constraints
 * as named unique indexes.
 *
 * @param tables the tables by name
 */
record Schema(Map<String, Table> tables) {

	Schema {
		tables = new TreeMap<>(tables);
	}

	Optional<Table> table(String name) {
		return Optional.ofNullable(this.tables.get(name));
	}

	/**
	 * The tables with the given names, each after the tables it references among them, so
	 * that creating or filling them in this order (and dropping them in the reverse)
	 * respects their foreign keys. The one order every step of a migration follows.
	 * @param names table names; names of tables this schema lacks are skipped
	 * @return the tables, parents first
	 */
	List<Table> parentsFirst(Collection<String> names) {
		List<Table> ordered = new ArrayList<>();
		Set<String> among = Set.copyOf(names);
		Set<String> visiting = new HashSet<>();
		for (String name : names) {
			visit(name, among, visiting, ordered);
		}
		return ordered;
	}

	private void visit(String name, Set<String> names, Set<String> visiting, List<Table> ordered) {
		Table table = this.tables.get(name);
		if (table == null || ordered.contains(table) || !visiting.add(name)) {
			return;
		}
		for (ForeignKey foreignKey : table.foreignKeys()) {
			if (names.contains(foreignKey.referencedTable())) {
				visit(foreignKey.referencedTable(), names, visiting, ordered);
			}
		}
		ordered.add(table);
	}

	/**
	 * How this schema differs from another, in words; empty when they are equal. Column
	 * order does not count: SQLite cannot change it without a rebuild, and nothing
	 * depends on it.
	 * @param expected the schema this one should be
	 * @return one line per difference
	 */
	List<String> differencesFrom(Schema expected) {
		List<String> differences = new ArrayList<>();
		for (String name : expected.tables.keySet()) {
			if (!this.tables.containsKey(name)) {
				differences.add("table " + name + " is missing");
			}
		}
		for (String name : this.tables.keySet()) {
			if (!expected.tables.containsKey(name)) {
				differences.add("table " + name + " is not in the entities");
			}
		}
		for (Table actual : this.tables.values()) {
			Table wanted = expected.tables.get(actual.name());
			if (wanted != null) {
				actual.differencesFrom(wanted).forEach((line) -> differences.add(actual.name() + ": " + line));
			}
		}
		return differences;
	}

	/**
	 * A table.
	 *
	 * @param name the table name
	 * @param columns the columns in order
	 * @param primaryKey the primary key columns in order
	 * @param foreignKeys the foreign keys
	 * @param indexes the indexes, unique constraints included, by name
	 */
	record Table(String name, List<Column> columns, List<String> primaryKey, List<ForeignKey> foreignKeys,
			Map<String, Index> indexes) {

		Table {
			columns = List.copyOf(columns);
			primaryKey = List.copyOf(primaryKey);
			foreignKeys = foreignKeys.stream().sorted().toList();
			indexes = new TreeMap<>(indexes);
		}

		Optional<Column> column(String name) {
			return this.columns.stream().filter((column) -> column.name().equals(name)).findFirst();
		}

		List<String> differencesFrom(Table expected) {
			List<String> differences = new ArrayList<>();
			for (Column wanted : expected.columns) {
				Optional<Column> actual = column(wanted.name());
				if (actual.isEmpty()) {
					differences.add("column " + wanted.name() + " is missing");
				}
				else if (!actual.get().equals(wanted)) {
					differences.add("column " + wanted.name() + " is " + actual.get() + ", should be " + wanted);
				}
			}
			for (Column actual : this.columns) {
				if (expected.column(actual.name()).isEmpty()) {
					differences.add("column " + actual.name() + " is not in the entity");
				}
			}
			if (!this.primaryKey.equals(expected.primaryKey)) {
				differences.add("primary key is " + this.primaryKey + ", should be " + expected.primaryKey);
			}
			if (!this.foreignKeys.equals(expected.foreignKeys)) {
				differences.add("foreign keys are " + this.foreignKeys + ", should be " + expected.foreignKeys);
			}
			for (Index wanted : expected.indexes.values()) {
				Index actual = this.indexes.get(wanted.name());
				if (!wanted.equals(actual)) {
					differences.add("index " + wanted.name() + ((actual == null) ? " is missing" : " is " + actual)
							+ ", should be " + wanted);
				}
			}
			for (Index actual : this.indexes.values()) {
				if (!expected.indexes.containsKey(actual.name())) {
					differences.add("index " + actual.name() + " is not in the entity");
				}
			}
			return differences;
		}

	}

	/**
	 * A column.
	 *
	 * @param name the column name
	 * @param type the type: on SQLite its affinity ({@code text}, {@code integer},
	 * {@code real}, {@code numeric} or {@code blob}), on PostgreSQL as
	 * {@code format_type} spells it
	 * @param notNull whether NULL is refused
	 * @param defaultValue the default expression, normalized, or null
	 */
	record Column(String name, String type, boolean notNull, String defaultValue) {

		@Override
		public String toString() {
			return this.type + (this.notNull ? " not null" : "")
					+ ((this.defaultValue != null) ? " default " + this.defaultValue : "");
		}

	}

	/**
	 * A foreign key.
	 *
	 * @param columns the referencing columns
	 * @param referencedTable the referenced table
	 * @param referencedColumns the referenced columns
	 * @param onDelete the action on delete of the referenced row, lower case
	 * ({@code no action}, {@code cascade}, …)
	 */
	record ForeignKey(List<String> columns, String referencedTable, List<String> referencedColumns,
			String onDelete) implements Comparable<ForeignKey> {

		@Override
		public String toString() {
			return "(" + String.join(", ", this.columns) + ") references " + this.referencedTable + " ("
					+ String.join(", ", this.referencedColumns) + ")"
					+ (this.onDelete.equals("no action") ? "" : " on delete " + this.onDelete);
		}

		@Override
		public int compareTo(ForeignKey other) {
			return String.join(",", this.columns).compareTo(String.join(",", other.columns));
		}

	}

	/**
	 * An index.
	 *
	 * @param name the index name
	 * @param unique whether it is unique
	 * @param terms the indexed columns or expressions, normalized
	 * @param where the partial index condition, normalized, or null
	 */
	record Index(String name, boolean unique, List<String> terms, String where) {

		@Override
		public String toString() {
			return (this.unique ? "unique " : "") + "(" + String.join(", ", this.terms) + ")"
					+ ((this.where != null) ? " where " + this.where : "");
		}

	}

	/**
	 * Normalizes an SQL expression so that spellings that SQLite treats alike compare
	 * equal: lower case outside quotes, single spaces, no space inside parentheses or
	 * before commas, no outer parentheses.
	 * @param sql an expression, or null
	 * @return the normal form, or null
	 */
	static String normalize(String sql) {
		if (sql == null) {
			return null;
		}
		StringBuilder out = new StringBuilder();
		char quote = 0;
		boolean space = false;
		for (char c : sql.trim().toCharArray()) {
			if (quote != 0) {
				out.append(c);
				if (c == quote) {
					quote = 0;
				}
				continue;
			}
			if (c == '\'' || c == '"' || c == '`') {
				quote = c;
			}
			if (Character.isWhitespace(c)) {
				space = true;
				continue;
			}
			if (space && out.length() > 0 && c != ')' && c != ',' && out.charAt(out.length() - 1) != '(') {
				out.append(' ');
			}
			space = false;
			out.append((quote == 0) ? Character.toLowerCase(c) : c);
		}
		String normal = out.toString().replace("\"", "").replace("`", "");
		while (normal.startsWith("(") && SqlSyntax.closingParenthesis(normal, 0) == normal.length() - 1) {
			normal = normal.substring(1, normal.length() - 1).trim();
		}
		return normal;
	}

	/**
	 * SQLite's type affinity of a declared type (section 3.1 of its data type
	 * documentation).
	 * @param declared a declared column type such as {@code varchar(255)}
	 * @return {@code integer}, {@code text}, {@code blob}, {@code real} or
	 * {@code numeric}
	 */
	static String affinity(String declared) {
		String type = (declared != null) ? declared.toUpperCase(Locale.ROOT) : "";
		if (type.contains("INT")) {
			return "integer";
		}
		if (type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT")) {
			return "text";
		}
		if (type.isBlank() || type.contains("BLOB")) {
			return "blob";
		}
		if (type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB")) {
			return "real";
		}
		return "numeric";
	}

}
