package io.flarekit.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Works out the changes that take a database from one schema to another. What SQLite can
 * do in place (a new table, a nullable column or one with a literal default, an index) is
 * a plain statement; everything else rebuilds the table as SQLite's documentation
 * describes (create the new table, copy the rows, drop the old one, rename, recreate the
 * indexes). Renames are not planned here: they come from hints and are applied first.
 */
final class MigrationPlanner {

	/**
	 * Type changes that keep every value: anything may become text, blob or real from
	 * integer.
	 */
	private static final Set<String> WIDENING = Set.of("integer>real", "integer>numeric", "integer>text", "real>text",
			"real>numeric", "numeric>text", "integer>blob", "real>blob", "numeric>blob", "text>blob");

	private MigrationPlanner() {
	}

	static List<Change> plan(Schema current, Schema target) {
		List<Change> changes = new ArrayList<>(createTables(current, target));
		for (Schema.Table table : target.parentsFirst(target.tables().keySet())) {
			current.table(table.name()).ifPresent((existing) -> changes.addAll(alter(existing, table)));
		}
		changes.addAll(dropTables(current, target));
		return changes;
	}

	/**
	 * Creates the tables of the target that the current schema lacks, with their indexes,
	 * parents first: the same statements on every database.
	 */
	static List<Change> createTables(Schema current, Schema target) {
		List<Change> changes = new ArrayList<>();
		for (Schema.Table table : target.parentsFirst(target.tables().keySet())) {
			if (current.table(table.name()).isEmpty()) {
				List<String> statements = new ArrayList<>();
				statements.add(SqlText.createTable(table, table.name()));
				table.indexes().values().forEach((index) -> statements.add(SqlText.createIndex(table.name(), index)));
				changes.add(new Change("create table " + table.name(), statements, null, false));
			}
		}
		return changes;
	}

	/** Drops the tables the target no longer has, children first. */
	static List<Change> dropTables(Schema current, Schema target) {
		List<Change> changes = new ArrayList<>();
		List<Schema.Table> dropped = new ArrayList<>(current.parentsFirst(current.tables()
			.keySet()
			.stream()
			.filter((name) -> target.table(name).isEmpty())
			.collect(Collectors.toCollection(LinkedHashSet::new))));
		Collections.reverse(dropped);
		for (Schema.Table table : dropped) {
			changes.add(
					new Change("drop table " + table.name(), List.of("drop table " + SqlText.quote(table.name()) + ";"),
							"drops table " + table.name() + " and every row in it", false));
		}
		return changes;
	}

	private static List<Change> alter(Schema.Table current, Schema.Table target) {
		List<String> reasons = new ArrayList<>();
		List<String> destructive = new ArrayList<>();
		List<Schema.Column> added = new ArrayList<>();
		Map<String, Schema.Column> currentColumns = byName(current);
		Map<String, Schema.Column> targetColumns = byName(target);
		for (Schema.Column column : target.columns()) {
			Schema.Column before = currentColumns.get(column.name());
			if (before == null) {
				added.add(column);
				if (column.notNull() && column.defaultValue() == null) {
					destructive.add("adds " + target.name() + "." + column.name()
							+ " NOT NULL without a default: existing rows have no value for it");
				}
			}
			else if (!before.equals(column)) {
				reasons.add("column " + column.name() + ": " + before + " -> " + column);
				if (!before.type().equals(column.type()) && !WIDENING.contains(before.type() + ">" + column.type())) {
					destructive.add("narrows " + target.name() + "." + column.name() + " from " + before.type() + " to "
							+ column.type());
				}
				if (column.notNull() && !before.notNull() && column.defaultValue() == null) {
					destructive.add("makes " + target.name() + "." + column.name()
							+ " NOT NULL without a default while rows may hold NULL");
				}
			}
		}
		for (Schema.Column column : current.columns()) {
			if (!targetColumns.containsKey(column.name())) {
				reasons.add("drop column " + column.name());
				destructive.add("drops column " + target.name() + "." + column.name() + " and its values");
			}
		}
		if (!current.primaryKey().equals(target.primaryKey())) {
			reasons.add("primary key (" + String.join(", ", current.primaryKey()) + ") -> ("
					+ String.join(", ", target.primaryKey()) + ")");
		}
		if (!current.foreignKeys().equals(target.foreignKeys())) {
			reasons.add("foreign keys " + current.foreignKeys() + " -> " + target.foreignKeys());
		}
		boolean constraintIndexes = current.indexes()
			.keySet()
			.stream()
			.anyMatch((n) -> n.startsWith("sqlite_autoindex"));
		if (constraintIndexes) {
			reasons.add("unique constraints become named unique indexes");
		}
		boolean addable = added.stream()
			.allMatch((column) -> SqlText.isConstant(column.defaultValue())
					&& (!column.notNull() || column.defaultValue() != null)
					&& !target.primaryKey().contains(column.name()));
		if (reasons.isEmpty() && !addable) {
			reasons.add("add column " + added.stream().map(Schema.Column::name).collect(Collectors.joining(", "))
					+ " (SQLite cannot add it in place)");
		}
		if (!reasons.isEmpty()) {
			return List.of(rebuild(current, target, reasons, destructive));
		}
		List<Change> changes = new ArrayList<>();
		for (Schema.Column column : added) {
			changes.add(new Change("add column " + target.name() + "." + column.name(),
					List.of(SqlText.addColumn(target.name(), column)),
					destructive.isEmpty() ? null : String.join("; ", destructive), false));
		}
		changes.addAll(indexChanges(current, target));
		return changes;
	}

