package io.flarekit.postgresql;

import io.flarekit.core.query.CaseFolding;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.dialect.PostgreSQLDialect;

import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * PostgreSQL, when {@code spring.datasource.url} names it: Boot's own Hikari pool from
 * {@code spring.datasource.*}, Hibernate's PostgreSQL dialect (named here, so that a
 * start does not need the server to tell its version), and the lower case that searches
 * use.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(PostgresSelected.class)
class PostgresConfiguration {

	@Bean
	HibernatePropertiesCustomizer postgresDialect() {
		return (properties) -> properties.put(AvailableSettings.DIALECT, PostgreSQLDialect.class.getName());
	}

	@Bean
	CaseFolding postgresCaseFolding() {
		return (cb, text) -> cb.lower(text);
	}

}
