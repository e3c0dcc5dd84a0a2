package io.flarekit.sqlite;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the SQLite database lives and how its two connection pools are sized.
 *
 * @param path the database file, relative to the working directory unless absolute; its
 * folder is created on start
 * @param busyTimeout how long a connection waits for a lock held by another connection
 * before failing
 * @param readPoolSize connections that serve read-only transactions, concurrently with
 * the writer
 * @param writePoolSize connections that serve writing transactions; SQLite admits one
 * writer at a time, so more than one only moves the queue from the pool into SQLite's
 * busy handler
 * @param connectionTimeout how long a request waits for a pooled connection before it
 * gets a 503
 * @param optimizeInterval how often the query planner's statistics are checked and
 * refreshed where a table grew or shrank a lot (they are also checked on every start)
 * @param statementCacheSize prepared statements each connection keeps compiled for the
 * next time the same SQL runs on it; 0 compiles every statement anew
 */
@ConfigurationProperties("flarekit.database")
public record DatabaseProperties(@DefaultValue("./data/flarekit.db") Path path,
		@DefaultValue("5s") Duration busyTimeout, @DefaultValue("4") int readPoolSize,
		@DefaultValue("1") int writePoolSize, @DefaultValue("30s") Duration connectionTimeout,
		@DefaultValue("1h") Duration optimizeInterval, @DefaultValue("100") int statementCacheSize) {

	public DatabaseProperties {
		if (readPoolSize < 1 || writePoolSize < 1) {
			throw new IllegalArgumentException("flarekit.database pool sizes must be at least 1");
		}
		if (statementCacheSize < 0) {
			throw new IllegalArgumentException("flarekit.database.statement-cache-size must not be negative");
		}
		if (optimizeInterval.isNegative() || optimizeInterval.isZero()) {
			throw new IllegalArgumentException("flarekit.database.optimize-interval must be positive");
		}
	}

}
