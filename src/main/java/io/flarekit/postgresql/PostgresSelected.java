package io.flarekit.postgresql;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** PostgreSQL when {@code spring.datasource.url} is a {@code jdbc:postgresql:} URL. */
class PostgresSelected extends SpringBootCondition {

	private static final String URL = "spring.datasource.url";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String url = context.getEnvironment().getProperty(URL, "");
		return url.startsWith("jdbc:postgresql:") ? ConditionOutcome.match(URL + " is a PostgreSQL URL")
				: ConditionOutcome.noMatch(URL + " is not a PostgreSQL URL");
	}

}
