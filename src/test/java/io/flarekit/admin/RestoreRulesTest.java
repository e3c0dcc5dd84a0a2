package io.flarekit.admin;

import io.flarekit.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restore stays for admins even where the rules open the path it lives on: the request is
 * decided as a {@code create} on {@code admin}, which a rule may admit to anyone, and the
 * controller still asks for the admin role.
 */
@TestPropertySource(properties = "flarekit.access.resources.admin.create=authenticated")
class RestoreRulesTest extends IntegrationTest {

	@Test
	void aRuleThatOpensThePathDoesNotOpenRestore() {
		String id = create("/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}").get("id").asString();
		assertThat(delete("/users/" + id).status()).isEqualTo(200);
		sendAs(create("/api-keys", "{\"name\":\"editor\",\"roles\":[\"editor\"]}").get("key").asString());
		Response refused = send("POST", "/admin/restore/users/" + id, null);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.json().get("message").asString()).isEqualTo("Only an admin may restore records");
		sendAs(ADMIN_KEY);
		assertThat(send("POST", "/admin/restore/users/" + id, null).status()).isEqualTo(200);
	}

}
