package io.flarekit.users;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default list of users is planned on the partial index of live users in creation
 * order, with no sort, whatever SQLite's statistics say: none, those of empty tables (an
 * {@code ANALYZE} before a bulk load), or fresh ones. Without that index, SQLite planned
 * a one-row page on {@code ux_users_email} and sorted the whole table. Plans are
 * asserted, not timings, on a real file migrated by the project's migrations.
 */
class UserListPlanTest {

	/** As Hibernate writes it. */
	private static final String LIST = "select u1_0.id,u1_0.created_at,u1_0.deleted_at,u1_0.email,u1_0.name,"
			+ "u1_0.updated_at from users u1_0 where u1_0.deleted_at is null "
			+ "order by u1_0.created_at desc,u1_0.id desc limit ? offset ?";

	@TempDir
	Path data;

	private String url;

	@BeforeEach
	void migrate() {
		this.url = "jdbc:sqlite:" + this.data.resolve("flarekit.db");
		Flyway.configure().dataSource(this.url, null, null).locations("classpath:db/migration").load().migrate();
	}

	@Test
	void withoutStatistics() throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.url);
				Statement statement = connection.createStatement()) {
			bulkLoad(statement);
			assertEveryPageWalksTheLiveIndex(connection);
		}
	}

	@Test
	void withStatisticsOfEmptyTables() throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.url);
				Statement statement = connection.createStatement()) {
			statement.execute("analyze");
			bulkLoad(statement);
		}
		try (Connection connection = DriverManager.getConnection(this.url)) {
			assertEveryPageWalksTheLiveIndex(connection);
		}
	}

	@Test
	void withFreshStatistics() throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.url);
				Statement statement = connection.createStatement()) {
			bulkLoad(statement);
			statement.execute("analyze");
			assertEveryPageWalksTheLiveIndex(connection);
		}
	}

	@Test
	void theListWithDeletedUsersKeepsTheFullIndex() throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.url);
				Statement statement = connection.createStatement()) {
			bulkLoad(statement);
			try (ResultSet rows = statement.executeQuery("explain query plan select u1_0.id,u1_0.name from users u1_0 "
					+ "order by u1_0.created_at desc,u1_0.id desc limit 1 offset 0")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(4)).isEqualTo("SCAN u1_0 USING INDEX idx_users_created_at");
			}
		}
	}

	private static void assertEveryPageWalksTheLiveIndex(Connection connection) throws SQLException {
		for (int[] page : new int[][] { { 1, 0 }, { 2, 0 }, { 10, 0 }, { 10, 1000 } }) {
			assertThat(plan(connection, page[0], page[1])).as("limit %d offset %d", page[0], page[1])
				.isEqualTo("SCAN u1_0 USING INDEX idx_users_live_created_at");
		}
	}

	private static void bulkLoad(Statement statement) throws SQLException {
		statement.execute("insert into users (id, created_at, email, name) with recursive n(i) as (select 0 "
				+ "union all select i + 1 from n where i < 2999) select printf('id-%08d', i), "
				+ "strftime('%Y-%m-%d %H:%M:%f', '2024-01-01', '+' || i || ' seconds'), "
				+ "'user' || i || '@example.com', 'User ' || i from n");
	}

	private static String plan(Connection connection, int limit, int offset) throws SQLException {
		StringBuilder plan = new StringBuilder();
		try (PreparedStatement explain = connection.prepareStatement("explain query plan " + LIST)) {
			explain.setInt(1, limit);
			explain.setInt(2, offset);
			try (ResultSet rows = explain.executeQuery()) {
				while (rows.next()) {
					plan.append((plan.length() > 0) ? "; " : "").append(rows.getString(4));
				}
			}
		}
		return plan.toString();
	}

}
