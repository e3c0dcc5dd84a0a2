package io.flarekit.security;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where roles may sit in a token, as identity providers put them. */
class JwtRolesTest {

	@Test
	void aListOfNames() {
		assertThat(new JwtRoles("roles").roles(Map.of("roles", List.of("admin", "editor", " "))))
			.containsExactly("admin", "editor");
	}

	@Test
	void aNestedClaimAsKeycloakHasIt() {
		assertThat(new JwtRoles("realm_access.roles").roles(Map.of("realm_access", Map.of("roles", List.of("reader")))))
			.containsExactly("reader");
	}

	@Test
	void aTopLevelClaimWithADotInItsNameWins() {
		Map<String, Object> claims = Map.of("https://example.com/roles", List.of("top"), "https://example",
				Map.of("com/roles", List.of("nested")));
		assertThat(new JwtRoles("https://example.com/roles").roles(claims)).containsExactly("top");
	}

	@Test
	void oneStringOfNames() {
		assertThat(new JwtRoles("scope").roles(Map.of("scope", "read write,admin"))).containsExactly("read", "write",
				"admin");
	}

	@Test
	void anythingElseGivesNoRoles() {
		assertThat(new JwtRoles("roles").roles(Map.of())).isEmpty();
		assertThat(new JwtRoles("a.b").roles(Map.of("a", "not a map"))).isEmpty();
		assertThat(new JwtRoles("roles").roles(Map.of("roles", 42))).isEmpty();
		assertThat(new JwtRoles("roles").roles(Map.of("roles", List.of(1, "ok")))).containsExactly("ok");
	}

}
