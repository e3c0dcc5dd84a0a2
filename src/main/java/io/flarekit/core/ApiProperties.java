package io.flarekit.core;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the generic list and bulk endpoints.
 *
 * @param maxPageSize the most rows one list request returns, and the most ids one bulk
 * delete takes; a larger range is shortened to it
 */
@ConfigurationProperties("flarekit.api")
public record ApiProperties(@DefaultValue("1000") int maxPageSize) {

	public ApiProperties {
		if (maxPageSize < 1) {
			throw new IllegalArgumentException("flarekit.api.max-page-size must be at least 1");
		}
	}

}
