package io.flarekit.security;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

/**
 * {@code public} as the default of every operation: anyone, with or without a key.
 */
@TestPropertySource(properties = { "flarekit.access.defaults.list=public", "flarekit.access.defaults.read=public",
		"flarekit.access.defaults.create=public", "flarekit.access.defaults.update=public",
		"flarekit.access.defaults.delete=public" })
class PublicRulesTest extends RuleMatrix {

	@Override
	boolean admits(Caller caller) {
		return true;
	}

	@Test
	void theKeysStayForAdminsWhenEverythingElseIsPublic() {
		sendAs(null);
		assertUnauthorized(get("/api-keys"), false);
		assertUnauthorized(post("/api-keys", "{\"name\":\"x\",\"roles\":[\"admin\"]}"), false);
		sendAs(issueKey("editor"));
		assertForbidden(get("/api-keys"));
		assertForbidden(get("/users?includeDeleted=true"));
	}

}
