package io.flarekit.core.service;

import io.flarekit.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What clients cannot see they cannot probe, and what they cannot write is never bound:
 * test notes have a {@code @JsonIgnore} secret and a read-only rating.
 */
class FieldSafetyTest extends IntegrationTest {

	@Test
	void aReadOnlyFieldInABodyIsSkippedOnCreateAndUpdate() {
		JsonNode note = create("/test-notes", "{\"title\": \"a\", \"rating\": 5}");
		assertThat(note.get("rating").isNull()).isTrue();
		String id = note.get("id").stringValue();
		assertThat(patch("/test-notes/" + id, "{\"title\": \"b\", \"rating\": 4}").status()).isEqualTo(200);
		assertThat(this.jdbc.queryForObject("select rating from test_notes where id = ?", Integer.class, id))
			.as("never written")
			.isNull();
		// set by other means, it survives an update that names it
		this.jdbc.update("update test_notes set rating = 3 where id = ?", id);
		assertThat(patch("/test-notes/" + id, "{\"title\": \"c\", \"rating\": null}").status()).isEqualTo(200);
		assertThat(this.jdbc.queryForObject("select rating from test_notes where id = ?", Integer.class, id))
			.as("not cleared")
			.isEqualTo(3);
	}

	@Test
	void aHiddenFieldCannotBeWrittenAndIsNeverShown() {
		Response refused = post("/test-notes", "{\"title\": \"a\", \"secret\": \"s\"}");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().at("/details/0/field").stringValue()).isEqualTo("secret");
		assertThat(refused.json().at("/details/0/code").stringValue()).isEqualTo("UNKNOWN_FIELD");
		assertThat(this.jdbc.queryForObject("select count(*) from test_notes", Integer.class)).isZero();
		String id = create("/test-notes", "{\"title\": \"a\"}").get("id").stringValue();
		assertThat(patch("/test-notes/" + id, "{\"secret\": \"s\"}").status()).isEqualTo(400);
		this.jdbc.update("update test_notes set secret = 'topsecret' where id = ?", id);
		assertThat(get("/test-notes/" + id).body()).doesNotContain("secret");
	}

	@Test
	void aHiddenFieldCannotBeFilteredSortedOrSearched() {
		String id = create("/test-notes", "{\"title\": \"plain\"}").get("id").stringValue();
		this.jdbc.update("update test_notes set secret = 'topsecret' where id = ?", id);
		for (String filter : new String[] { "{\"secret\":\"topsecret\"}", "{\"secret_q\":\"top\"}",
				"{\"secret_neq\":\"x\"}" }) {
			Response probe = get("/test-notes?filter=" + q(filter));
			assertThat(probe.status()).as(filter).isEqualTo(400);
			assertThat(probe.json().at("/details/0/code").stringValue()).as(filter).isEqualTo("UNKNOWN_FIELD");
		}
		Response sorted = get("/test-notes?sort=" + q("[\"secret\",\"ASC\"]"));
		assertThat(sorted.status()).isEqualTo(400);
		assertThat(sorted.json().at("/details/0/field").stringValue()).isEqualTo("sort");
		assertThat(get("/test-notes?filter=" + q("{\"q\":\"topsecret\"}")).json()).as("q does not search it").isEmpty();
		assertThat(get("/test-notes?filter=" + q("{\"q\":\"plain\"}")).json()).hasSize(1);
	}

}
