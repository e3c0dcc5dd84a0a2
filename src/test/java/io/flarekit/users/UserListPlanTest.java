package io.flarekit.users;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.flarekit.IntegrationTest;
import io.flarekit.QueryPlans;
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
 * asserted, not timings, on a real file migrated by the project's migrations. The
 * statements explained are the ones the service really sends for each page (recorded by
 * {@link io.flarekit.SentStatements} while the shared test service serves the request),
 * with the page's offset bound (its limit is in the SQL).
 */
class UserListPlanTest extends IntegrationTest {

	@TempDir
	Path data;

	private String url;

	@BeforeEach
	void migrate() {
		this.url = "jdbc:sqlite:" + this.data.resolve("flarekit.db");
		Flyway.configure().dataSource(this.url, null, null).locations("classpath:db/migration/sqlite").load().migrate();
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
			String page = pageQuery("/users?includeDeleted=true&range=" + q("[0,0]"));
			assertThat(QueryPlans.explain(connection, page, Map.of("limit", 1, "offset", 0))).as(page)
				.isEqualTo("SCAN u1_0 USING INDEX idx_users_created_at");
		}
	}

	private void assertEveryPageWalksTheLiveIndex(Connection connection) throws SQLException {
		for (int[] page : new int[][] { { 1, 0 }, { 2, 0 }, { 10, 0 }, { 10, 1000 } }) {
			int limit = page[0];
			int offset = page[1];
			String sql = pageQuery("/users?range=" + q("[" + offset + "," + (offset + limit - 1) + "]"));
			assertThat(QueryPlans.explain(connection, sql, Map.of("limit", limit, "offset", offset)))
				.as("limit %d offset %d: %s", limit, offset, sql)
				.isEqualTo("SCAN u1_0 USING INDEX idx_users_live_created_at");
		}
	}

	/** The query that reads the page, as the service sent it for a request. */
	private String pageQuery(String path) {
		return QueryPlans.single(statementsOf(path), (sql) -> sql.contains(" order by "), "page query");
	}

	private static void bulkLoad(Statement statement) throws SQLException {
		statement.execute("insert into users (id, created_at, email, name) with recursive n(i) as (select 0 "
				+ "union all select i + 1 from n where i < 2999) select printf('id-%08d', i), "
				+ "strftime('%Y-%m-%d %H:%M:%f', '2024-01-01', '+' || i || ' seconds'), "
				+ "'user' || i || '@example.com', 'User ' || i from n");
	}

}
