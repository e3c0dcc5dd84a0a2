package io.flarekit.core.query;

import java.util.ArrayList;
import java.util.List;

import io.flarekit.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Every filter operator, over HTTP, on test articles. */
class FiltersTest extends IntegrationTest {

	@BeforeEach
	void articles() {
		article("Alpha", "DRAFT", 10);
		article("Beta 100%", "PUBLISHED", 20);
		article("Gamma_ray", "PUBLISHED", 30);
		article("delta", "DRAFT", null);
	}

	private void article(String title, String status, Integer views) {
		create("/test-articles", "{\"title\":\"" + title + "\",\"status\":\"" + status + "\",\"views\":" + views + "}");
	}

	private List<String> titles(String filter) {
		Response response = get("/test-articles?sort=" + q("[\"title\",\"ASC\"]") + "&filter=" + q(filter));
		assertThat(response.status()).as(filter + " -> " + response.body()).isEqualTo(200);
		List<String> titles = new ArrayList<>();
		response.json().forEach((article) -> titles.add(article.get("title").stringValue()));
		return titles;
	}

	@Test
	void equalityInAndNull() {
		assertThat(titles("{\"status\":\"DRAFT\"}")).containsExactly("Alpha", "delta");
		assertThat(titles("{\"views\":[10,30]}")).containsExactly("Alpha", "Gamma_ray");
		assertThat(titles("{\"views\":null}")).containsExactly("delta");
		assertThat(titles("{\"views\":[10,null]}")).containsExactly("Alpha", "delta");
		assertThat(titles("{\"views\":[]}")).isEmpty();
		assertThat(titles("{\"status\":\"DRAFT\",\"views\":10}")).containsExactly("Alpha");
	}

	@Test
	void operatorSuffixes() {
		assertThat(titles("{\"views_eq\":20}")).containsExactly("Beta 100%");
		assertThat(titles("{\"status_neq\":\"DRAFT\"}")).containsExactly("Beta 100%", "Gamma_ray");
		assertThat(titles("{\"views_neq\":null}")).containsExactly("Alpha", "Beta 100%", "Gamma_ray");
		assertThat(titles("{\"views_neq\":10}")).as("rows without a value are not equal to 10")
			.containsExactly("Beta 100%", "Gamma_ray", "delta");
		assertThat(titles("{\"views_neq\":[10,20]}")).containsExactly("Gamma_ray", "delta");
		assertThat(titles("{\"views_gt\":10}")).containsExactly("Beta 100%", "Gamma_ray");
		assertThat(titles("{\"views_gte\":20}")).containsExactly("Beta 100%", "Gamma_ray");
		assertThat(titles("{\"views_lt\":20}")).containsExactly("Alpha");
		assertThat(titles("{\"views_lte\":20}")).containsExactly("Alpha", "Beta 100%");
		assertThat(titles("{\"views_gte\":10,\"views_lt\":30}")).containsExactly("Alpha", "Beta 100%");
		assertThat(titles("{\"title_q\":\"ALP\"}")).containsExactly("Alpha");
	}

	@Test
	void timestampsCompareInTime() {
		String first = get("/test-articles?sort=" + q("[\"createdAt\",\"ASC\"]")).json()
			.get(0)
			.get("createdAt")
			.stringValue();
		assertThat(titles("{\"createdAt_gte\":\"" + first + "\"}")).hasSize(4);
		assertThat(titles("{\"createdAt_lt\":\"" + first + "\"}")).isEmpty();
		assertThat(titles("{\"createdAt_gt\":\"2000-01-01T00:00:00Z\"}")).hasSize(4);
	}

	@Test
	void searchLooksInEveryTextFieldIgnoringCase() {
		assertThat(titles("{\"q\":\"ELT\"}")).containsExactly("delta");
		assertThat(titles("{\"q\":\"a\"}")).containsExactly("Alpha", "Beta 100%", "Gamma_ray", "delta");
		assertThat(titles("{\"q\":\"a-r\"}")).as("the slug is searched too").containsExactly("Gamma_ray");
	}

	@Test
	void searchFindsNonAsciiTextAsWritten() {
		article("Émile Zola", "DRAFT", 1);
		assertThat(titles("{\"q\":\"Émile\"}")).containsExactly("Émile Zola");
		assertThat(titles("{\"title_q\":\"ÉMILE\"}")).containsExactly("Émile Zola");
		assertThat(titles("{\"q\":\"ZOLA\"}")).containsExactly("Émile Zola");
	}

	@Test
	void searchIgnoresTheCaseOfNonAsciiLetters() {
		article("Émile Zola", "DRAFT", 1);
		article("ÅNGSTRÖM ΣΟΦΊΑ", "DRAFT", 2);
		assertThat(titles("{\"q\":\"émile\"}")).containsExactly("Émile Zola");
		assertThat(titles("{\"title_q\":\"ÉMILE ZOLA\"}")).containsExactly("Émile Zola");
		assertThat(titles("{\"q\":\"ångström σοφία\"}")).containsExactly("ÅNGSTRÖM ΣΟΦΊΑ");
		assertThat(titles("{\"title_q\":\"Ström\"}")).containsExactly("ÅNGSTRÖM ΣΟΦΊΑ");
	}

	@Test
	void likeWildcardsInSearchesAreLiteral() {
		assertThat(titles("{\"q\":\"%\"}")).containsExactly("Beta 100%");
		assertThat(titles("{\"title_q\":\"_\"}")).containsExactly("Gamma_ray");
		assertThat(titles("{\"q\":\"\\\\\"}")).isEmpty();
	}

	@Test
	void filterValuesNeverBecomeSql() {
		assertThat(titles("{\"title\":\"x' or '1'='1\"}")).isEmpty();
		assertThat(titles("{\"q\":\"') or 1=1 --\"}")).isEmpty();
		assertThat(this.jdbc.queryForObject("select count(*) from test_articles", Integer.class)).isEqualTo(4);
	}

	@Test
	void badFiltersAreNamed() {
		assertBad("{\"nope\":1}", "filter.nope", "UNKNOWN_FIELD");
		assertBad("{\"nope_gt\":1}", "filter.nope_gt", "UNKNOWN_FIELD");
		assertBad("{\"title; drop table x\":1}", "filter.title; drop table x", "UNKNOWN_FIELD");
		assertBad("{\"views\":\"ten\"}", "filter.views", "INVALID_VALUE");
		assertBad("{\"views_gt\":[1,2]}", "filter.views_gt", "INVALID_VALUE");
		assertBad("{\"views_gt\":null}", "filter.views_gt", "INVALID_VALUE");
		assertBad("{\"views_q\":\"1\"}", "filter.views_q", "INVALID_VALUE");
		assertBad("{\"title\":{\"a\":1}}", "filter.title", "INVALID_VALUE");
		assertBad("{\"q\":5}", "filter.q", "INVALID_TYPE");
		assertBad("{\"createdAt_gt\":\"yesterday\"}", "filter.createdAt_gt", "INVALID_VALUE");
		Response two = get("/test-articles?filter=" + q("{\"a\":1,\"b\":2}"));
		assertThat(two.json().get("details")).hasSize(2);
	}

	private void assertBad(String filter, String field, String code) {
		Response response = get("/test-articles?filter=" + q(filter));
		assertThat(response.status()).as(filter).isEqualTo(400);
		JsonNode detail = response.json().at("/details/0");
		assertThat(detail.get("field").stringValue()).as(filter).isEqualTo(field);
		assertThat(detail.get("code").stringValue()).as(filter).isEqualTo(code);
	}

}
