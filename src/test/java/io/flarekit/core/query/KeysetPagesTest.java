package io.flarekit.core.query;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.flarekit.IntegrationTest;
import io.flarekit.QueryPlans;
import io.flarekit.core.model.EntityModel;
import io.flarekit.core.service.ApiProperties;
import io.flarekit.core.service.CrudServices;
import io.flarekit.core.testentities.Article;
import io.flarekit.users.User;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Keyset paging: following the {@code Link: rel="next"} headers visits every row once, in
 * the order of the offset pages, whatever the ties, nulls, filters and concurrent
 * inserts.
 */
class KeysetPagesTest extends IntegrationTest {

	@Autowired
	CrudServices services;

	@Autowired
	ApiProperties api;

	/**
	 * 23 users, in three groups created in the same millisecond, so the order needs the
	 * id.
	 */
	private void users() {
		for (int i = 0; i < 23; i++) {
			this.jdbc.update("insert into users (id, name, email, created_at) values (?, ?, ?, ?)",
					String.format("u%02d", (i * 7) % 23), "User " + (i % 5) + " a+b", "user" + i + "@example.com",
					"2026-01-0" + (1 + i % 3) + " 10:00:00.000");
		}
	}

	@Test
	void followingTheLinksVisitsEveryRowOnceInTheOffsetOrder() {
		users();
		List<String> byOffset = ids(get("/users?range=" + q("[0,49]")).json());
		assertThat(byOffset).hasSize(23);
		assertThat(walk("/users?cursor=&limit=5")).containsExactlyElementsOf(byOffset);
		assertThat(walk("/users?range=" + q("[0,6]"))).containsExactlyElementsOf(byOffset);
	}

	@Test
	void anOffsetPageLinksToTheSamePageByKeyset() {
		users();
		Response first = get("/users?range=" + q("[0,4]"));
		assertThat(first.header("Content-Range")).isEqualTo("users 0-4/23");
		Response second = get(next(first));
		assertThat(next(first)).contains("limit=5").doesNotContain("range");
		assertThat(ids(second.json())).containsExactlyElementsOf(ids(get("/users?range=" + q("[5,9]")).json()));
		assertThat(second.header("Content-Range")).as("a keyset page has no total").isNull();
	}

	@Test
	void theLastPageHasNoLink() {
		users();
		assertThat(get("/users?range=" + q("[0,22]")).header("Link")).isNull();
		assertThat(get("/users?range=" + q("[20,29]")).header("Link")).isNull();
		assertThat(get("/users?cursor=&limit=23").header("Link")).isNull();
		assertThat(get("/users?cursor=&limit=22").header("Link")).isNotNull();
	}

	@Test
	void sortFilterAndOtherParametersAreKeptInTheLink() {
		users();
		String query = "sort=" + q("[\"name\",\"ASC\"]") + "&filter=" + q("{\"q\":\" a+b\"}") + "&includeDeleted=true";
		List<String> byOffset = ids(get("/users?range=" + q("[0,49]") + "&" + query).json());
		assertThat(byOffset).hasSize(23);
		assertThat(walk("/users?cursor=&limit=4&" + query)).containsExactlyElementsOf(byOffset);
		String filtered = "filter=" + q("{\"name\":\"User 2 a+b\"}");
		assertThat(walk("/users?cursor=&limit=2&" + filtered))
			.containsExactlyElementsOf(ids(get("/users?range=" + q("[0,49]") + "&" + filtered).json()))
			.hasSize(5);
	}

	@Test
	void nullableSortFieldsWalkInTheNullOrderBothWays() {
		for (int i = 0; i < 17; i++) {
			create("/test-articles", "{\"title\":\"Article " + i + "\",\"views\":" + ((i % 3 == 0) ? "null" : i % 4)
					+ ",\"status\":" + ((i % 2 == 0) ? "null" : "\"PUBLISHED\"") + "}");
		}
		for (String field : List.of("views", "status", "title", "id")) {
			for (String direction : List.of("ASC", "DESC")) {
				String sort = "sort=" + q("[\"" + field + "\",\"" + direction + "\"]");
				List<String> byOffset = ids(get("/test-articles?range=" + q("[0,49]") + "&" + sort).json());
				assertThat(byOffset).hasSize(17);
				assertThat(walk("/test-articles?cursor=&limit=3&" + sort)).as(field + " " + direction)
					.containsExactlyElementsOf(byOffset);
			}
		}
	}

	@Test
	void rowsCreatedDuringAWalkDoNotRepeatRowsAlreadySeen() {
		users();
		Response first = get("/users?cursor=&limit=10");
		List<String> seen = new ArrayList<>(ids(first.json()));
		create("/users", "{\"name\":\"Newest\",\"email\":\"newest@example.com\"}");
		String link = next(first);
		while (link != null) {
			Response page = get(link);
			seen.addAll(ids(page.json()));
			link = next(page);
		}
		assertThat(seen).hasSize(23).doesNotHaveDuplicates();
	}

