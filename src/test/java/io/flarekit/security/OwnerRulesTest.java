package io.flarekit.security;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code owner} on users and storage: for now any valid key is admitted (records do not
 * carry an owner yet), and the request's {@link io.flarekit.core.service.OwnerScope}
 * names the key as the owner its records are to be limited to.
 */
@TestPropertySource(properties = { "flarekit.access.resources.users.list=owner",
		"flarekit.access.resources.users.read=owner", "flarekit.access.resources.users.create=owner",
		"flarekit.access.resources.users.update=owner", "flarekit.access.resources.users.delete=owner",
		"flarekit.access.resources.storage.list=owner", "flarekit.access.resources.storage.read=owner",
		"flarekit.access.resources.storage.create=owner", "flarekit.access.resources.storage.update=owner",
		"flarekit.access.resources.storage.delete=owner", "flarekit.access.resources.owner-scope.list=owner" })
class OwnerRulesTest extends RuleMatrix {

	@Override
	boolean admits(Caller caller) {
		return caller != Caller.ANONYMOUS;
	}

	@Test
	void theOwnerScopeNamesTheKeyWhenOnlyOwnerAdmittedIt() {
		JsonNode key = issue("editor");
		sendAs(key.get("key").stringValue());
		assertThat(get("/owner-scope").json().get("owner").stringValue()).isEqualTo(key.get("id").stringValue());
		sendAs(ADMIN_KEY);
		assertThat(get("/owner-scope").json().get("owner").isNull()).isTrue();
		sendAs(null);
		assertUnauthorized(get("/owner-scope"), false);
	}

}
