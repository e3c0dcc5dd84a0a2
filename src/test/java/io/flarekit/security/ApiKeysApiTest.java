package io.flarekit.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The life of a key through {@code /api-keys}: issued with its secret shown once, used,
 * listed without secret or hash, revoked and refused from the next request on, even with
 * other requests using it at the same moment.
 */
class ApiKeysApiTest extends SecurityTest {

	@Autowired
	private KeyUsage usage;

	@Test
	void aKeyIsIssuedUsedListedWithoutItsSecretAndRevoked() {
		JsonNode issued = issue("admin", "editor");
		String id = issued.get("id").stringValue();
		String secret = issued.get("key").stringValue();
		assertThat(secret).startsWith("fk_").hasSize(46).matches("fk_[A-Za-z0-9_-]{43}");
		assertThat(issued.get("roles").toString()).isEqualTo("[\"admin\",\"editor\"]");
		assertThat(issued.get("createdAt").stringValue()).isNotBlank();
		String stored = this.jdbc.queryForObject("select key_hash from api_keys where id = ?", String.class, id);
		assertThat(stored).isEqualTo(KeySecrets.hash(secret)).doesNotContain(secret);
		assertThat(this.jdbc.queryForList("select * from api_keys where id = ?", id).toString()).doesNotContain(secret);

		sendAs(secret);
		assertThat(get("/users").status()).isEqualTo(200);
		this.usage.flush();
		Response list = get("/api-keys");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body()).doesNotContain(secret).doesNotContain(stored).doesNotContain("keyHash");
		JsonNode listed = find(list.json(), id);
		assertThat(listed.get("name").stringValue()).isEqualTo("test key");
		assertThat(listed.has("key")).isFalse();
		assertThat(listed.get("lastUsedAt").isNull()).isFalse();
		assertThat(listed.get("expiresAt").isNull()).isTrue();

		sendAs(null);
		assertThat(delete("/api-keys/" + id, "Authorization", "Bearer " + ADMIN_KEY).status()).isEqualTo(200);
		sendAs(secret);
		assertUnauthorized(get("/users"), true);
		assertThat(find(get("/api-keys", "Authorization", "Bearer " + ADMIN_KEY).json(), id)).isNull();
		assertThat(delete("/api-keys/" + id, "Authorization", "Bearer " + ADMIN_KEY).status()).isEqualTo(404);
	}

	@Test
	void aRevokedKeyIsRefusedFromTheNextRequestOnWhileOtherThreadsUseIt() throws Exception {
		JsonNode issued = issue("admin");
		String secret = issued.get("key").stringValue();
		sendAs(secret);
		ExecutorService pool = Executors.newFixedThreadPool(6);
		AtomicBoolean revoked = new AtomicBoolean();
		AtomicBoolean stop = new AtomicBoolean();
		CountDownLatch warm = new CountDownLatch(6);
		List<Future<List<String>>> workers = new ArrayList<>();
		try {
			for (int t = 0; t < 6; t++) {
				workers.add(pool.submit(() -> {
					List<String> lateSuccesses = new ArrayList<>();
					warm.countDown();
					while (!stop.get()) {
						boolean afterRevocation = revoked.get();
						int status = get("/users/nope", "Authorization", "Bearer " + secret).status();
						if (afterRevocation && status != 401) {
							lateSuccesses.add(status + " after the revocation");
						}
					}
					return lateSuccesses;
				}));
			}
			warm.await(10, TimeUnit.SECONDS);
			Thread.sleep(200);
			assertThat(delete("/api-keys/" + issued.get("id").stringValue(), "Authorization", "Bearer " + ADMIN_KEY)
				.status()).isEqualTo(200);
			revoked.set(true);
			Thread.sleep(1500);
			stop.set(true);
			for (Future<List<String>> worker : workers) {
				assertThat(worker.get(30, TimeUnit.SECONDS)).isEmpty();
			}
		}
		finally {
			stop.set(true);
			pool.shutdownNow();
		}
	}

	@Test
	void anExpiredKeyIsRefused() throws Exception {
		Instant expiresAt = Instant.now().plusMillis(1500);
		Response response = post("/api-keys",
				"{\"name\":\"short\",\"roles\":[\"admin\"],\"expiresAt\":\"" + expiresAt + "\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		String secret = response.json().get("key").stringValue();
		sendAs(secret);
		assertThat(get("/users").status()).isEqualTo(200);
		Thread.sleep(Math.max(0, expiresAt.toEpochMilli() - System.currentTimeMillis()) + 100);
		Response expired = get("/users");
		assertUnauthorized(expired, true);
		assertThat(expired.json().get("message").stringValue()).contains("expired");
	}

	@Test
	void aBadKeyRequestNamesEveryBadField() {
		Response response = post("/api-keys",
				"{\"name\":\" \",\"roles\":[\"Admin\",7],\"expiresAt\":\"2001-01-01T00:00:00Z\",\"owner\":1}");
		assertThat(response.status()).isEqualTo(400);
		JsonNode problem = response.json();
		assertThat(problem.get("code").stringValue()).isEqualTo("VALIDATION_ERROR");
		assertThat(problem.get("errors").propertyNames()).containsExactlyInAnyOrder("owner", "name", "roles[0]",
				"roles[1]", "expiresAt");
		assertThat(post("/api-keys", "{\"name\":\"x\"}").json().at("/details/0/field").stringValue())
			.isEqualTo("roles");
		assertThat(post("/api-keys", "[]").json().at("/details/0/field").stringValue()).isEqualTo("body");
		assertThat(post("/api-keys", "{\"name\":\"x\",\"roles\":[],\"expiresAt\":\"soon\"}").json()
			.at("/details/0/field")
			.stringValue()).isEqualTo("expiresAt");
	}

	@Test
	void onlyAdminsReachTheKeysWhateverTheirOtherRoles() {
		String editor = issueKey("editor");
		sendAs(editor);
		assertForbidden(get("/api-keys"));
		assertForbidden(post("/api-keys", "{\"name\":\"mine\",\"roles\":[\"admin\"]}"));
		assertForbidden(delete("/api-keys/" + issue("editor").get("id").stringValue()));
		sendAs(null);
		assertUnauthorized(get("/api-keys"), false);
	}

	private static JsonNode find(JsonNode keys, String id) {
		for (JsonNode key : keys) {
			if (key.get("id").stringValue().equals(id)) {
				return key;
			}
		}
		return null;
	}

}
