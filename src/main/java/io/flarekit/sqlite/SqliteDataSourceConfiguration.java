package io.flarekit.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import io.flarekit.core.query.CaseFolding;
import com.zaxxer.hikari.HikariDataSource;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.community.dialect.SQLiteDialect;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The default database, when {@code spring.datasource.url} names none: SQLite behind two
 * pools: one writer that opens every transaction with {@code BEGIN IMMEDIATE} (so a
 * transaction never fails with {@code SQLITE_BUSY} when it upgrades from reading to
 * writing) and several read-only connections that WAL lets run beside it. Read-only work
 * goes to the readers ({@link ReadRoutingConnections}).
 * <p>
 * Pragmas are set through sqlite-jdbc's {@link SQLiteConfig}, which applies each of them
 * to every new connection (an init SQL with several statements would silently run only
 * the first).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SqliteSelected.class)
@EnableConfigurationProperties(DatabaseProperties.class)
class SqliteDataSourceConfiguration {

	/** A GLOB pattern that matches text holding a character outside space to tilde. */
	private static final String NOT_PRINTABLE_ASCII = "*[^ -~]*";

	/**
	 * Hibernate's SQL for SQLite, which it cannot tell from the JDBC driver by itself.
	 */
	@Bean
	HibernatePropertiesCustomizer sqliteDialect() {
		return (properties) -> properties.put(AvailableSettings.DIALECT, SQLiteDialect.class.getName());
	}

	/**
	 * Searches fold case with {@link SqliteConnections.LowerCase}, not SQLite's lower(),
	 * for text with a character outside printable ASCII; printable ASCII, which both fold
	 * alike, goes to SQLite's own lower(), which costs no call into Java per row (a
	 * search's count over 100,000 users: 0.2 s through Java alone, docs/benchmarks.md).
	 */
	@Bean
	CaseFolding sqliteCaseFolding() {
		return (cb, text) -> cb.<String>selectCase()
			.when(cb.equal(cb.function("glob", Integer.class, cb.literal(NOT_PRINTABLE_ASCII), text), 1),
					cb.function(SqliteConnections.LowerCase.NAME, String.class, text))
			.otherwise(cb.lower(text));
	}

	@Bean(destroyMethod = "close")
	HikariDataSource sqliteWritePool(DatabaseProperties properties) {
		Path file = properties.path().toAbsolutePath().normalize();
		createFolderOf(file);
		SQLiteConfig config = commonConfig(properties);
		config.setJournalMode(SQLiteConfig.JournalMode.WAL);
		config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
		checkUsable(file, config);
		return pool("sqlite-write", file, config, properties.writePoolSize(), properties, false);
	}

	@Bean(destroyMethod = "close")
	HikariDataSource sqliteReadPool(DatabaseProperties properties,
			@Qualifier("sqliteWritePool") HikariDataSource writePool) {
		// The write pool has created the file and switched it to WAL by now.
		Path file = properties.path().toAbsolutePath().normalize();
		SQLiteConfig config = commonConfig(properties);
		config.setReadOnly(true);
		return pool("sqlite-read", file, config, properties.readPoolSize(), properties, true);
	}

	@Bean
	@Primary
	DataSource dataSource(@Qualifier("sqliteWritePool") HikariDataSource writePool,
			@Qualifier("sqliteReadPool") HikariDataSource readPool) {
		return new ReadRoutingConnections(writePool, readPool);
	}

	private static SQLiteConfig commonConfig(DatabaseProperties properties) {
		SQLiteConfig config = new SQLiteConfig();
		config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
		config.enforceForeignKeys(true);
		config.setBusyTimeout((int) properties.busyTimeout().toMillis());
		return config;
	}

	private static HikariDataSource pool(String name, Path file, SQLiteConfig config, int size,
			DatabaseProperties properties, boolean readOnly) {
		SQLiteDataSource sqlite = new SqliteConnections(config, properties.statementCacheSize());
		sqlite.setUrl("jdbc:sqlite:" + file);
		HikariConfig hikari = new HikariConfig();
		hikari.setPoolName(name);
		hikari.setDataSource(sqlite);
		hikari.setMaximumPoolSize(size);
		hikari.setMinimumIdle(size);
		hikari.setReadOnly(readOnly);
		hikari.setConnectionTimeout(properties.connectionTimeout().toMillis());
		return new HikariDataSource(hikari);
	}

	/**
	 * Opens the file once, outside any pool, so that a corrupt, foreign or locked file
	 * stops the start with a plain explanation rather than a pool's stack traces.
	 */
	private static void checkUsable(Path file, SQLiteConfig config) {
		try (Connection connection = config.createConnection("jdbc:sqlite:" + file);
				Statement statement = connection.createStatement()) {
			statement.execute("select count(*) from sqlite_master");
			statement.execute("begin immediate");
			statement.execute("rollback");
		}
		catch (SQLException ex) {
			throw new DatabaseUnavailableException(file, ex);
		}
	}

	private static void createFolderOf(Path file) {
		try {
			Files.createDirectories(file.getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the database folder " + file.getParent(), ex);
		}
	}

}
