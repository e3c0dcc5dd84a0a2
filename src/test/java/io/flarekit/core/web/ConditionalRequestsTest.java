package io.flarekit.core.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.flarekit.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Versions and conditional requests over HTTP: every single-record response carries the
 * record's version as a strong ETag, If-Match guards PUT, PATCH and DELETE (412, nothing
 * changed), If-None-Match gives 304, and a bulk entry may name its version.
 */
class ConditionalRequestsTest extends IntegrationTest {

	private String createUser(String name) {
		return create("/users", "{\"name\":\"" + name + "\",\"email\":\"" + name + "@example.com\"}").get("id")
			.stringValue();
	}

	/** The row as the database holds it: name, version and whether it is soft-deleted. */
	private Map<String, Object> row(String id) {
		return this.jdbc
			.queryForMap("select name, cast(version as integer) as version, deleted_at from users where id = ?", id);
	}

	private Response patch(String path, String json, String ifMatch) {
		return send("PATCH", path, json, "Content-Type", "application/json", "If-Match", ifMatch);
	}

	@Test
	void everySingleRecordResponseCarriesTheVersionAsAStrongETag() {
		Response created = post("/users", "{\"name\":\"ada\",\"email\":\"ada@example.com\"}");
		assertThat(created.header("ETag")).isEqualTo("\"0\"");
		assertThat(created.json().get("version").longValue()).isZero();
		String id = created.json().get("id").stringValue();
		assertThat(get("/users/" + id).header("ETag")).isEqualTo("\"0\"");

		Response put = put("/users/" + id, "{\"name\":\"ada 1\"}");
		assertThat(put.header("ETag")).isEqualTo("\"1\"");
		assertThat(put.json().get("version").longValue()).isEqualTo(1);
		Response patched = patch("/users/" + id, "{\"name\":\"ada 2\"}");
		assertThat(patched.header("ETag")).isEqualTo("\"2\"");
		Response deleted = delete("/users/" + id);
		assertThat(deleted.header("ETag")).as("a soft delete is a change").isEqualTo("\"3\"");
		assertThat(deleted.json().get("version").longValue()).isEqualTo(3);
		assertThat(row(id).get("version")).isEqualTo(3);
		assertThat(get("/users/" + id + "?includeDeleted=true").header("ETag")).isEqualTo("\"3\"");

		String tag = create("/test-tags", "{\"name\":\"t\"}").get("id").stringValue();
		Response removed = delete("/test-tags/" + tag);
		assertThat(removed.status()).isEqualTo(200);
		assertThat(removed.header("ETag")).as("a permanent delete answers the last version").isEqualTo("\"0\"");
	}

	@Test
	void aStaleIfMatchIsA412ThatNamesTheCurrentVersionAndChangesNothing() {
		String id = createUser("bob");
		assertThat(patch("/users/" + id, "{\"name\":\"bob 1\"}").status()).isEqualTo(200);

		List<Response> refused = List.of(put("/users/" + id, "{\"name\":\"lost\"}", "If-Match", "\"0\""),
				patch("/users/" + id, "{\"name\":\"lost\"}", "\"0\""), delete("/users/" + id, "If-Match", "\"0\""),
				delete("/users/" + id + "?permanent=true", "If-Match", "\"0\""));
		assertThat(refused).allSatisfy((response) -> {
			assertThat(response.status()).as(response.body()).isEqualTo(412);
			assertThat(response.header("Content-Type")).startsWith("application/problem+json");
			JsonNode problem = response.json();
			assertThat(problem.get("code").stringValue()).isEqualTo("PRECONDITION_FAILED");
			assertThat(problem.get("message").stringValue()).contains("version 1").contains("\"1\"");
			assertThat(problem.at("/details/0/field").stringValue()).isEqualTo("version");
			assertThat(problem.at("/details/0/code").stringValue()).isEqualTo("VERSION_MISMATCH");
		});
		assertThat(row(id)).containsEntry("name", "bob 1")
			.containsEntry("version", 1)
			.containsEntry("deleted_at", null);
	}

	@Test
	void aPreconditionIsCheckedBeforeTheBody() {
		String id = createUser("cy");
		Response response = patch("/users/" + id, "{\"name\":\"\"}", "\"9\"");
		assertThat(response.status()).as(response.body()).isEqualTo(412);
		assertThat(patch("/users/nope", "{\"name\":\"x\"}", "\"0\"").status()).as("no record: 404 as without If-Match")
			.isEqualTo(404);
	}

	@Test
	void ifMatchTakesTheCurrentTagAStarOrAListButNeverAWeakTag() {
		String id = createUser("dee");
		assertThat(patch("/users/" + id, "{\"name\":\"dee 1\"}", "\"0\"").header("ETag")).isEqualTo("\"1\"");
		assertThat(patch("/users/" + id, "{\"name\":\"dee 2\"}", "*").header("ETag")).isEqualTo("\"2\"");
		assertThat(patch("/users/" + id, "{\"name\":\"dee 3\"}", "\"7\", \"2\"").header("ETag")).isEqualTo("\"3\"");
		assertThat(patch("/users/" + id, "{\"name\":\"dee 4\"}", "\"3\", \"8\"").header("ETag")).isEqualTo("\"4\"");
		assertThat(patch("/users/" + id, "{\"name\":\"weak\"}", "W/\"4\"").status())
			.as("If-Match compares strongly (RFC 9110, 13.1.1)")
			.isEqualTo(412);
		assertThat(patch("/users/" + id, "{\"name\":\"bare\"}", "4").status()).as("an unquoted tag names nothing")
			.isEqualTo(412);
		assertThat(delete("/users/" + id, "If-Match", "\"4\"").header("ETag")).isEqualTo("\"5\"");
		assertThat(row(id)).containsEntry("name", "dee 4").containsEntry("version", 5);
	}

