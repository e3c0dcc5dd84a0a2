package io.flarekit.sqlite;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * SQLite is the database unless {@code spring.datasource.url} names another one: a new
 * installation runs with no setting at all.
 */
class SqliteSelected extends SpringBootCondition {

	static final String URL = "spring.datasource.url";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String url = context.getEnvironment().getProperty(URL);
		return StringUtils.hasText(url) ? ConditionOutcome.noMatch(URL + " is set: not SQLite")
				: ConditionOutcome.match(URL + " is not set: SQLite at flarekit.database.path");
	}

}
