package io.flarekit.users;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.flarekit.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP contract of a resource, on {@code /users}. */
class UsersApiTest extends IntegrationTest {

	private JsonNode user(String name, String email) {
		return create("/users", "{\"name\":\"" + name + "\",\"email\":\"" + email + "\"}");
	}

	@Test
	void welcome() {
		Response response = get("/");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("success").booleanValue()).isTrue();
		assertThat(response.json().get("message").stringValue()).isEqualTo("Welcome to Flarekit APIs!");
	}

	@Test
	void createAnswers201WithLocationAndTheRecord() {
		Response response = post("/users?source=test", "{\"name\":\"  Ada Lovelace \",\"email\":\"ada@example.com\"}");
		assertThat(response.status()).isEqualTo(201);
		JsonNode body = response.json();
		String id = body.get("id").stringValue();
		assertThat(UUID.fromString(id).version()).isEqualTo(7);
		assertThat(response.header("Location")).isEqualTo("http://localhost:" + this.port + "/users/" + id);
		assertThat(body.get("name").stringValue()).isEqualTo("Ada Lovelace");
		assertThat(body.get("email").stringValue()).isEqualTo("ada@example.com");
		assertThat(body.get("createdAt").stringValue()).endsWith("Z");
		assertThat(body.get("updatedAt").stringValue()).isEqualTo(body.get("createdAt").stringValue());
		assertThat(body.get("deletedAt").isNull()).isTrue();
		assertThat(get("/users/" + id).json()).isEqualTo(body);
	}

	@Test
	void createIgnoresServerManagedFieldsButKeepsAClientId() {
		JsonNode body = create("/users", """
				{"id": "my-id", "name": "A", "email": "a@example.com", "createdAt": "1999-01-01T00:00:00Z",
				 "updatedAt": "garbage", "deletedAt": "2000-01-01T00:00:00Z"}""");
		assertThat(body.get("id").stringValue()).isEqualTo("my-id");
		assertThat(body.get("createdAt").stringValue()).startsWith("20").doesNotStartWith("1999");
		assertThat(body.get("deletedAt").isNull()).isTrue();
	}

	@Test
	void aBadClientIdOrATakenOneIsRefused() {
		Response bad = post("/users", "{\"id\": \"a/b\", \"name\": \"A\", \"email\": \"a@example.com\"}");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().at("/details/0/field").stringValue()).isEqualTo("id");
		user("A", "a@example.com");
		create("/users", "{\"id\": \"taken\", \"name\": \"B\", \"email\": \"b@example.com\"}");
		Response taken = post("/users", "{\"id\": \"taken\", \"name\": \"C\", \"email\": \"c@example.com\"}");
		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.json().get("errors").has("id")).isTrue();
	}

	@Test
	void everyBadFieldIsNamedAtOnce() {
		Response response = post("/users", "{\"name\": 12, \"email\": \"not-an-email\", \"age\": 3}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("code").stringValue()).isEqualTo("VALIDATION_ERROR");
		assertThat(problem.get("status").intValue()).isEqualTo(400);
		assertThat(problem.get("errors").propertyNames()).containsExactlyInAnyOrder("name", "email", "age");
		assertThat(problem.get("errors").get("name").stringValue()).isEqualTo("must be a string");
		assertThat(problem.get("errors").get("age").stringValue()).contains("not a field");
		List<String> codes = new ArrayList<>();
		problem.get("details").forEach((detail) -> codes.add(detail.get("code").stringValue()));
		assertThat(codes).containsExactlyInAnyOrder("INVALID_TYPE", "INVALID_FORMAT", "UNKNOWN_FIELD");
		assertThat(problem.get("timestamp").stringValue()).endsWith("Z");
		assertThat(problem.get("requestId").stringValue()).isEqualTo(response.header("X-Request-Id"));
		assertThat(count()).isZero();
	}

	@Test
	void missingRequiredFieldsAndTooLongNamesAreNamed() {
		Response response = post("/users", "{}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("errors").propertyNames()).containsExactlyInAnyOrder("name", "email");
		assertThat(response.json().at("/details/0/code").stringValue()).isEqualTo("REQUIRED");

		Response blank = post("/users", "{\"name\": \"   \", \"email\": \"a@example.com\"}");
		assertThat(blank.json().get("errors").propertyNames()).containsExactly("name");

		Response tooLong = post("/users", "{\"name\": \"" + "x".repeat(201) + "\", \"email\": \"a@example.com\"}");
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.json().at("/details/0/code").stringValue()).isEqualTo("INVALID_LENGTH");
		assertThat(post("/users", "{\"name\": \"" + "x".repeat(200) + "\", \"email\": \"a@example.com\"}").status())
			.isEqualTo(201);
	}

	@Test
	void bodiesThatAreNotJsonObjectsAreRefused() {
		assertThat(post("/users", "{\"name\": ").status()).isEqualTo(400);
		assertThat(post("/users", "[1,2]").json().at("/details/0/field").stringValue()).isEqualTo("body");
		assertThat(post("/users", "").status()).isEqualTo(400);
		Response wrongType = send("POST", "/users", "name=x", "Content-Type", "application/x-www-form-urlencoded");
		assertThat(wrongType.status()).isEqualTo(415);
		assertThat(wrongType.json().get("code").stringValue()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
		assertThat(send("POST", "/users", "{}", "Content-Type", "multipart/form-data").status())
			.as("multipart without a boundary")
			.isEqualTo(400);
		for (String notConcrete : new String[] { "*/*", "application/*", "no slash", "a/b; c" }) {
			Response refused = send("POST", "/users", "{}", "Content-Type", notConcrete);
			assertThat(refused.status()).as(notConcrete).isEqualTo(415);
			assertThat(refused.json().get("code").stringValue()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
		}
	}

	@Test
	void emailsAreUniqueIgnoringCaseAmongLiveUsers() {
		JsonNode first = user("A", "Ada@Example.com");
		Response duplicate = post("/users", "{\"name\": \"B\", \"email\": \"ada@example.COM\"}");
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.json().get("code").stringValue()).isEqualTo("CONFLICT");
		assertThat(duplicate.json().get("errors").get("email").stringValue()).isNotBlank();

		JsonNode other = user("B", "b@example.com");
		Response taken = patch("/users/" + other.get("id").stringValue(), "{\"email\": \"ADA@example.com\"}");
		assertThat(taken.status()).isEqualTo(409);

		assertThat(delete("/users/" + first.get("id").stringValue()).status()).isEqualTo(200);
		assertThat(post("/users", "{\"name\": \"C\", \"email\": \"ada@example.com\"}").status()).isEqualTo(201);
	}

	@Test
	void putAndPatchMergeTheGivenFields() {
		JsonNode created = user("Ada", "ada@example.com");
		String id = created.get("id").stringValue();
		// an old stamp, so that a renewed one is later without waiting for the clock
		Instant stale = Instant.parse("2000-01-01T00:00:00Z");
		assertThat(this.jdbc.update("update users set updated_at = ? where id = ?", "2000-01-01 00:00:00.000", id))
			.isEqualTo(1);
		assertThat(Instant.parse(get("/users/" + id).json().get("updatedAt").stringValue())).isEqualTo(stale);
		Response patched = patch("/users/" + id, "{\"name\": \"Ada L.\"}");
		assertThat(patched.status()).isEqualTo(200);
		assertThat(patched.json().get("name").stringValue()).isEqualTo("Ada L.");
		assertThat(patched.json().get("email").stringValue()).isEqualTo("ada@example.com");
		assertThat(patched.json().get("createdAt")).isEqualTo(created.get("createdAt"));
		// instants, not text: a stamp at a whole second is written without a fraction
		Instant updatedAt = Instant.parse(patched.json().get("updatedAt").stringValue());
		assertThat(updatedAt).as("updatedAt is renewed by the update").isAfter(stale);
		assertThat(updatedAt).as("updatedAt is stamped with the time of the update")
			.isAfterOrEqualTo(Instant.parse(created.get("updatedAt").stringValue()));

		// react-admin sends the whole record back on PUT, server-managed fields included
		String whole = patched.json().toString().replace("Ada L.", "Ada King").replace(id, "another-id");
		Response put = put("/users/" + id, whole);
		assertThat(put.status()).isEqualTo(200);
		assertThat(put.json().get("id").stringValue()).isEqualTo(id);
		assertThat(put.json().get("name").stringValue()).isEqualTo("Ada King");
		assertThat(get("/users/" + id).json().get("name").stringValue()).isEqualTo("Ada King");
	}

	@Test
	void updatesAreValidatedAndNothingIsWrittenOnFailure() {
		String id = user("Ada", "ada@example.com").get("id").stringValue();
		Response response = patch("/users/" + id, "{\"name\": \"\", \"email\": \"x\"}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("errors").propertyNames()).containsExactlyInAnyOrder("name", "email");
		assertThat(get("/users/" + id).json().get("name").stringValue()).isEqualTo("Ada");
		assertThat(patch("/users/missing", "{\"name\": \"x\"}").status()).isEqualTo(404);
	}

	@Test
	void getAnswers404ForMissingAndSoftDeletedRecordsUnlessIncludeDeleted() {
		Response missing = get("/users/nope");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.json().get("code").stringValue()).isEqualTo("RESOURCE_NOT_FOUND");
		String id = user("Ada", "ada@example.com").get("id").stringValue();
		Response deleted = delete("/users/" + id);
		assertThat(deleted.status()).isEqualTo(200);
		assertThat(deleted.json().get("deletedAt").stringValue()).endsWith("Z");
		assertThat(get("/users/" + id).status()).isEqualTo(404);
		assertThat(get("/users/" + id + "?includeDeleted=true").status()).isEqualTo(200);
		assertThat(delete("/users/" + id).status()).isEqualTo(404);
		assertThat(get("/users?includeDeleted=true").json()).hasSize(1);
		assertThat(get("/users").json()).isEmpty();
	}

	@Test
	void permanentDeleteRemovesTheRow() {
		String id = user("Ada", "ada@example.com").get("id").stringValue();
		Response response = delete("/users/" + id + "?permanent=true", "Content-Type", "text/plain");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("id").stringValue()).isEqualTo(id);
		assertThat(get("/users/" + id + "?includeDeleted=true").status()).isEqualTo(404);
		assertThat(count()).isZero();
		assertThat(delete("/users/" + id + "?permanent=true").status()).isEqualTo(404);
		assertThat(delete("/users/x?permanent=maybe").status()).isEqualTo(400);
	}

	@Test
	void listFollowsTheSimpleRestProtocol() {
		for (int i = 0; i < 12; i++) {
			user("User " + (char) ('a' + i), "u" + i + "@example.com");
		}
		Response page = get("/users", "Origin", "http://admin.example.com");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.json()).hasSize(10);
		assertThat(page.header("Content-Range")).isEqualTo("users 0-9/12");
		assertThat(page.header("X-Total-Count")).isEqualTo("12");
		assertThat(page.header("Access-Control-Expose-Headers")).contains("Content-Range", "X-Total-Count");
		assertThat(page.json().get(0).get("name").stringValue()).isEqualTo("User l");

		Response tail = get("/users?range=" + q("[10,19]") + "&sort=" + q("[\"name\",\"ASC\"]"));
		assertThat(tail.header("Content-Range")).isEqualTo("users 10-11/12");
		assertThat(tail.json().get(0).get("name").stringValue()).isEqualTo("User k");

		Response past = get("/users?range=" + q("[20,29]"));
		assertThat(past.json()).isEmpty();
		assertThat(past.header("Content-Range")).isEqualTo("users */12");

		Response filtered = get("/users?filter=" + q("{\"email\":\"u3@example.com\"}"));
		assertThat(filtered.json()).hasSize(1);
		assertThat(filtered.header("Content-Range")).isEqualTo("users 0-0/1");
	}

	@Test
	void anEmptyListSaysSo() {
		Response empty = get("/users");
		assertThat(empty.json()).isEmpty();
		assertThat(empty.header("Content-Range")).isEqualTo("users */0");
		assertThat(empty.header("X-Total-Count")).isEqualTo("0");
	}

	@Test
	void pagesAreCapped() {
		for (int i = 0; i < 60; i++) {
			this.jdbc.update("insert into users (id, name, email, created_at) values (?, ?, ?, ?)", "id-" + i, "n" + i,
					"e" + i + "@example.com", "2024-01-01 00:00:00.000");
		}
		Response response = get("/users?range=" + q("[0,99]"));
		assertThat(response.json()).hasSize(50);
		assertThat(response.header("Content-Range")).isEqualTo("users 0-49/60");
		Response widest = get("/users?range=" + q("[5," + Long.MAX_VALUE + "]"));
		assertThat(widest.header("Content-Range")).isEqualTo("users 5-54/60");
		Response furthest = get("/users?range=" + q("[" + Integer.MAX_VALUE + "," + Long.MAX_VALUE + "]"));
		assertThat(furthest.header("Content-Range")).isEqualTo("users */60");
	}

	@Test
	void badListParametersAreNamed() {
		assertBadParameter("range=" + q("[0,"), "range");
		assertBadParameter("range=" + q("[5,1]"), "range");
		assertBadParameter("range=" + q("[-1,3]"), "range");
		assertBadParameter("range=" + q("[0,1,2]"), "range");
		assertBadParameter("range=" + q("[\"0\",\"9\"]"), "range");
		assertBadParameter("range=" + q("[0.5,9]"), "range");
		assertBadParameter("range=" + q("[3000000000,3000000009]"), "range");
		assertBadParameter("range=" + q("[0,99999999999999999999]"), "range");
		assertBadParameter("sort=" + q("[\"name\",\"UP\"]"), "sort");
		assertBadParameter("sort=" + q("[\"password\",\"ASC\"]"), "sort");
		assertBadParameter("sort=" + q("name"), "sort");
		assertBadParameter("filter=" + q("{\"password\":\"x\"}"), "filter.password");
		assertBadParameter("filter=" + q("[1]"), "filter");
		assertBadParameter("filter=" + q("{bad json"), "filter");
		assertBadParameter("includeDeleted=perhaps", "includeDeleted");
	}

	private void assertBadParameter(String query, String field) {
		Response response = get("/users?" + query);
		assertThat(response.status()).as(query).isEqualTo(400);
		assertThat(response.json().at("/details/0/field").stringValue()).as(query).isEqualTo(field);
		assertThat(response.json().get("message").stringValue()).as(query).isNotBlank();
	}

	@Test
	void bulkUpdateChangesAllOrNothing() {
		String a = user("A", "a@example.com").get("id").stringValue();
		String b = user("B", "b@example.com").get("id").stringValue();
		Response response = patch("/users", "[{\"id\":\"" + a + "\",\"data\":{\"name\":\"A2\"}},{\"id\":\"" + b
				+ "\",\"data\":{\"name\":\"B2\"}}]");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).hasSize(2);
		assertThat(get("/users/" + b).json().get("name").stringValue()).isEqualTo("B2");

		Response missing = patch("/users",
				"[{\"id\":\"" + a + "\",\"data\":{\"name\":\"A3\"}},{\"id\":\"nope\",\"data\":{\"name\":\"X\"}}]");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(get("/users/" + a).json().get("name").stringValue()).isEqualTo("A2");

		Response invalid = patch("/users", "[{\"id\":\"" + a + "\",\"data\":{\"name\":\"A3\"}},{\"id\":\"" + b
				+ "\",\"data\":{\"email\":\"no\"}}]");
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(get("/users/" + a).json().get("name").stringValue()).isEqualTo("A2");

		assertThat(invalid.json().at("/details/0/field").stringValue()).isEqualTo("[1].data.email");
		Response duplicate = patch("/users", "[{\"id\":\"" + a + "\",\"data\":{\"name\":\"A3\"}},{\"id\":\"" + b
				+ "\",\"data\":{\"email\":\"A@example.com\"}}]");
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.json().at("/details/0/field").stringValue()).isEqualTo("[1].data.email");
		StringBuilder tooMany = new StringBuilder("[");
		for (int i = 0; i < 51; i++) {
			tooMany.append((i > 0) ? "," : "").append("{\"id\":\"").append(a).append("\",\"data\":{}}");
		}
		assertThat(patch("/users", tooMany.append("]").toString()).status()).isEqualTo(400);

		Response noId = patch("/users", "[{\"data\":{\"name\":\"X\"}}]");
		assertThat(noId.status()).isEqualTo(400);
		assertThat(noId.json().at("/details/0/field").stringValue()).isEqualTo("[0].id");
		assertThat(patch("/users", "{}").status()).isEqualTo(400);
	}

	@Test
	void bulkDeleteSkipsMissingIdsAndIsSoftByDefault() {
		String a = user("A", "a@example.com").get("id").stringValue();
		String b = user("B", "b@example.com").get("id").stringValue();
		String c = user("C", "c@example.com").get("id").stringValue();
		Response soft = delete("/users?ids=" + a + "," + b + ",nope", "Content-Type", "text/plain");
		assertThat(soft.status()).isEqualTo(200);
		assertThat(soft.json()).hasSize(2);
		assertThat(get("/users").json()).hasSize(1);
		assertThat(count()).isEqualTo(3);

		Response hard = delete("/users?permanent=true&ids=" + a + "," + c);
		assertThat(hard.json()).hasSize(2);
		assertThat(count()).isEqualTo(1);
		assertThat(delete("/users").json().at("/details/0/field").stringValue()).isEqualTo("ids");
		assertThat(delete("/users?ids=,").status()).isEqualTo(400);
	}

	@Test
	void unknownRoutesWrongMethodsAndHeadersGetProblems() {
		Response unknown = get("/nowhere");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(unknown.json().get("code").stringValue()).isEqualTo("RESOURCE_NOT_FOUND");

		Response wrongMethod = send("POST", "/users/some-id", "{}", "Content-Type", "application/json");
		assertThat(wrongMethod.status()).isEqualTo(405);
		assertThat(wrongMethod.json().get("code").stringValue()).isEqualTo("METHOD_NOT_ALLOWED");
		assertThat(wrongMethod.body()).doesNotContain("Exception");
	}

	@Test
	void theRequestIdIsEchoedOrMade() {
		Response sent = get("/users/nope", "X-Request-Id", "abc-123");
		assertThat(sent.header("X-Request-Id")).isEqualTo("abc-123");
		assertThat(sent.json().get("requestId").stringValue()).isEqualTo("abc-123");
		Response unsafe = get("/users/nope", "X-Request-Id", "<script>");
		assertThat(unsafe.header("X-Request-Id")).isNotEqualTo("<script>").isNotBlank();
	}

	@Test
	void corsPreflightAllowsWhatReactAdminSends() {
		Response preflight = send("OPTIONS", "/users", null, "Origin", "http://admin.example.com",
				"Access-Control-Request-Method", "DELETE", "Access-Control-Request-Headers", "range,content-type");
		assertThat(preflight.status()).isEqualTo(200);
		assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("http://admin.example.com");
		assertThat(preflight.header("Access-Control-Allow-Methods")).contains("DELETE", "PATCH");
		assertThat(preflight.header("Access-Control-Allow-Headers").toLowerCase()).contains("range");
	}

	private int count() {
		return this.jdbc.queryForObject("select count(*) from users", Integer.class);
	}

}