	@Test
	void aMatchingIfNoneMatchIsA304WithTheETagAndNoBody() {
		String id = createUser("eve");
		for (String tags : List.of("\"0\"", "W/\"0\"", "*", "\"5\", \"0\"")) {
			Response response = get("/users/" + id, "If-None-Match", tags);
			assertThat(response.status()).as(tags).isEqualTo(304);
			assertThat(response.header("ETag")).isEqualTo("\"0\"");
			assertThat(response.body()).isEmpty();
		}
		assertThat(get("/users/" + id, "If-None-Match", "\"5\"").status()).isEqualTo(200);
		patch("/users/" + id, "{\"name\":\"eve 1\"}");
		Response changed = get("/users/" + id, "If-None-Match", "\"0\"");
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.json().get("name").stringValue()).isEqualTo("eve 1");
	}

	@Test
	void aBulkEntryAtAStaleVersionFailsTheWholeBulkAndChangesNothing() {
		String a = createUser("fay");
		String b = createUser("gus");
		patch("/users/" + b, "{\"name\":\"gus 1\"}");
		Response response = patch("/users", "[{\"id\":\"" + a + "\",\"version\":0,\"data\":{\"name\":\"x\"}},"
				+ "{\"id\":\"" + b + "\",\"version\":0,\"data\":{\"name\":\"y\"}}]");
		assertThat(response.status()).as(response.body()).isEqualTo(412);
		assertThat(response.json().get("code").stringValue()).isEqualTo("PRECONDITION_FAILED");
		assertThat(response.json().at("/details/0/field").stringValue()).isEqualTo("[1].version");
		assertThat(response.json().get("message").stringValue()).startsWith("Entry 1:").contains("version 1");
		assertThat(row(a)).containsEntry("name", "fay").containsEntry("version", 0);
		assertThat(row(b)).containsEntry("name", "gus 1").containsEntry("version", 1);

		Response current = patch("/users",
				"[{\"id\":\"" + a + "\",\"version\":0,\"data\":{\"name\":\"x\"}}," + "{\"id\":\"" + b
						+ "\",\"version\":1,\"data\":{\"name\":\"y\"}}," + "{\"id\":\"" + b
						+ "\",\"data\":{\"name\":\"z\"}}]");
		assertThat(current.status()).as(current.body()).isEqualTo(200);
		assertThat(row(a)).containsEntry("name", "x").containsEntry("version", 1);
		assertThat(row(b)).containsEntry("name", "z").containsEntry("version", 3);
	}

	@Test
	void aBulkEntryVersionMustBeAnInteger() {
		String a = createUser("hal");
		for (String version : List.of("\"0\"", "1.5", "-1", "true", "{}")) {
			Response response = patch("/users",
					"[{\"id\":\"" + a + "\",\"version\":" + version + ",\"data\":{\"name\":\"x\"}}]");
			assertThat(response.status()).as(version + ": " + response.body()).isEqualTo(400);
			assertThat(response.json().at("/details/0/field").stringValue()).isEqualTo("[0].version");
			assertThat(response.json().at("/details/0/code").stringValue()).isEqualTo("INVALID_TYPE");
		}
		assertThat(row(a)).containsEntry("name", "hal").containsEntry("version", 0);
	}

	@Test
	void twoWritersThatReadTheSameVersionCannotBothWrite() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 5; round++) {
				String id = createUser("race" + round);
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Response>> writers = new ArrayList<>();
				for (String name : List.of("left", "right")) {
					writers.add(pool.submit(() -> {
						start.await();
						return patch("/users/" + id, "{\"name\":\"" + name + "\"}", "\"0\"");
					}));
				}
				start.countDown();
				List<Response> responses = new ArrayList<>();
				for (Future<Response> writer : writers) {
					responses.add(writer.get(1, TimeUnit.MINUTES));
				}
				assertThat(responses).extracting(Response::status).containsExactlyInAnyOrder(200, 412);
				Response winner = responses.stream().filter((response) -> response.status() == 200).findFirst().get();
				assertThat(row(id)).containsEntry("name", winner.json().get("name").stringValue())
					.containsEntry("version", 1);
			}
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void theVersionCannotBeSetFromABody() {
		Response created = post("/users", "{\"name\":\"ivy\",\"email\":\"ivy@example.com\",\"version\":42}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.json().get("id").stringValue();
		assertThat(created.json().get("version").longValue()).isZero();
		Response patched = patch("/users/" + id, "{\"name\":\"ivy 1\",\"version\":99}");
		assertThat(patched.status()).as(patched.body()).isEqualTo(200);
		assertThat(patched.json().get("version").longValue()).isEqualTo(1);
		assertThat(patch("/users/" + id, "{\"version\":\"not a number\"}").status()).isEqualTo(200);
		assertThat(row(id)).containsEntry("name", "ivy 1").containsEntry("version", 2);
	}

}
