package io.flarekit.core.service;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often a write transaction the database refused for a serialization failure or a
 * deadlock is run again, so that the service can run at {@code SERIALIZABLE} and on
 * PostgreSQL-compatible distributed databases, where such failures are normal.
 *
 * @param retries how many times a refused transaction is run again before the client gets
 * a 503; {@code 0} runs it once
 * @param retryBackoff the longest pause before the first rerun; it doubles for each
 * further one, and each pause is a random part of it so that the conflicting transactions
 * do not meet again
 */
@ConfigurationProperties("flarekit.database")
public record TransactionRetries(@DefaultValue("5") int retries, @DefaultValue("10ms") Duration retryBackoff) {

	public TransactionRetries {
		if (retries < 0) {
			throw new IllegalArgumentException("flarekit.database.retries must be 0 or more");
		}
		if (retryBackoff.isNegative()) {
			throw new IllegalArgumentException("flarekit.database.retry-backoff must not be negative");
		}
	}

}
