package io.flarekit.schema;

import java.util.List;

import io.flarekit.testing.TestPostgres;

/**
 * The migration commands as Maven runs them ({@code exec:java@generate-migration} and
 * {@code @check-migrations}, with the test classpath): {@link MigrationTool} with every
 * supported database, PostgreSQL's scratch databases on the tests' embedded server. It
 * lives with the tests so that the embedded server never enters the service's jar.
 */
public final class MigrationCommands {

	private MigrationCommands() {
	}

	public static void main(String[] args) {
		MigrationTool.run(args, vendors());
	}

	/** SQLite and PostgreSQL, in the order their migrations are generated. */
	static List<Vendor> vendors() {
		return List.of(new SqliteVendor(), postgres());
	}

	/** PostgreSQL with scratch databases on the tests' embedded server. */
	static Vendor postgres() {
		return new PostgresVendor(() -> TestPostgres.newDatabase("scratch"), TestPostgres.user(),
				TestPostgres.password());
	}

}
