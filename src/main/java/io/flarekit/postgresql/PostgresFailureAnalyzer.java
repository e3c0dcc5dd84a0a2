package io.flarekit.postgresql;

import org.postgresql.util.PSQLException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a PostgreSQL server the service cannot use at start (not reachable, no such
 * database, an unknown user or a refused password) into two sentences naming the setting
 * to fix, instead of the connection pool's and Flyway's stack traces. Other failures are
 * left to the analyzers that know them.
 */
class PostgresFailureAnalyzer extends AbstractFailureAnalyzer<PSQLException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PSQLException cause) {
		String state = (cause.getSQLState() != null) ? cause.getSQLState() : "";
		if (state.startsWith("08")) {
			return new FailureAnalysis(
					"The PostgreSQL server of spring.datasource.url cannot be reached: " + cause.getMessage(),
					"Start the server, or set spring.datasource.url to the host and port where it runs.", cause);
		}
		if (state.equals("3D000")) {
			return new FailureAnalysis(
					"The database named in spring.datasource.url does not exist: " + cause.getMessage(),
					"Create it (createdb, or CREATE DATABASE), or correct the name at the end of spring.datasource.url.",
					cause);
		}
		if (state.startsWith("28")) {
			return new FailureAnalysis("PostgreSQL refused the login: " + cause.getMessage(),
					"Check spring.datasource.username and spring.datasource.password "
							+ "(SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD).",
					cause);
		}
		return null;
	}

}
