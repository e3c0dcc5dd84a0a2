package io.flarekit.schema;

import java.util.Map;

/**
 * What the entities say was renamed, from {@link io.flarekit.core.model.RenamedFrom}.
 *
 * @param tables new table name by old table name
 * @param columns per (new) table, new column name by old column name
 */
record Renames(Map<String, String> tables, Map<String, Map<String, String>> columns) {
}