	@Test
	void badCursorsAndLimitsAreNamedIn400s() {
		users();
		String cursor = next(get("/users?range=" + q("[0,4]"))).replaceAll(".*cursor=([^&]+).*", "$1");
		assertProblem(get("/users?cursor=not-a-cursor"), "cursor", "is not a cursor");
		assertProblem(get("/users?cursor=" + cursor + "&sort=" + q("[\"name\",\"ASC\"]")), "cursor",
				"was made for the order [\"createdAt\",\"DESC\"]");
		assertProblem(get("/users?cursor=" + token("[\"createdAt\",\"DESC\",{\"a\":1},\"u01\"]")), "cursor",
				"is not a cursor of User");
		assertProblem(get("/users?cursor=" + token("[\"createdAt\",\"DESC\",\"2026\"]")), "cursor", "is not a cursor");
		assertProblem(
				get("/users?cursor=" + token("[\"nope\",\"DESC\",1,\"u01\"]") + "&sort=" + q("[\"nope\",\"DESC\"]")),
				"sort", "is not a field of User");
		assertProblem(get("/users?cursor=" + cursor + "&range=" + q("[0,9]")), "range",
				"cannot be combined with cursor");
		assertProblem(get("/users?limit=5"), "limit", "goes with cursor");
		assertProblem(get("/users?cursor=&limit=0"), "limit", "at least 1");
		Response notANumber = get("/users?cursor=&limit=many");
		assertThat(notANumber.status()).isEqualTo(400);
		assertThat(notANumber.json().at("/details/0/field").stringValue()).isEqualTo("limit");
		assertThat(notANumber.json().at("/details/0/code").stringValue()).isEqualTo("INVALID_TYPE");
	}

	@Test
	void aLimitAboveTheMaximumPageIsCapped() {
		int cap = this.api.maxPageSize();
		int rows = cap + 7;
		for (int i = 0; i < rows; i++) {
			this.jdbc.update("insert into users (id, name, email, created_at) values (?, ?, ?, ?)",
					String.format("c%04d", i), "Capped " + i, "user" + i + "@example.com",
					String.format("2026-01-01 10:%02d:%02d.000", i / 60, i % 60));
		}
		Response first = get("/users?cursor=&limit=" + rows);
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.json()).as("a keyset page holds at most max-page-size rows").hasSize(cap);
		assertThat(next(first)).as("the rows past the cap are on the next page").contains("limit=" + cap);
		assertThat(walk("/users?cursor=&limit=" + rows)).hasSize(rows).doesNotHaveDuplicates();
		Response capped = get("/users?cursor=&limit=" + rows + "&filter=" + q("{\"q\":\"user\"}"));
		assertThat(capped.status()).isEqualTo(200);
		assertThat(capped.json()).as("a filtered keyset page is capped too").hasSize(cap);
	}

	/**
	 * The statement that a keyset page on a column that cannot be null really sends is
	 * answered by SQLite as one range of the {@code (created_at, id)} index: no scan of
	 * the index from its start, no sort.
	 */
	@Test
	void columnsThatCannotBeNullGetTheConditionThatSeeksTheIndex() {
		assumeFalse(onPostgres(), "reads SQLite's query plans");
		EntityModel<Article> articles = this.services.forEntity(Article.class).model();
		assertThat(articles.isNullable("createdAt")).isFalse();
		assertThat(articles.isNullable("title")).isFalse();
		assertThat(articles.isNullable("deletedAt")).isTrue();
		assertThat(articles.isNullable("views")).isTrue();
		assertThat(this.services.forEntity(User.class).model().isNullable("createdAt")).isFalse();
		users();
		for (String direction : List.of("DESC", "ASC")) {
			String sort = "sort=" + q("[\"createdAt\",\"" + direction + "\"]");
			Response first = get("/users?cursor=&limit=5&" + sort);
			String last = ids(first.json()).get(4);
			String page = QueryPlans.single(statementsOf(next(first)), (sql) -> sql.contains(" order by "),
					"page query");
			// the cursor holds the last row's key and id; the page asks one row more
			String createdAt = this.jdbc.queryForObject("select created_at from users where id = ?", String.class,
					last);
			String plan = this.jdbc.execute((Connection connection) -> QueryPlans.explain(connection, page,
					Map.of("created_at", createdAt, "id", last, "limit", 6, "offset", 0)));
			assertThat(plan).as("%s: %s", direction, page)
				.matches("SEARCH \\w+ USING INDEX idx_users_live_created_at \\(created_at"
						+ (direction.equals("DESC") ? "<" : ">") + "\\?\\)");
		}
	}

	private void assertProblem(Response response, String field, String message) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().at("/details/0/field").stringValue()).isEqualTo(field);
		assertThat(response.json().at("/details/0/message").stringValue()).contains(message);
	}

	private static String token(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
