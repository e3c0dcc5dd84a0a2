package io.flarekit.security;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens of an external identity provider: signed by a key pair made here, whose public
 * half the test serves as a JWK set over HTTP, as Keycloak does. The roles sit in
 * Keycloak's nested {@code realm_access.roles}. API keys keep working beside them.
 */
@TestPropertySource(properties = { "flarekit.security.jwt.roles-claim=realm_access.roles",
		"flarekit.access.resources.users.list=role:reader", "flarekit.access.resources.users.read=role:reader",
		"flarekit.access.resources.owner-scope.list=owner" })
class JwtCredentialsTest extends SecurityTest {

	private static final TestIdentityProvider PROVIDER = new TestIdentityProvider();

	@DynamicPropertySource
	static void identityProvider(DynamicPropertyRegistry registry) {
		PROVIDER.use(registry);
	}

	@AfterAll
	static void stop() {
		PROVIDER.close();
	}

	private static Map<String, Object> roles(String... roles) {
		return Map.of("realm_access", Map.of("roles", List.of(roles)));
	}

	@Test
	void aTokenWithARoleGetsWhatTheRulesGiveThatRoleAndNoMore() {
		sendAs(PROVIDER.token("alice", roles("reader")));
		assertThat(get("/users").status()).isEqualTo(200);
		assertForbidden(post("/users", "{\"name\":\"A\",\"email\":\"a@example.com\"}"));
		sendAs(PROVIDER.token("root", roles("admin")));
		assertThat(post("/users", "{\"name\":\"A\",\"email\":\"a@example.com\"}").status()).isEqualTo(201);
		sendAs(PROVIDER.token("nobody", Map.of()));
		assertForbidden(get("/users"));
	}

	@Test
	void theSubjectIsSub() {
		sendAs(PROVIDER.token("alice", roles("reader")));
		assertThat(get("/owner-scope").json().get("owner").stringValue()).isEqualTo("alice");
	}

	@Test
	void badTokensAre401() {
		for (String token : List.of(PROVIDER.expired("alice"), PROVIDER.fromAnotherIssuer("alice"),
				PROVIDER.signedByAStranger("alice"), PROVIDER.unsigned("alice"), "eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
				"eyJ.x.y")) {
			sendAs(token);
			assertUnauthorized(get("/users"), true);
		}
	}

	@Test
	void theDocumentDeclaresBothCredentials() {
		assertThat(get("/specification.json").json().at("/components/securitySchemes").propertyNames())
			.containsExactlyInAnyOrder("bearer", "jwt");
		assertThat(get("/specification.json").json().at("/paths/~1users/post/security").toString())
			.isEqualTo("[{\"bearer\":[]},{\"jwt\":[]}]");
	}

	@Test
	void apiKeysWorkBesideTokens() {
		sendAs(issueKey("reader"));
		assertThat(get("/users").status()).isEqualTo(200);
		sendAs(ADMIN_KEY);
		assertThat(post("/users", "{\"name\":\"B\",\"email\":\"b@example.com\"}").status()).isEqualTo(201);
	}

}
