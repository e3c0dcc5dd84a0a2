package io.flarekit.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a request without a usable credential gets, with the shipped rules (everything for
 * admins): 401 with {@code WWW-Authenticate: Bearer} and {@code AUTHENTICATION_ERROR}
 * whatever was sent, 403 {@code AUTHORIZATION_ERROR} for a valid key without the role,
 * readable across origins; and the paths that are open to anyone.
 */
class CredentialsTest extends SecurityTest {

	@Test
	void noCredentialIsA401WithoutAnErrorCode() {
		sendAs(null);
		for (String path : new String[] { "/users", "/users/x", "/storage", "/storage-info", "/uploads/x",
				"/test-articles", "/test-tags", "/nope", "/actuator", "/actuator/env" }) {
			assertUnauthorized(get(path), false);
		}
		assertUnauthorized(post("/users", "{}"), false);
		assertUnauthorized(delete("/users?ids=a"), false);
	}

	static Stream<String> badAuthorizations() {
		String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbImFkbWluIl19.c2lnbmF0dXJl";
		return Stream.of("Bearer", "Bearer ", "Bearer  " + ADMIN_KEY, "Bearer " + ADMIN_KEY + " x",
				"Basic YWRtaW46YWRtaW4=", "bearer" + ADMIN_KEY, "Bearer fk_" + "A".repeat(43),
				"Bearer " + KeySecrets.generate(), "Bearer " + jwt, "Bearer " + "x".repeat(6000), "Bearer short",
				"Bearer \"" + ADMIN_KEY + "\"", "Bearer " + ADMIN_KEY.toUpperCase(), "Token " + ADMIN_KEY, "",
				"Bearer =====", "Bearer " + "%00".repeat(20), "Bearer ../../../../etc/passwd/aaaaaaaaaaaaaaaaaaaaa");
	}

	@ParameterizedTest
	@MethodSource("badAuthorizations")
	void aMalformedUnknownOrHostileCredentialIsA401WithInvalidToken(String authorization) {
		assertUnauthorized(get("/users", "Authorization", authorization), true);
		assertUnauthorized(get("/", "Authorization", authorization), true);
	}

	@Test
	void twoAuthorizationHeadersAreA401EvenIfOneIsGood() {
		assertUnauthorized(get("/users", "Authorization", "Bearer " + ADMIN_KEY, "Authorization", "Bearer other"),
				true);
	}

	@Test
	void binaryAndUnicodeCredentialsAreA401NotA5xx() throws IOException {
		byte[][] values = {
				"Bearer caf\u00e9\u4e2d\u6587\ud83d\ude00-0123456789abcdef0123456789".getBytes(StandardCharsets.UTF_8),
				{ 'B', 'e', 'a', 'r', 'e', 'r', ' ', 0, 1, 2, (byte) 0xff, (byte) 0xfe },
				"Bearer \u00ff\u00fe\u00fd".getBytes(StandardCharsets.ISO_8859_1) };
		for (byte[] value : values) {
			String answer = rawRequest(value);
			assertThat(answer).as(new String(value, StandardCharsets.ISO_8859_1)).matches("(?s)HTTP/1.1 (400|401) .*");
			if (answer.startsWith("HTTP/1.1 401")) {
				assertThat(answer).contains("WWW-Authenticate: Bearer error=\"invalid_token\"")
					.contains("AUTHENTICATION_ERROR");
			}
		}
	}

	@Test
	void aValidKeyWithoutTheRoleIsA403NamingTheRule() {
		sendAs(issueKey("editor"));
		Response response = get("/users");
		assertForbidden(response);
		assertThat(response.json().get("message").stringValue()).contains("list users").contains("role:admin");
		assertForbidden(post("/users", "{\"name\":\"a\",\"email\":\"a@b.c\"}"));
		assertThat(get("/", "X-Request-Id", "abc").status()).isEqualTo(200);
	}

	@Test
	void refusalsAreReadableAcrossOriginsAndPreflightsNeedNoCredential() {
		sendAs(null);
		Response unauthorized = get("/users", "Origin", "http://admin.example.com");
		assertUnauthorized(unauthorized, false);
		assertThat(unauthorized.header("Access-Control-Allow-Origin")).isEqualTo("http://admin.example.com");
		assertThat(unauthorized.header("Access-Control-Expose-Headers")).contains("X-Request-Id");
		sendAs(issueKey());
		Response forbidden = get("/users", "Origin", "http://admin.example.com");
		assertForbidden(forbidden);
		assertThat(forbidden.header("Access-Control-Allow-Origin")).isEqualTo("http://admin.example.com");
		sendAs(null);
		Response preflight = send("OPTIONS", "/users", null, "Origin", "http://admin.example.com",
				"Access-Control-Request-Method", "DELETE", "Access-Control-Request-Headers", "authorization,range");
		assertThat(preflight.status()).isEqualTo(200);
		assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("http://admin.example.com");
		assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
	}

	@Test
	void theWelcomeTheDocumentationAndHealthAreOpenToAnyone() {
		sendAs(null);
		assertThat(get("/").status()).isEqualTo(200);
		assertThat(send("HEAD", "/", null).status()).isEqualTo(200);
		assertThat(get("/specification.json").json().get("openapi").stringValue()).startsWith("3.");
		assertThat(get("/specification.json/swagger-config").status()).isEqualTo(200);
		Response docs = get("/docs");
		assertThat(docs.status()).isEqualTo(302);
		String ui = docs.header("Location").replaceFirst("^https?://[^/]+", "");
		assertThat(get(ui).status()).isEqualTo(200);
		assertThat(get("/swagger-ui/swagger-initializer.js").status()).isEqualTo(200);
		assertThat(get("/swagger-ui/swagger-ui-bundle.js").status()).isEqualTo(200);
		assertThat(get("/actuator/health").json().get("status").stringValue()).isEqualTo("UP");
		assertThat(get("/actuator/health/db").status()).isEqualTo(200);
		Response error = get("/error");
		assertThat(error.status()).as("the error path asked for directly: no error happened").isEqualTo(404);
		assertThat(error.json().get("code").stringValue()).isEqualTo("RESOURCE_NOT_FOUND");
	}

	@Test
	void anUnknownPathIsRefusedWithoutACredentialAndMissingWithOne() {
		sendAs(null);
		assertUnauthorized(get("/secret-admin-page"), false);
		sendAs(ADMIN_KEY);
		assertThat(get("/secret-admin-page").status()).isEqualTo(404);
	}

	private String rawRequest(byte[] authorization) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			ByteArrayOutputStream request = new ByteArrayOutputStream();
			request.writeBytes("GET /users HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: "
				.getBytes(StandardCharsets.US_ASCII));
			request.writeBytes(authorization);
			request.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().write(request.toByteArray());
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

}