	private static Change rebuild(Schema.Table current, Schema.Table target, List<String> reasons,
			List<String> destructive) {
		String temporary = target.name() + "__rebuild";
		Map<String, Schema.Column> currentColumns = byName(current);
		List<String> into = new ArrayList<>();
		List<String> from = new ArrayList<>();
		for (Schema.Column column : target.columns()) {
			Schema.Column before = currentColumns.get(column.name());
			if (before != null) {
				into.add(SqlText.quote(column.name()));
				boolean fillNulls = column.notNull() && !before.notNull() && column.defaultValue() != null;
				from.add(fillNulls ? "coalesce(" + SqlText.quote(column.name()) + ", " + column.defaultValue() + ")"
						: SqlText.quote(column.name()));
			}
		}
		List<String> statements = new ArrayList<>();
		statements.add(SqlText.createTable(target, temporary));
		if (!into.isEmpty()) {
			statements.add("insert into " + SqlText.quote(temporary) + " (" + String.join(", ", into) + ")\n    select "
					+ String.join(", ", from) + " from " + SqlText.quote(current.name()) + ";");
		}
		statements.add("drop table " + SqlText.quote(current.name()) + ";");
		statements.add("alter table " + SqlText.quote(temporary) + " rename to " + SqlText.quote(target.name()) + ";");
		target.indexes().values().forEach((index) -> statements.add(SqlText.createIndex(target.name(), index)));
		return new Change("rebuild table " + target.name() + ": " + String.join("; ", reasons), statements,
				destructive.isEmpty() ? null : String.join("; ", destructive), true);
	}

	private static List<Change> indexChanges(Schema.Table current, Schema.Table target) {
		List<Change> changes = new ArrayList<>(indexDrops(current, target));
		changes.addAll(indexCreates(current, target));
		return changes;
	}

	/** Drops the indexes of a table that the target lacks or has otherwise. */
	static List<Change> indexDrops(Schema.Table current, Schema.Table target) {
		List<Change> changes = new ArrayList<>();
		for (Schema.Index index : current.indexes().values()) {
			if (!index.equals(target.indexes().get(index.name()))) {
				changes.add(Change.of("drop index " + index.name(), SqlText.dropIndex(index.name())));
			}
		}
		return changes;
	}

	/** Creates the indexes of the target that a table lacks or has otherwise. */
	static List<Change> indexCreates(Schema.Table current, Schema.Table target) {
		List<Change> changes = new ArrayList<>();
		for (Schema.Index index : target.indexes().values()) {
			if (!index.equals(current.indexes().get(index.name()))) {
				changes.add(Change.of("create index " + index.name(), SqlText.createIndex(target.name(), index)));
			}
		}
		return changes;
	}

	static Map<String, Schema.Column> byName(Schema.Table table) {
		Map<String, Schema.Column> columns = new LinkedHashMap<>();
		table.columns().forEach((column) -> columns.put(column.name(), column));
		return columns;
	}

}
