package io.flarekit.sqlite;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.flarekit.FlarekitApplication;
import io.flarekit.IntegrationTest;
import io.flarekit.QueryPlans;
import io.flarekit.SentStatements;
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
 * sorts the whole table. The test sets it on the test entity's table
 * ({@code test_articles}, given an index on {@code (created_at, id)} and the trap), whose
 * default list is a soft-deletable entity's like that of users. No timing is asserted;
 * the plans are, of the statements that the service really sends for each page (recorded
 * by {@link SentStatements}), with the page's limit and offset bound.
 */
class QueryPlannerStatisticsTest {

	private static final int ROWS = 3000;

	/** The table that gets the trap: that of the test entity behind this resource. */
	private static final String TRAP = "test_articles";

	private static final String TRAP_RESOURCE = "/test-articles";

	private static final int[] LIMITS = { 1, 2, 10 };

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

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
		String trapPage;
		try (ConfigurableApplicationContext first = start()) {
			// creates and migrates the file
			trapPage = pageQuery(first, TRAP_RESOURCE, 1);
		}
		try (Connection connection = open(); Statement statement = connection.createStatement()) {
			// a table with the trap, and the statistics that an ANALYZE of empty tables
			// leaves (the reverted first attempt ran one on the first start)
			setTrap(statement);
			statement.execute("analyze");
			bulkLoad(statement, TRAP);
			bulkLoad(statement, "users");
			assertThat(plan(connection, trapPage, 1)).contains("USE TEMP B-TREE FOR ORDER BY");
		}
		try (ConfigurableApplicationContext second = start()) {
			assertThat(statistics(TRAP)).isNotEmpty().allMatch((stat) -> stat.startsWith(ROWS + " "));
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
				setTrap(statement);
				statement.execute("analyze " + TRAP);
				connection.commit();
				connection.setAutoCommit(true);
				bulkLoad(statement, TRAP);
				bulkLoad(statement, "users");
			}
			String trapPage = pageQuery(service, TRAP_RESOURCE, 1);
			HikariDataSource readPool = service.getBean("sqliteReadPool", HikariDataSource.class);
			for (Connection reader : borrowAll(readPool)) {
				try (reader) {
					// each reader loads the schema with the statistics of the empty table
					assertThat(plan(reader, trapPage, 1)).contains("USE TEMP B-TREE FOR ORDER BY");
				}
			}
			assertThat(service.getBean(QueryPlannerStatistics.class).refresh()).isTrue();
			assertThat(statistics(TRAP)).isNotEmpty().allMatch((stat) -> stat.startsWith(ROWS + " "));
			assertEveryReaderWalksTheOrderIndex(service);
		}
	}

	private static void assertEveryReaderWalksTheOrderIndex(ConfigurableApplicationContext service)
			throws SQLException {
		Map<Integer, String> trapPages = new HashMap<>();
		Map<Integer, String> userPages = new HashMap<>();
		for (int limit : LIMITS) {
			trapPages.put(limit, pageQuery(service, TRAP_RESOURCE, limit));
			userPages.put(limit, pageQuery(service, "/users", limit));
		}
		for (Connection reader : borrowAll(service.getBean("sqliteReadPool", HikariDataSource.class))) {
			try (reader) {
				for (int limit : LIMITS) {
					assertThat(plan(reader, trapPages.get(limit), limit)).as(trapPages.get(limit))
						.contains("USING INDEX trap_created_at")
						.doesNotContain("TEMP B-TREE");
					assertThat(plan(reader, userPages.get(limit), limit)).as(userPages.get(limit))
						.containsPattern("USING INDEX idx_users_\\w*created_at")
						.doesNotContain("TEMP B-TREE");
				}
			}
		}
	}

	/**
	 * The query that reads the first page of a resource, as the service sends it: the
	 * request is sent with an id of its own, under which {@link SentStatements} files
	 * what Hibernate prepared while serving it.
	 */
	private static String pageQuery(ConfigurableApplicationContext service, String resource, int limit) {
		String requestId = "plan-" + UUID.randomUUID();
		String range = URLEncoder.encode("[0," + (limit - 1) + "]", StandardCharsets.UTF_8);
		URI uri = URI.create("http://localhost:" + service.getEnvironment().getProperty("local.server.port") + resource
				+ "?range=" + range);
		try {
			HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri)
				.header("X-Request-Id", requestId)
				.header("Authorization", "Bearer " + IntegrationTest.ADMIN_KEY)
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return QueryPlans.single(SentStatements.of(requestId), (sql) -> sql.contains(" order by "),
				"page query of " + resource);
	}

	/**
	 * An index on the order, and the trap: a partial index of live rows that does not
	 * cover it.
	 */
	private static void setTrap(Statement statement) throws SQLException {
		statement.execute("create index trap_created_at on " + TRAP + " (created_at, id)");
		statement
			.execute("create unique index trap_live_title on " + TRAP + " (lower(title)) where deleted_at is null");
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
				"--flarekit.storage.uploads.dir=" + this.data.resolve("uploads"),
				"--flarekit.security.bootstrap-admin-key=" + IntegrationTest.ADMIN_KEY);
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
		String columns = table.equals("users") ? "email, name" : "short_id, slug, title";
		String values = table.equals("users") ? "'user' || i || '@example.com', 'User ' || i"
				: "printf('s%07d', i), 'article-' || i, 'Article ' || i";
		statement.execute("insert into " + table + " (id, created_at, " + columns
				+ ") with recursive n(i) as (select 0 union all select i + 1 from n where i < " + (ROWS - 1)
				+ ") select printf('id-%08d', i), "
				+ "strftime('%Y-%m-%d %H:%M:%f', '2024-01-01', '+' || i || ' seconds'), " + values + " from n");
	}

	/** The plan of a first page of {@code limit} rows, as sent. */
	private static String plan(Connection connection, String page, int limit) throws SQLException {
		return QueryPlans.explain(connection, page, Map.of("limit", limit, "offset", 0));
	}

}
