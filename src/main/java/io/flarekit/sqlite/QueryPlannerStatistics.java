package io.flarekit.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Conditional;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Keeps SQLite's query planner statistics in step with the data. Without them, or with
 * statistics taken of empty tables, SQLite chose to sort a whole table for a one-row page
 * (docs/benchmarks.md, "Cost growth").
 * <p>
 * {@code PRAGMA optimize} analyzes a table when it has rows and was never analyzed, or
 * grew or shrank about tenfold since; it never analyzes an empty table, so a new database
 * gets no misleading statistics. It runs on the writer once the migrations are applied
 * and before the server takes requests, which covers a database bulk-loaded or restored
 * while the service was stopped, and then every {@code optimize-interval}, which covers
 * growth through the service. A connection reads the statistics when it loads the schema
 * and does not see another connection's {@code ANALYZE}, so the read connections are
 * replaced whenever the statistics changed.
 */
@Component
@Conditional(SqliteSelected.class)
class QueryPlannerStatistics implements SmartInitializingSingleton, SchedulingConfigurer {

	/**
	 * 0x10000 checks every table, not only those this connection queried (the writer sees
	 * few reads); 0x10 analyzes a bounded sample of each index, so that start-up stays
	 * short on large tables (about 0.1 s on a million rows against 0.5 s for a full
	 * {@code ANALYZE}); 0x2 runs the analysis.
	 */
	private static final String OPTIMIZE = "pragma optimize = 0x10012";

	private static final Logger log = LoggerFactory.getLogger(QueryPlannerStatistics.class);

	private final HikariDataSource writePool;

	private final HikariDataSource readPool;

	private final Duration interval;

	QueryPlannerStatistics(@Qualifier("sqliteWritePool") HikariDataSource writePool,
			@Qualifier("sqliteReadPool") HikariDataSource readPool, DatabaseProperties properties) {
		this.writePool = writePool;
		this.readPool = readPool;
		this.interval = properties.optimizeInterval();
	}

	/** Every bean, Flyway's migration included, is ready; the server is not yet open. */
	@Override
	public void afterSingletonsInstantiated() {
		refresh();
	}

	/** Then every {@code optimize-interval}, from {@link DatabaseProperties} alone. */
	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(new FixedDelayTask(this::refresh, this.interval, this.interval));
	}

	/**
	 * Analyzes the tables whose statistics are missing or out of date, and replaces the
	 * read connections if that changed anything.
	 * @return whether the statistics changed
	 */
	boolean refresh() {
		long begin = System.nanoTime();
		try (Connection connection = this.writePool.getConnection();
				Statement statement = connection.createStatement()) {
			String before = statistics(statement);
			statement.execute(OPTIMIZE);
			if (before.equals(statistics(statement))) {
				return false;
			}
			this.readPool.getHikariPoolMXBean().softEvictConnections();
			log.info("Refreshed the query planner's statistics in {} ms", (System.nanoTime() - begin) / 1_000_000);
			return true;
		}
		catch (SQLException | RuntimeException ex) {
			log.warn("Could not refresh the query planner's statistics; queries still work, perhaps slower", ex);
			return false;
		}
	}

	private static String statistics(Statement statement) throws SQLException {
		try (ResultSet table = statement
			.executeQuery("select count(*) from sqlite_master where type = 'table' and name = 'sqlite_stat1'")) {
			if (!table.next() || table.getInt(1) == 0) {
				return "";
			}
		}
		StringBuilder statistics = new StringBuilder();
		try (ResultSet rows = statement.executeQuery("select tbl, idx, stat from sqlite_stat1 order by tbl, idx")) {
			while (rows.next()) {
				statistics.append(rows.getString(1))
					.append('.')
					.append(rows.getString(2))
					.append('=')
					.append(rows.getString(3))
					.append('\n');
			}
		}
		return statistics.toString();
	}

}
