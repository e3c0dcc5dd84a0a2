package io.flarekit.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The prepared statements a SQLite connection keeps, on a real database file in WAL mode:
 * kept ones are reused, never shared, hold no lock and run nothing while kept (an
 * insert's generated keys included), carry nothing of their last use, follow schema
 * changes, and are finalized when dropped.
 */
class StatementCacheTest {

	private static final String BY_ID = "select x from t where id = ?";

	@TempDir
	Path folder;

	private SqliteConnections connections;

	@BeforeEach
	void database() throws SQLException {
		this.connections = connections(100);
		try (Connection connection = this.connections.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create table t (id integer primary key, x text)");
			statement.execute("insert into t values (1, 'one'), (2, 'two'), (3, 'three')");
		}
	}

	@Test
	void theSameSqlOnTheSameConnectionReusesTheCompiledStatement() throws SQLException {
		try (Connection connection = this.connections.getConnection()) {
			PreparedStatement first = connection.prepareStatement(BY_ID);
			assertThat(valueOf(first, 1)).isEqualTo("one");
			first.close();
			PreparedStatement second = connection.prepareStatement(BY_ID);
			assertThat(second).isSameAs(first);
			assertThat(valueOf(second, 2)).isEqualTo("two");
			second.close();
		}
	}

	@Test
	void aStatementInUseIsNeverHandedOutTwice() throws SQLException {
		try (Connection connection = this.connections.getConnection();
				PreparedStatement outer = connection.prepareStatement(BY_ID)) {
			outer.setInt(1, 1);
			try (ResultSet rows = outer.executeQuery()) {
				rows.next();
				try (PreparedStatement inner = connection.prepareStatement(BY_ID)) {
					assertThat(inner).isNotSameAs(outer);
					assertThat(valueOf(inner, 3)).isEqualTo("three");
				}
				assertThat(rows.getString(1)).isEqualTo("one");
			}
		}
	}

	@Test
	void aKeptStatementHoldsNoReadSnapshot() throws SQLException {
		try (Connection reader = this.connections.getConnection();
				Connection writer = this.connections.getConnection()) {
			PreparedStatement all = reader.prepareStatement("select x from t order by id");
			ResultSet halfRead = all.executeQuery();
			halfRead.next();
			all.close(); // its result set half read and left open
			try (Statement statement = writer.createStatement()) {
				statement.execute("insert into t values (4, 'four')");
				try (ResultSet checkpoint = statement.executeQuery("pragma wal_checkpoint(truncate)")) {
					checkpoint.next();
					assertThat(checkpoint.getInt(1)).as("checkpoint blocked by a reader").isZero();
				}
			}
			try (PreparedStatement count = reader.prepareStatement("select count(*) from t");
					ResultSet counted = count.executeQuery()) {
				counted.next();
				assertThat(counted.getInt(1)).isEqualTo(4);
			}
		}
	}

	@Test
	void aReusedStatementCarriesNoParametersOrRowLimitFromItsLastUse() throws SQLException {
		try (Connection connection = this.connections.getConnection()) {
			try (PreparedStatement statement = connection.prepareStatement("select ? from t")) {
				statement.setString(1, "bound");
				statement.setMaxRows(1);
				assertThat(rows(statement)).isEqualTo(1);
			}
			try (PreparedStatement statement = connection.prepareStatement("select ? from t");
					ResultSet rows = statement.executeQuery()) {
				int count = 0;
				while (rows.next()) {
					assertThat(rows.getString(1)).isNull();
					count++;
				}
				assertThat(count).isEqualTo(3);
			}
		}
	}

	@Test
	void aKeptStatementFollowsASchemaChange() throws SQLException {
		try (Connection connection = this.connections.getConnection();
				Connection other = this.connections.getConnection()) {
			try (PreparedStatement statement = connection.prepareStatement("select * from t where id = 1");
					ResultSet rows = statement.executeQuery()) {
				assertThat(rows.getMetaData().getColumnCount()).isEqualTo(2);
			}
			try (Statement statement = other.createStatement()) {
				statement.execute("alter table t add column y text default 'added'");
			}
			try (PreparedStatement statement = connection.prepareStatement("select * from t where id = 1");
					ResultSet rows = statement.executeQuery()) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getMetaData().getColumnCount()).isEqualTo(3);
				assertThat(rows.getString("y")).isEqualTo("added");
			}
		}
	}

	@Test
	void theLeastRecentlyUsedIsFinalizedPastTheSize() throws SQLException {
		SqliteConnections small = connections(2);
		try (Connection connection = small.getConnection()) {
			PreparedStatement one = connection.prepareStatement("select 1");
			one.close();
			connection.prepareStatement("select 2").close();
			connection.prepareStatement("select 3").close();
			assertThat(one.isClosed()).as("the eldest, finalized").isTrue();
			assertThat(connection.prepareStatement("select 1")).isNotSameAs(one);
		}
	}

	@Test
	void aKeptInsertLeavesNoStatementInProgress() throws SQLException {
		try (Connection connection = this.connections.getConnection()) {
			try (PreparedStatement insert = connection.prepareStatement("insert into t values (9, 'nine')")) {
				insert.executeUpdate();
			}
			try (Statement statement = connection.createStatement()) {
				// SQLite refuses to vacuum while another statement of the connection runs
				statement.execute("vacuum");
			}
		}
	}

	@Test
	void sizeZeroKeepsNothing() throws SQLException {
		try (Connection connection = connections(0).getConnection()) {
			PreparedStatement statement = connection.prepareStatement(BY_ID);
			statement.close();
			assertThat(statement.isClosed()).isTrue();
			assertThat(connection.prepareStatement(BY_ID)).isNotSameAs(statement);
		}
	}

	@Test
	void closingTwiceLeavesTheKeptStatementUsable() throws SQLException {
		try (Connection connection = this.connections.getConnection()) {
			PreparedStatement statement = connection.prepareStatement(BY_ID);
			statement.close();
			statement.close();
			assertThat(statement.isClosed()).isFalse();
			try (PreparedStatement again = connection.prepareStatement(BY_ID)) {
				assertThat(valueOf(again, 3)).isEqualTo("three");
			}
		}
	}

	@Test
	void closingTheConnectionFinalizesWhatItKept() throws SQLException {
		PreparedStatement kept;
		try (Connection connection = this.connections.getConnection()) {
			kept = connection.prepareStatement(BY_ID);
			kept.close();
			assertThat(kept.isClosed()).isFalse();
		}
		assertThat(kept.isClosed()).isTrue();
	}

	@Test
	void aNegativeSizeIsRefusedNamingTheSetting() {
		Binder binder = new Binder(
				new MapConfigurationPropertySource(Map.of("flarekit.database.statement-cache-size", "-1")));
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> binder.bindOrCreate("flarekit.database", DatabaseProperties.class))
			.havingRootCause()
			.withMessage("flarekit.database.statement-cache-size must not be negative");
	}

	private SqliteConnections connections(int size) {
		SQLiteConfig config = new SQLiteConfig();
		config.setJournalMode(SQLiteConfig.JournalMode.WAL);
		SqliteConnections connections = new SqliteConnections(config, size);
		connections.setUrl("jdbc:sqlite:" + this.folder.resolve("cache.db"));
		return connections;
	}

	private static String valueOf(PreparedStatement statement, int id) throws SQLException {
		statement.setInt(1, id);
		try (ResultSet rows = statement.executeQuery()) {
			return rows.next() ? rows.getString(1) : null;
		}
	}

	private static int rows(PreparedStatement statement) throws SQLException {
		int count = 0;
		try (ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				count++;
			}
		}
		return count;
	}

}
