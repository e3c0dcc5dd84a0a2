package io.flarekit.core.service;

import io.flarekit.IntegrationTest;
import io.flarekit.core.error.FieldError;
import io.flarekit.core.error.ServiceException;
import io.flarekit.core.model.EntityModel;
import io.flarekit.core.testentities.Article;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A broken CHECK constraint is the client's 400 on the field it concerns; its expression
 * is the schema's business and never reaches the client. The failures are the test
 * database's own (SQLite's or PostgreSQL's, which names only the constraint).
 */
class ConstraintFailuresTest extends IntegrationTest {

	@Autowired
	private CrudServices services;

	@Test
	void aBrokenCheckNamesTheFieldItConstrainsWithoutEchoingTheExpression() {
		ServiceException failure = translate("create table t (views integer check (views < 1000))",
				"insert into t values (5000)");
		assertThat(failure.getStatus().value()).isEqualTo(400);
		assertThat(failure.getDetails()).extracting(FieldError::field).containsExactly("views");
		assertThat(failure.getDetails()).extracting(FieldError::code).containsExactly(FieldError.INVALID_VALUE);
		assertThat(failure.getMessage() + failure.getDetails()).doesNotContain("1000").doesNotContain("<");
	}

	@Test
	void aBrokenCheckOnNoKnownColumnConcernsTheBody() {
		ServiceException failure = translate(
				"create table t (a integer, b integer, constraint secret_rule check (a < b))",
				"insert into t values (2, 1)");
		assertThat(failure.getDetails()).extracting(FieldError::field).containsExactly("body");
		assertThat(failure.getMessage() + failure.getDetails()).doesNotContain("secret_rule").doesNotContain("a < b");
	}

	private ServiceException translate(String table, String insert) {
		EntityModel<Article> articles = this.services.forEntity(Article.class).model();
		try {
			this.jdbc.execute(table);
			this.jdbc.execute(insert);
		}
		catch (DataAccessException ex) {
			return ConstraintFailures.translate(ex, articles, false).orElseThrow();
		}
		finally {
			this.jdbc.execute("drop table if exists t");
		}
		return fail("The database accepted a row that breaks the CHECK constraint");
	}

}
