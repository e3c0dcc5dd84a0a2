package io.flarekit.postgresql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import io.flarekit.core.error.ConstraintFailure;
import io.flarekit.core.error.DiskFull;
import io.flarekit.core.query.CaseFolding;
import io.flarekit.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What PostgreSQL really says, on the test server: its {@code lower()} folds as the
 * core's {@link CaseFolding#lowerCase} does, and {@link PostgresErrors} reads each
 * constraint failure it reports.
 */
class PostgresDatabaseTest {

	private static Connection connection;

	@BeforeAll
	static void connect() throws SQLException {
		connection = DriverManager.getConnection(TestPostgres.newDatabase("pg_facts"), TestPostgres.user(),
				TestPostgres.password());
		try (Statement statement = connection.createStatement()) {
			statement.execute("create table parent (id text primary key)");
			statement.execute("create table child (id text primary key, name text not null, email text, "
					+ "owner text, slug text, views integer, parent_id text references parent (id), "
					+ "constraint ux_child_owner_slug unique (owner, slug), "
					+ "constraint ck_child_views check (views < 1000))");
			statement.execute("create unique index ux_child_email_lower on child (lower(email))");
		}
	}

	@AfterAll
	static void close() throws SQLException {
		connection.close();
	}

	@Test
	void lowerFoldsEveryLetterAsTheCoreDoes() throws SQLException {
		String text = "ÉMILE Zola ÅNGSTRÖM ΣΟΦΊΑ ДОМ İSTANBUL ǅ";
		try (Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("select lower('" + text
						+ "'), (select datlocprovider::text || ' ' || datctype from pg_database where datname = current_database())")) {
			row.next();
			assertThat(row.getString(1)).as("lc_ctype " + row.getString(2)).isEqualTo(CaseFolding.lowerCase(text));
		}
	}

	@Test
	void aDuplicateNamesItsColumnsOrItsIndex() {
		insert("insert into child (id, name, owner, slug, email) values ('a', 'x', 'o', 's', 'Ann@x')");
		assertThat(failure("insert into child (id, name, owner, slug) values ('b', 'x', 'o', 's')"))
			.contains(new ConstraintFailure.Unique(List.of("owner", "slug"), "ux_child_owner_slug"));
		assertThat(failure("insert into child (id, name, email) values ('c', 'x', 'ANN@x')"))
			.contains(new ConstraintFailure.Unique(List.of(), "ux_child_email_lower"));
		assertThat(failure("insert into child (id, name) values ('a', 'x')"))
			.contains(new ConstraintFailure.Unique(List.of("id"), "child_pkey"));
	}

	@Test
	void notNullForeignKeyAndCheckAreRecognized() {
		assertThat(failure("insert into child (id) values ('n')")).contains(new ConstraintFailure.NotNull("name"));
		assertThat(failure("insert into child (id, name, parent_id) values ('f', 'x', 'nobody')"))
			.contains(new ConstraintFailure.ForeignKey());
		assertThat(failure("insert into child (id, name, views) values ('v', 'x', 5000)"))
			.contains(new ConstraintFailure.Check("ck_child_views"));
		assertThat(failure("select 1/0")).as("not a constraint").isEmpty();
	}

	@Test
	void onlyPostgresqlsDiskFullIsOne() {
		PostgresErrors errors = new PostgresErrors();
		PSQLException full = new PSQLException(new ServerErrorMessage(
				"SERROR\0C53100\0Mcould not extend file \"base/16384/16385\": No space left on device\0"));
		assertThat(errors.isDiskFull(full)).isTrue();
		assertThat(DiskFull.isCause(new RuntimeException(full))).as("through the core").isTrue();
		assertThat(errors.isDiskFull(new SQLException("could not extend file", "53100"))).as("not the driver's")
			.isFalse();
		assertThat(errors.constraintFailure(new SQLException("duplicate", "23505"))).isEmpty();
	}

	private static void insert(String sql) {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Optional<ConstraintFailure> failure(String sql) {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			return new PostgresErrors().constraintFailure(ex);
		}
		throw new AssertionError("PostgreSQL accepted " + sql);
	}

}
