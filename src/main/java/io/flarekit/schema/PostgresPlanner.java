package io.flarekit.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Works out the changes that take a PostgreSQL database from one schema to another, each
 * with PostgreSQL's own {@code ALTER TABLE}: no table is ever rebuilt, and Flyway runs
 * the whole migration in one transaction (PostgreSQL's DDL is transactional). Indexes and
 * foreign keys that change are dropped before the columns change and created after.
 */
final class PostgresPlanner {

	/** Type changes that keep every value; anything may also become {@code text}. */
	private static final Set<String> WIDENING = Set.of("smallint>integer", "smallint>bigint", "integer>bigint",
			"smallint>numeric", "integer>numeric", "bigint>numeric", "real>double precision");

	private PostgresPlanner() {
	}

	static List<Change> plan(Schema current, Schema target) {
		List<Change> first = new ArrayList<>();
		List<Change> columns = new ArrayList<>();
		List<Change> last = new ArrayList<>();
		for (Schema.Table table : target.parentsFirst(target.tables().keySet())) {
			current.table(table.name()).ifPresent((existing) -> {
				first.addAll(MigrationPlanner.indexDrops(existing, table));
				first.addAll(foreignKeyDrops(existing, table));
				columns.addAll(columnChanges(existing, table));
				columns.addAll(primaryKeyChange(existing, table));
				last.addAll(foreignKeyAdds(existing, table));
				last.addAll(MigrationPlanner.indexCreates(existing, table));
			});
		}
		List<Change> changes = new ArrayList<>(MigrationPlanner.createTables(current, target));
		changes.addAll(first);
		changes.addAll(columns);
		changes.addAll(last);
		changes.addAll(MigrationPlanner.dropTables(current, target));
		return changes;
	}

	private static List<Change> columnChanges(Schema.Table current, Schema.Table target) {
		List<Change> changes = new ArrayList<>();
		Map<String, Schema.Column> before = MigrationPlanner.byName(current);
		String table = SqlText.quote(target.name());
		for (Schema.Column column : target.columns()) {
			Schema.Column was = before.get(column.name());
			if (was == null) {
				boolean unfillable = column.notNull() && column.defaultValue() == null;
				changes.add(
						new Change("add column " + target.name() + "." + column.name(),
								List.of(SqlText.addColumn(target.name(), column)),
								unfillable
										? "adds " + target.name() + "." + column.name()
												+ " NOT NULL without a default: existing rows have no value for it"
										: null,
								false));
			}
			else if (!was.equals(column)) {
				changes.add(alterColumn(target.name(), was, column));
			}
		}
		for (Schema.Column column : current.columns()) {
			if (target.column(column.name()).isEmpty()) {
				changes.add(new Change("drop column " + target.name() + "." + column.name(),
						List.of("alter table " + table + " drop column " + SqlText.quote(column.name()) + ";"),
						"drops column " + target.name() + "." + column.name() + " and its values", false));
			}
		}
		return changes;
	}

	private static Change alterColumn(String tableName, Schema.Column was, Schema.Column column) {
		String alter = "alter table " + SqlText.quote(tableName) + " alter column " + SqlText.quote(column.name());
		List<String> statements = new ArrayList<>();
		List<String> destructive = new ArrayList<>();
		boolean retyped = !was.type().equals(column.type());
		if (retyped) {
			if (was.defaultValue() != null) {
				statements.add(alter + " drop default;");
			}
			statements.add(alter + " type " + column.type() + " using " + SqlText.quote(column.name()) + "::"
					+ column.type() + ";");
			if (!column.type().equals("text") && !WIDENING.contains(was.type() + ">" + column.type())) {
				destructive
					.add("narrows " + tableName + "." + column.name() + " from " + was.type() + " to " + column.type());
			}
		}
		if (!Objects.equals(was.defaultValue(), column.defaultValue()) || (retyped && was.defaultValue() != null)) {
			statements.add(alter + ((column.defaultValue() != null) ? " set default " + column.defaultValue() + ";"
					: " drop default;"));
		}
		if (column.notNull() && !was.notNull()) {
			if (column.defaultValue() != null) {
				statements.add("update " + SqlText.quote(tableName) + " set " + SqlText.quote(column.name()) + " = "
						+ column.defaultValue() + " where " + SqlText.quote(column.name()) + " is null;");
			}
			else {
				destructive.add("makes " + tableName + "." + column.name()
						+ " NOT NULL without a default while rows may hold NULL");
			}
			statements.add(alter + " set not null;");
		}
		else if (!column.notNull() && was.notNull()) {
			statements.add(alter + " drop not null;");
		}
		return new Change("alter column " + tableName + "." + column.name() + ": " + was + " -> " + column, statements,
				destructive.isEmpty() ? null : String.join("; ", destructive), false);
	}

	private static List<Change> primaryKeyChange(Schema.Table current, Schema.Table target) {
		if (current.primaryKey().equals(target.primaryKey())) {
			return List.of();
		}
		List<String> statements = new ArrayList<>();
		if (!current.primaryKey().isEmpty()) {
			statements.add(dropConstraint(target.name(), "p", current.primaryKey()));
		}
		if (!target.primaryKey().isEmpty()) {
			statements.add("alter table " + SqlText.quote(target.name()) + " add primary key ("
					+ SqlText.columnList(target.primaryKey()) + ");");
		}
		return List.of(new Change("primary key of " + target.name() + " (" + String.join(", ", current.primaryKey())
				+ ") -> (" + String.join(", ", target.primaryKey()) + ")", statements, null, false));
	}

	private static List<Change> foreignKeyDrops(Schema.Table current, Schema.Table target) {
		return current.foreignKeys()
			.stream()
			.filter((foreignKey) -> !target.foreignKeys().contains(foreignKey))
			.map((foreignKey) -> Change.of("drop foreign key " + target.name() + " " + foreignKey,
					dropConstraint(target.name(), "f", foreignKey.columns())))
			.toList();
	}

	private static List<Change> foreignKeyAdds(Schema.Table current, Schema.Table target) {
		return target.foreignKeys()
			.stream()
			.filter((foreignKey) -> !current.foreignKeys().contains(foreignKey))
			.map((foreignKey) -> Change.of("add foreign key " + target.name() + " " + foreignKey,
					"alter table " + SqlText.quote(target.name()) + " add " + SqlText.foreignKey(foreignKey) + ";"))
			.toList();
	}

	/**
	 * Drops the primary key ({@code p}) or foreign key ({@code f}) constraint of a table
	 * on the given columns, whatever PostgreSQL named it (a renamed table keeps its
	 * constraints' old names).
	 */
	static String dropConstraint(String table, String kind, List<String> columns) {
		String names = columns.stream().map((column) -> "'" + column + "'").collect(Collectors.joining(", "));
		return "do $$ begin execute (select 'alter table " + SqlText.quote(table).replace("'", "''")
				+ " drop constraint ' || quote_ident(c.conname) from pg_constraint c\n" + "    where c.conrelid = '"
				+ SqlText.quote(table).replace("'", "''") + "'::regclass and c.contype = '" + kind
				+ "'\n    and array(select a.attname::text from unnest(c.conkey) with ordinality k(attnum, n)"
				+ " join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.n)" + " = array["
				+ names + "]::text[] limit 1); end $$;";
	}

}
