package io.flarekit.core.query;

import java.util.List;
import java.util.UUID;

import io.flarekit.IntegrationTest;
import io.flarekit.QueryPlans;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page's size reaches the database as a number in the SQL and its offset as a bound
 * parameter, left out when it is 0, so that neither database plans a page anew on every
 * execution (see {@code CountingRepository.findPage}); and pages of different sizes, one
 * after the other, still get their own number of rows (Hibernate must not reuse the SQL
 * of one size for another).
 */
class PageSizeInSqlTest extends IntegrationTest {

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
	void theSizeIsInTheSqlAndOnlyAnOffsetIsBound() {
		// SQLite's dialect writes "limit", PostgreSQL's "fetch first"
		assertThat(pageQuery(this.search + "&range=" + q("[0,1]"))).doesNotContain("offset")
			.containsPattern("( limit 2| fetch first 2 rows only)$");
		assertThat(pageQuery(this.search + "&range=" + q("[2,4]")))
			.containsPattern("( limit 3 offset \\?| offset \\? rows fetch first 3 rows only)$");
		// a keyset page reads one row more than it shows: is there a next page?
		assertThat(pageQuery(this.search + "&cursor=&limit=4")).doesNotContain("offset")
			.containsPattern("( limit 5| fetch first 5 rows only)$");
	}

	@Test
	void pagesOfDifferentSizesEachGetTheirRows() {
		List<String> all = ids(get(this.search + "&range=" + q("[0,9]")).json());
		assertThat(all).hasSize(5);
		for (int round = 0; round < 2; round++) {
			assertThat(ids(get(this.search + "&range=" + q("[0,1]")).json())).isEqualTo(all.subList(0, 2));
			assertThat(ids(get(this.search + "&range=" + q("[1,2]")).json())).isEqualTo(all.subList(1, 3));
			assertThat(ids(get(this.search + "&range=" + q("[0,3]")).json())).isEqualTo(all.subList(0, 4));
			Response last = get(this.search + "&range=" + q("[3,9]"));
			assertThat(ids(last.json())).isEqualTo(all.subList(3, 5));
			assertThat(last.header("Content-Range")).isEqualTo("users 3-4/5");
			assertThat(ids(get(this.search + "&range=" + q("[0,0]")).json())).isEqualTo(all.subList(0, 1));
		}
		assertThat(walk(this.search + "&cursor=&limit=2")).isEqualTo(all);
	}

	private String pageQuery(String path) {
		List<String> sent = statementsOf(path);
		return QueryPlans.single(sent, (sql) -> sql.contains(" order by "), "page query");
	}

}
