package io.flarekit.security;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the trimmed filter chain still answers (SecurityConfiguration): the security
 * headers on every answer, refusals included; no session, not even for a refused request;
 * the open paths for {@code GET} and {@code HEAD} only, matched on the decoded path.
 */
@TestPropertySource(properties = { "flarekit.access.resources.users.read=role:reader",
		"flarekit.access.resources.users.create=role:reader", "flarekit.access.resources.users.list=public" })
class StatelessChainTest extends SecurityTest {

	@Test
	void everyAnswerHasTheSecurityHeadersAndNoSession() {
		String reader = issueKey("reader");
		sendAs(reader);
		String id = create("/users", "{\"email\":\"ada@example.com\",\"name\":\"Ada\"}").get("id").stringValue();
		Response read = get("/users/" + id);
		assertThat(read.status()).isEqualTo(200);
		assertSecurityHeaders(read, true);
		Response notModified = get("/users/" + id, "If-None-Match", read.header("ETag"));
		assertThat(notModified.status()).isEqualTo(304);
		assertSecurityHeaders(notModified, false);

		sendAs(null);
		Response noKey = get("/users/" + id);
		assertUnauthorized(noKey, false);
		assertSecurityHeaders(noKey, true);
		Response badKey = get("/users/" + id, "Authorization", "Bearer fk_unknownunknownunknownunknownunknown");
		assertUnauthorized(badKey, true);
		assertSecurityHeaders(badKey, true);
		Response publicList = get("/users");
		assertThat(publicList.status()).isEqualTo(200);
		assertSecurityHeaders(publicList, true);

		sendAs(issueKey("other"));
		Response forbidden = get("/users/" + id);
		assertForbidden(forbidden);
		assertSecurityHeaders(forbidden, true);
	}

	@Test
	void openPathsAreOpenToGetAndHeadOnly() {
		sendAs(null);
		assertThat(get("/").status()).isEqualTo(200);
		assertThat(send("HEAD", "/actuator/health", null).status()).isEqualTo(200);
		assertThat(get("/actuator/health").status()).isEqualTo(200);
		// the patterns match the decoded path, as Spring MVC does: %61 is "a"
		assertThat(get("/%61ctuator/health").status()).isEqualTo(200);
		assertUnauthorized(send("POST", "/actuator/health", "{}", "Content-Type", "application/json"), false);
		assertUnauthorized(send("DELETE", "/", null), false);
		// a path that only starts like an open one is not open
		assertUnauthorized(get("/actuator/env"), false);
		assertUnauthorized(get("/docsx"), false);
	}

	private static void assertSecurityHeaders(Response response, boolean cacheHeaders) {
		assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
		assertThat(response.header("X-XSS-Protection")).isEqualTo("0");
		if (cacheHeaders) {
			assertThat(response.header("Cache-Control")).isEqualTo("no-cache, no-store, max-age=0, must-revalidate");
			assertThat(response.header("Pragma")).isEqualTo("no-cache");
			assertThat(response.header("Expires")).isEqualTo("0");
		}
		assertThat(response.header("X-Request-Id")).isNotBlank();
		assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
	}

}
