package io.flarekit.postgresql;

import io.flarekit.core.query.CaseFolding;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * PostgreSQL, when {@code spring.datasource.url} names it. Boot's own Hikari pool comes
 * from {@code spring.datasource.*}, and Hibernate picks its PostgreSQL dialect from the
 * server (naming it is deprecated); what is left here is the lower case that searches
 * use.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(PostgresSelected.class)
class PostgresConfiguration {

	/**
	 * PostgreSQL's {@code lower()}: it folds every letter as the core does in a database
	 * whose character type is a UTF-8 locale ({@code C.UTF-8}, {@code en_US.UTF-8};
	 * measured in PostgresDatabaseTest). In a {@code C} or {@code POSIX} one it folds
	 * ASCII only.
	 */
	@Bean
	CaseFolding postgresCaseFolding() {
		return (cb, text) -> cb.lower(text);
	}

}
