package io.flarekit.sqlite;

import java.util.List;
import java.util.UUID;

import io.flarekit.IntegrationTest;
import io.flarekit.QueryPlans;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * A page's limit reaches SQLite as a number in the SQL, so that SQLite does not compile
 * the kept statement again on every execution ({@link LiteralLimitSqliteDialect}), and
 * pages of different sizes, one after the other, still get their own number of rows
 * (Hibernate must not reuse the SQL of one size for another). The second part runs on
 * PostgreSQL too, where the limit stays bound.
 */
class LiteralLimitSqliteDialectTest extends IntegrationTest {

	private String search;

	@BeforeEach
	void fiveUsersOfTheirOwn() {
		String word = "lim" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		for (int i = 0; i < 5; i++) {
			create("/users", "{\"name\":\"" + word + " " + i + "\",\"email\":\"" + word + i + "@example.com\"}");
		}
		this.search = "/users?filter=" + q("{\"q\":\"" + word + "\"}");
	}

	@Test
	void thePageSizeIsWrittenIntoTheSqlAndTheOffsetBound() {
		assumeFalse(onPostgres(), "the limit of SQLite's dialect");
		assertThat(pageQuery(this.search + "&range=" + q("[0,1]"))).endsWith(" limit 2 offset ?");
		assertThat(pageQuery(this.search + "&range=" + q("[2,4]"))).endsWith(" limit 3 offset ?");
		assertThat(pageQuery(this.search + "&sort=" + q("[\"createdAt\",\"DESC\"]") + "&cursor=&limit=4"))
			.containsPattern(" limit 5( offset \\?)?$");
	}

	@Test
	void pagesOfDifferentSizesEachGetTheirRows() {
		for (int round = 0; round < 2; round++) {
			assertThat(ids(get(this.search + "&range=" + q("[0,1]")).json())).hasSize(2);
			assertThat(ids(get(this.search + "&range=" + q("[0,3]")).json())).hasSize(4);
			Response last = get(this.search + "&range=" + q("[3,9]"));
			assertThat(ids(last.json())).hasSize(2);
			assertThat(last.header("Content-Range")).isEqualTo("users 3-4/5");
			assertThat(ids(get(this.search + "&range=" + q("[0,0]")).json())).hasSize(1);
		}
		assertThat(walk(this.search + "&cursor=&limit=2")).hasSize(5);
	}

	private String pageQuery(String path) {
		List<String> sent = statementsOf(path);
		return QueryPlans.single(sent, (sql) -> sql.contains(" order by "), "page query");
	}

}
