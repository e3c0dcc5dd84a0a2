package io.flarekit.sqlite;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import javax.sql.DataSource;

import io.flarekit.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.sqlite.JDBC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteSetupTest extends IntegrationTest {

	@Autowired
	@Qualifier("sqliteWritePool")
	DataSource writePool;

	@Autowired
	@Qualifier("sqliteReadPool")
	DataSource readPool;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void theDatabaseFileIsCreatedWhereConfiguredAndMigratedByFlyway() {
		assertThat(DATA.resolve("flarekit.db")).exists();
		assertThat(this.jdbc.queryForObject(
				"select count(*) from flyway_schema_history where version = '1' and success = 1", Integer.class))
			.isEqualTo(1);
		assertThat(this.jdbc.queryForObject("select count(*) from sqlite_master where name = 'users'", Integer.class))
			.isEqualTo(1);
	}

	@Test
	void everyWriteConnectionHasEveryPragma() throws SQLException {
		for (int i = 0; i < 3; i++) {
			try (Connection connection = this.writePool.getConnection()) {
				assertEveryPragma(connection);
			}
		}
	}

	@Test
	void everyReadConnectionHasEveryPragmaAndCannotWrite() throws SQLException {
		for (int i = 0; i < 5; i++) {
			try (Connection connection = this.readPool.getConnection()) {
				assertEveryPragma(connection);
				try (Statement statement = connection.createStatement()) {
					assertThatThrownBy(() -> statement.executeUpdate(
							"insert into users (id, name, email, created_at) values ('x', 'x', 'x@x.io', 'x')"))
						.hasMessageContaining("readonly");
				}
			}
		}
	}

	@Test
	void writeTransactionsBeginImmediatelySoAReadNeverUpgradesIntoABusyError() throws Exception {
		// A write transaction holds SQLite's write lock from its first statement on:
		// while
		// it is open, a second writer cannot even begin (it waits), so it can never fail
		// half-way when it upgrades from reading to writing.
		try (Connection first = this.writePool.getConnection()) {
			first.setAutoCommit(false);
			try (Statement statement = first.createStatement()) {
				statement.executeQuery("select count(*) from users").close();
			}
			try (Connection second = JDBC.createConnection("jdbc:sqlite:" + DATA.resolve("flarekit.db"),
					new Properties())) {
				try (Statement statement = second.createStatement()) {
					statement.execute("pragma busy_timeout = 0");
					assertThatThrownBy(() -> statement.execute("begin immediate")).hasMessageContaining("SQLITE_BUSY");
				}
			}
			first.rollback();
		}
	}

	@Test
	void readOnlyTransactionsUseTheReadPoolAndWritesTheWritePool() {
		TransactionTemplate readOnly = new TransactionTemplate(this.transactionManager);
		readOnly.setReadOnly(true);
		Boolean readSideIsReadOnly = readOnly
			.execute((status) -> this.jdbc.queryForObject("pragma query_only", Integer.class) == 0
					&& isReadOnlyConnection());
		assertThat(readSideIsReadOnly).isTrue();
		Boolean writeSideIsReadOnly = new TransactionTemplate(this.transactionManager)
			.execute((status) -> isReadOnlyConnection());
		assertThat(writeSideIsReadOnly).isFalse();
	}

	@Test
	void readOnlyWorkWithoutATransactionUsesTheReadPoolInAutocommit() {
		// how the services read one record: no BEGIN and COMMIT, and not on the writer
		TransactionTemplate single = new TransactionTemplate(this.transactionManager);
		single.setPropagationBehavior(TransactionDefinition.PROPAGATION_SUPPORTS);
		single.setReadOnly(true);
		Boolean onReader = single.execute((status) -> isReadOnlyConnection());
		assertThat(onReader).isTrue();
		Boolean autocommit = single.execute((status) -> this.jdbc.execute(Connection::getAutoCommit));
		assertThat(autocommit).isTrue();
		Boolean joined = new TransactionTemplate(this.transactionManager)
			.execute((status) -> single.execute((inner) -> isReadOnlyConnection()));
		assertThat(joined).as("joining a write transaction, it reads on the writer").isFalse();
	}

	private boolean isReadOnlyConnection() {
		return Boolean.TRUE.equals(this.jdbc.execute((Connection connection) -> {
			try (Statement statement = connection.createStatement()) {
				statement.execute("create temp table if not exists probe (x)");
				statement.execute("drop table if exists probe");
				statement.executeUpdate("update users set name = name where 0");
				return false;
			}
			catch (SQLException ex) {
				return ex.getMessage().contains("readonly");
			}
		}));
	}

	@Test
	void noDatabaseFileIsLeftOutsideTheConfiguredFolder() throws Exception {
		try (var files = Files.list(DATA)) {
			assertThat(files.map((path) -> path.getFileName().toString()))
				.allMatch((name) -> name.startsWith("flarekit.db") || name.equals("blobs") || name.equals("uploads"));
		}
	}

	private static void assertEveryPragma(Connection connection) throws SQLException {
		assertThat(pragma(connection, "journal_mode")).isEqualTo("wal");
		assertThat(pragma(connection, "synchronous")).isEqualTo("1");
		assertThat(pragma(connection, "foreign_keys")).isEqualTo("1");
		assertThat(pragma(connection, "busy_timeout")).isEqualTo("5000");
	}

	private static String pragma(Connection connection, String name) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("pragma " + name)) {
			result.next();
			return result.getString(1);
		}
	}

}
