package io.flarekit.system;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.flarekit.FlarekitApplication;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner's statistics through the service's own start, on real SQLite files: the
 * case of the benchmark and of a restore, where rows arrive while the service is stopped.
 * The trap is SQLite's: a partial index that covers {@code deleted_at is null} but not
 * the order, which statistics of empty tables make look free, so that a page of one row
 * sorts the whole table. No timing is asserted; the plans are.
 */
class QueryPlannerStatisticsTest {

	private static final int ROWS = 3000;

	/** As Hibernate writes the default list of a soft-deletable entity. */
	private static final String LIST = "select t1_0.id,t1_0.created_at,t1_0.deleted_at,t1_0.email from %s t1_0 "
			+ "where t1_0.deleted_at is null order by t1_0.created_at desc,t1_0.id desc limit ? offset ?";

	@TempDir
	Path data;

	@Test
	void aFirstStartOnAnEmptyDatabaseTakesNoStatistics() throws SQLException {
		try (ConfigurableApplicationContext service = start()) {
			assertThat(statistics("users")).isEmpty();
		}
	}

	@Test
	void rowsLoadedWhileTheServiceWasStoppedAreAnalyzedAtStartAndEveryReaderPlansWithIt() throws SQLException {
		try (ConfigurableApplicationContext first = start()) {
			// creates and migrates the file
		}
		try (Connection connection = open(); Statement statement = connection.createStatement()) {
			// a table with the trap, and the statistics that an ANALYZE of empty tables
			// leaves (the reverted first attempt ran one on the first start)
			statement.execute("create table trap (id text primary key, created_at text not null, deleted_at text, "
					+ "email text not null)");
			statement.execute("create index trap_created_at on trap (created_at, id)");
			statement.execute("create unique index trap_live_email on trap (lower(email)) where deleted_at is null");
			statement.execute("analyze");
			bulkLoad(statement, "trap");
			bulkLoad(statement, "users");
			assertThat(plan(connection, "trap", 1)).contains("USE TEMP B-TREE FOR ORDER BY");
		}
		try (ConfigurableApplicationContext second = start()) {
			assertThat(statistics("trap")).isNotEmpty().allMatch((stat) -> stat.startsWith(ROWS + " "));
			assertThat(statistics("users")).isNotEmpty().allMatch((stat) -> stat.startsWith(ROWS + " "));
			assertEveryReaderWalksTheOrderIndex(second);
		}
	}

	@Test
	void rowsWrittenWhileTheServiceRunsAreAnalyzedByTheNextRefreshAndEveryReaderPlansWithIt() throws SQLException {
		try (ConfigurableApplicationContext service = start()) {
			try (Connection connection = open(); Statement statement = connection.createStatement()) {
				// one transaction: a reader the pool opens meanwhile must not load the
				// new
				// table without its statistics (it keeps what it loaded, as below)
				connection.setAutoCommit(false);
				statement.execute("create table trap (id text primary key, created_at text not null, "
						+ "deleted_at text, email text not null)");
				statement.execute("create index trap_created_at on trap (created_at, id)");
				statement
					.execute("create unique index trap_live_email on trap (lower(email)) where deleted_at is null");
				statement.execute("analyze trap");
				connection.commit();
				connection.setAutoCommit(true);
				bulkLoad(statement, "trap");
				bulkLoad(statement, "users");
			}
			HikariDataSource readPool = service.getBean("sqliteReadPool", HikariDataSource.class);
			for (Connection reader : borrowAll(readPool)) {
				try (reader) {
					// each reader loads the schema with the statistics of the empty table
					assertThat(plan(reader, "trap", 1)).contains("USE TEMP B-TREE FOR ORDER BY");
				}
			}
			assertThat(service.getBean(QueryPlannerStatistics.class).refresh()).isTrue();
			assertThat(statistics("trap")).isNotEmpty().allMatch((stat) -> stat.startsWith(ROWS + " "));
			assertEveryReaderWalksTheOrderIndex(service);
		}
	}

	private static void assertEveryReaderWalksTheOrderIndex(ConfigurableApplicationContext service)
			throws SQLException {
		for (Connection reader : borrowAll(service.getBean("sqliteReadPool", HikariDataSource.class))) {
			try (reader) {
				for (int limit : new int[] { 1, 2, 10 }) {
					assertThat(plan(reader, "trap", limit)).contains("USING INDEX trap_created_at")
						.doesNotContain("TEMP B-TREE");
					assertThat(plan(reader, "users", limit)).containsPattern("USING INDEX idx_users_\\w*created_at")
						.doesNotContain("TEMP B-TREE");
				}
			}
		}
	}

	/** Every connection of the pool at once, so that none is left unchecked. */
	private static List<Connection> borrowAll(HikariDataSource pool) throws SQLException {
		List<Connection> connections = new ArrayList<>();
		for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
			connections.add(pool.getConnection());
		}
		return connections;
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(FlarekitApplication.class).run("--server.port=0",
				"--flarekit.database.path=" + this.data.resolve("flarekit.db"),
				"--flarekit.storage.blob-dir=" + this.data.resolve("blobs"),
				"--flarekit.storage.uploads.dir=" + this.data.resolve("uploads"));
	}

	private Connection open() throws SQLException {
		return DriverManager.getConnection("jdbc:sqlite:" + this.data.resolve("flarekit.db"));
	}

	private List<String> statistics(String table) throws SQLException {
		List<String> statistics = new ArrayList<>();
		try (Connection connection = open();
				PreparedStatement query = connection.prepareStatement("select stat from sqlite_stat1 where tbl = ?")) {
			query.setString(1, table);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					statistics.add(rows.getString(1));
				}
			}
		}
		catch (SQLException ex) {
			// no sqlite_stat1 table: nothing was ever analyzed
			if (!String.valueOf(ex.getMessage()).contains("no such table")) {
				throw ex;
			}
		}
		return statistics;
	}

	private static void bulkLoad(Statement statement, String table) throws SQLException {
		statement.execute("insert into " + table + " (id, created_at, email" + (table.equals("users") ? ", name" : "")
				+ ") with recursive n(i) as (select 0 union all " + "select i + 1 from n where i < " + (ROWS - 1)
				+ ") select printf('id-%08d', i), "
				+ "strftime('%Y-%m-%d %H:%M:%f', '2024-01-01', '+' || i || ' seconds'), 'user' || i || '@example.com'"
				+ (table.equals("users") ? ", 'User ' || i" : "") + " from n");
	}

	private static String plan(Connection connection, String table, int limit) throws SQLException {
		StringBuilder plan = new StringBuilder();
		try (PreparedStatement explain = connection.prepareStatement("explain query plan " + LIST.formatted(table))) {
			explain.setInt(1, limit);
			explain.setInt(2, 0);
			try (ResultSet rows = explain.executeQuery()) {
				while (rows.next()) {
					plan.append(rows.getString(4)).append("; ");
				}
			}
		}
		return plan.toString();
	}

}
