package io.flarekit.core.service;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the generic list and bulk endpoints.
 *
 * @param maxPageSize the most rows one list request returns, and the most ids one bulk
 * delete takes; a larger range is shortened to it
 * @param countCacheTtl how long the total of a list (for {@code Content-Range}) may be
 * reused while the service itself writes nothing to that entity; {@code 0s} counts on
 * every full page. It bounds how stale a total can be after writes that bypass the
 * service (plain SQL, another process, another instance on the same database).
 */
@ConfigurationProperties("flarekit.api")
public record ApiProperties(@DefaultValue("1000") int maxPageSize, @DefaultValue("5s") Duration countCacheTtl) {

	public ApiProperties {
		if (maxPageSize < 1) {
			throw new IllegalArgumentException("flarekit.api.max-page-size must be at least 1");
		}
	}

}
