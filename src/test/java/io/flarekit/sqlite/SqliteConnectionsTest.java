package io.flarekit.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A database that is full ({@code max_page_count} stands in for a full disk: SQLite
 * answers both with {@code SQLITE_FULL} and rolls the transaction back itself).
 */
class SqliteConnectionsTest {

	@TempDir
	Path folder;

	@Test
	void aRollbackAfterSqliteRolledBackByItselfSucceedsAndTheConnectionStaysUsable() throws SQLException {
		SQLiteConfig config = new SQLiteConfig();
		config.setJournalMode(SQLiteConfig.JournalMode.WAL);
		config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
		SqliteConnections connections = new SqliteConnections(config, 100);
		connections.setUrl("jdbc:sqlite:" + this.folder.resolve("full.db"));
		try (Connection connection = connections.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("create table t (x)");
			statement.execute("insert into t values ('first')");
			long pages = pages(statement);
			statement.execute("pragma max_page_count = " + pages);
			connection.setAutoCommit(false);
			SQLiteException full = catchThrowableOfType(SQLiteException.class,
					() -> statement.execute("insert into t values (randomblob(100000))"));
			assertThat(full.getResultCode()).isEqualTo(SQLiteErrorCode.SQLITE_FULL);

			connection.rollback();

			statement.execute("pragma max_page_count = " + (pages + 1000));
			statement.execute("insert into t values ('second')");
			connection.commit();
			connection.setAutoCommit(true);
			try (var rows = statement.executeQuery("select group_concat(x, ',') from t")) {
				rows.next();
				assertThat(rows.getString(1)).isEqualTo("first,second");
			}
		}
	}

	@Test
	void aRollbackWithoutATransactionStillFailsAsBefore() throws SQLException {
		SqliteConnections connections = new SqliteConnections(new SQLiteConfig(), 100);
		connections.setUrl("jdbc:sqlite:" + this.folder.resolve("plain.db"));
		try (Connection connection = connections.getConnection()) {
			assertThatThrownBy(connection::rollback).hasMessageContaining("auto-commit");
		}
	}

	private static long pages(Statement statement) throws SQLException {
		try (var rows = statement.executeQuery("pragma page_count")) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
