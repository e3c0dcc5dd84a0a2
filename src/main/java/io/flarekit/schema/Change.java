package io.flarekit.schema;

import java.util.List;

/**
 * One change of a migration: what it does, in words, and the statements that do it.
 *
 * @param description a comment naming the change, e.g. {@code add column users.age}
 * @param statements the SQL statements, each ending in a semicolon
 * @param destructive why the change can lose data, or null when it cannot
 * @param rebuild whether it rebuilds a table (then the migration must run with foreign
 * keys off, outside Flyway's transaction)
 */
record Change(String description, List<String> statements, String destructive, boolean rebuild) {

	static Change of(String description, String... statements) {
		return new Change(description, List.of(statements), null, false);
	}

}
