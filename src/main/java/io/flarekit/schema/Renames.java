package io.flarekit.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the entities say was renamed, from {@link io.flarekit.core.model.RenamedFrom}.
 *
 * @param tables new table name by old table name
 * @param columns per (new) table, new column name by old column name
 */
record Renames(Map<String, String> tables, Map<String, Map<String, String>> columns) {

	/**
	 * Renames, on a scratch database holding the current schema, what these hints name
	 * and the database still has under its old name; the hint of a rename already made is
	 * ignored.
	 * @param scratch the scratch database, changed in place
	 * @return the renames made, for the migration
	 */
	List<Change> apply(ScratchDatabase scratch) {
		List<Change> changes = new ArrayList<>();
		Schema current = scratch.schema();
		for (Map.Entry<String, String> rename : this.tables.entrySet()) {
			if (current.table(rename.getKey()).isPresent() && current.table(rename.getValue()).isEmpty()) {
				changes.add(Change.of("rename table " + rename.getKey() + " to " + rename.getValue(), "alter table "
						+ SqlText.quote(rename.getKey()) + " rename to " + SqlText.quote(rename.getValue()) + ";"));
			}
		}
		scratch.execute(changes.stream().flatMap((change) -> change.statements().stream()).toList());
		current = scratch.schema();
		List<Change> columnChanges = new ArrayList<>();
		for (Map.Entry<String, Map<String, String>> table : this.columns.entrySet()) {
			Optional<Schema.Table> existing = current.table(table.getKey());
			for (Map.Entry<String, String> rename : table.getValue().entrySet()) {
				if (existing.isPresent() && existing.get().column(rename.getKey()).isPresent()
						&& existing.get().column(rename.getValue()).isEmpty()) {
					columnChanges.add(Change.of(
							"rename column " + table.getKey() + "." + rename.getKey() + " to " + rename.getValue(),
							"alter table " + SqlText.quote(table.getKey()) + " rename column "
									+ SqlText.quote(rename.getKey()) + " to " + SqlText.quote(rename.getValue())
									+ ";"));
				}
			}
		}
		scratch.execute(columnChanges.stream().flatMap((change) -> change.statements().stream()).toList());
		changes.addAll(columnChanges);
		return changes;
	}

}
