package io.flarekit.core.service;

import java.util.Map;

import io.flarekit.IntegrationTest;
import io.flarekit.core.error.ServiceException;
import io.flarekit.core.testentities.Article;
import io.flarekit.core.testentities.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The behaviours that depend on an entity's columns, on small test entities. */
class OptionalBehavioursTest extends IntegrationTest {

	@Autowired
	CrudServices services;

	@Test
	void shortIdsAreGeneratedAndFindRecords() {
		JsonNode article = create("/test-articles", "{\"title\": \"Hello\"}");
		String shortId = article.get("shortId").stringValue();
		assertThat(shortId).matches("[A-Za-z0-9]{8}");
		BaseService<Article> articles = this.services.forEntity(Article.class);
		assertThat(articles.getByShortId(shortId, false)).get()
			.extracting(Article::getId)
			.isEqualTo(article.get("id").stringValue());
		assertThat(articles.getByShortId("nope", false)).isEmpty();
		assertThat(create("/test-articles", "{\"title\": \"Other\"}").get("shortId").stringValue())
			.isNotEqualTo(shortId);
		Response ignored = post("/test-articles", "{\"title\": \"T\", \"shortId\": \"mine\"}");
		assertThat(ignored.json().get("shortId").stringValue()).isNotEqualTo("mine");
	}

	@Test
	void slugsComeFromTitlesUnlessGiven() {
		assertThat(create("/test-articles", "{\"title\": \"  Déjà Vu, Again!  \"}").get("slug").stringValue())
			.isEqualTo("deja-vu-again");
		assertThat(create("/test-articles", "{\"title\": \"Any\", \"slug\": \"chosen\"}").get("slug").stringValue())
			.isEqualTo("chosen");
		Response noTitle = post("/test-articles", "{}");
		assertThat(noTitle.status()).isEqualTo(400);
		assertThat(noTitle.json().get("errors").has("title")).isTrue();
		Response onlySymbols = post("/test-articles", "{\"title\": \"!!!\"}");
		assertThat(onlySymbols.status()).isEqualTo(400);
		assertThat(onlySymbols.json().at("/details/0/field").stringValue()).isEqualTo("slug");
		Response duplicate = post("/test-articles", "{\"title\": \"Deja vu again\"}");
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.json().get("errors").has("slug")).isTrue();
	}

	@Test
	void enumValuesAreValidated() {
		JsonNode article = create("/test-articles", "{\"title\": \"E\", \"status\": \"PUBLISHED\"}");
		assertThat(article.get("status").stringValue()).isEqualTo("PUBLISHED");
		Response bad = post("/test-articles", "{\"title\": \"F\", \"status\": \"ARCHIVED\"}");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().get("errors").get("status").stringValue()).isEqualTo("must be one of: DRAFT, PUBLISHED");
		Response badUpdate = patch("/test-articles/" + article.get("id").stringValue(), "{\"status\": \"nope\"}");
		assertThat(badUpdate.status()).isEqualTo(400);
		Response badFilter = get("/test-articles?filter=" + q("{\"status\": \"nope\"}"));
		assertThat(badFilter.status()).isEqualTo(400);
		assertThat(badFilter.json().at("/details/0/field").stringValue()).isEqualTo("filter.status");
		assertThat(get("/test-articles?filter=" + q("{\"status\": \"PUBLISHED\"}")).json()).hasSize(1);
	}

	@Test
	void numbersAreCheckedForTypeAndRange() {
		Response response = post("/test-articles", "{\"title\": \"N\", \"views\": \"many\"}");
		assertThat(response.json().get("errors").get("views").stringValue()).isEqualTo("must be an integer");
		assertThat(post("/test-articles", "{\"title\": \"N\", \"views\": 1.5}").status()).isEqualTo(400);
		assertThat(
				post("/test-articles", "{\"title\": \"N\", \"views\": -1}").json().at("/details/0/code").stringValue())
			.isEqualTo("OUT_OF_RANGE");
		assertThat(post("/test-articles", "{\"title\": \"N\", \"views\": 7}").status()).isEqualTo(201);
	}

	@Test
	void withoutDeletedAtDeletesArePermanentAndSoftDeletesAreRefused() {
		JsonNode tag = create("/test-tags", "{\"name\": \"java\"}");
		String id = tag.get("id").stringValue();
		assertThat(tag.get("createdAt").stringValue()).endsWith("Z");
		assertThat(tag.has("updatedAt")).isFalse();
		Response soft = delete("/test-tags/" + id + "?permanent=false");
		assertThat(soft.status()).isEqualTo(400);
		assertThat(soft.json().get("code").stringValue()).isEqualTo("BUSINESS_LOGIC_ERROR");
		assertThat(delete("/test-tags?ids=" + id + "&permanent=false").status()).isEqualTo(400);
		assertThat(delete("/test-tags/" + id).status()).isEqualTo(200);
		assertThat(get("/test-tags/" + id + "?includeDeleted=true").status()).isEqualTo(404);
		BaseService<Tag> tags = this.services.forEntity(Tag.class);
		assertThat(tags.getCount(Map.of(), true)).isZero();
		Response noShortId = send("GET", "/test-tags", null);
		assertThat(noShortId.status()).isEqualTo(200);
		try {
			tags.getByShortId("x", false);
			throw new AssertionError("expected a 400");
		}
		catch (ServiceException ex) {
			assertThat(ex.getStatus().value()).isEqualTo(400);
		}
	}

	@Test
	void theDefaultOrderWithoutCreatedAtIsById() {
		create("/test-tags", "{\"name\": \"a\"}");
		create("/test-tags", "{\"name\": \"b\"}");
		assertThat(get("/test-tags").json().get(0).get("name").stringValue()).isEqualTo("b");
		assertThat(get("/test-tags").header("Content-Range")).isEqualTo("test-tags 0-1/2");
	}

}
