package io.flarekit.schema;

import java.util.List;

/**
 * The text of a generated migration: a header that says where it came from, one commented
 * group of statements per change, and, when a table is rebuilt, the frame that makes the
 * rebuild safe.
 *
 * @param sql the file's text
 * @param outsideTransaction whether Flyway must run it outside a transaction
 */
record MigrationScript(String sql, boolean outsideTransaction) {

	/** The Flyway script configuration that runs a migration outside a transaction. */
	static final String NON_TRANSACTIONAL_CONF = "# Written by the migration generator beside its .sql file.\n"
			+ "# SQLite ignores 'pragma foreign_keys = off' inside a transaction, and the table\n"
			+ "# rebuild in the script needs it off, so Flyway must not open one: the script opens its own.\n"
			+ "executeInTransaction=false\n";

	static MigrationScript of(List<Change> changes, String name, List<String> destructive) {
		boolean rebuild = changes.stream().anyMatch(Change::rebuild);
		StringBuilder sql = new StringBuilder();
		sql.append("-- Generated from the entity classes by\n--   ")
			.append(MigrationGenerator.GENERATE_COMMAND.replace("<what_changed>", name))
			.append("\n-- Do not edit: change the entities and generate again.\n");
		if (!destructive.isEmpty()) {
			sql.append("--\n-- DESTRUCTIVE, allowed with -DallowDestructive=true:\n");
			destructive.forEach((reason) -> sql.append("--   ").append(reason).append('\n'));
		}
		if (rebuild) {
			sql.append("--\n-- Tables are rebuilt, so this runs outside Flyway's transaction (see the .conf\n")
				.append("-- file): with foreign keys on, dropping the old table would delete the rows of\n")
				.append("-- every table that references it. The savepoint makes the whole file one\n")
				.append("-- transaction, and every foreign key is checked before it commits.\n\n")
				.append("pragma foreign_keys = off;\n")
				.append("savepoint migration;\n");
		}
		for (Change change : changes) {
			sql.append("\n-- ").append(change.description()).append('\n');
			change.statements().forEach((statement) -> sql.append(statement).append('\n'));
		}
		if (rebuild) {
			sql.append("\n-- every foreign key must still hold: a violation fails this insert and the migration\n")
				.append("create temp table migration_foreign_key_check (violations integer not null check (violations = 0));\n")
				.append("insert into migration_foreign_key_check select count(*) from pragma_foreign_key_check;\n")
				.append("drop table migration_foreign_key_check;\n")
				.append("release migration;\n")
				.append("pragma foreign_keys = on;\n");
		}
		return new MigrationScript(sql.toString(), rebuild);
	}

}
