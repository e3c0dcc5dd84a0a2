package io.flarekit.security;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code authenticated} on users and storage: any valid key. Asking for soft-deleted
 * records or a permanent delete stays for admins, unless a resource opens it, as storage
 * does here.
 */
@TestPropertySource(properties = { "flarekit.access.resources.users.list=authenticated",
		"flarekit.access.resources.users.read=authenticated", "flarekit.access.resources.users.create=authenticated",
		"flarekit.access.resources.users.update=authenticated", "flarekit.access.resources.users.delete=authenticated",
		"flarekit.access.resources.storage.list=authenticated", "flarekit.access.resources.storage.read=authenticated",
		"flarekit.access.resources.storage.create=authenticated",
		"flarekit.access.resources.storage.update=authenticated",
		"flarekit.access.resources.storage.delete=authenticated",
		"flarekit.access.resources.storage.include-deleted=authenticated",
		"flarekit.access.resources.storage.permanent-delete=authenticated" })
class AuthenticatedRulesTest extends RuleMatrix {

	@Override
	boolean admits(Caller caller) {
		return caller != Caller.ANONYMOUS;
	}

	@Test
	void includeDeletedAndPermanentAreForAdminsUnlessTheResourceOpensThem() {
		String id = create("/users", "{\"name\":\"Old\",\"email\":\"old@example.com\"}").get("id").stringValue();
		assertThat(delete("/users/" + id).status()).isEqualTo(200);
		sendAs(issueKey("editor"));
		assertThat(get("/users").status()).isEqualTo(200);
		assertThat(get("/users?includeDeleted=false").status()).isEqualTo(200);
		for (String asking : new String[] { "true", "TRUE", "yes", "1", "on", "%74rue", "x" }) {
			assertForbidden(get("/users?includeDeleted=" + asking));
			assertForbidden(get("/users/" + id + "?includeDeleted=" + asking));
			assertForbidden(delete("/users/" + id + "?permanent=" + asking));
		}
		assertForbidden(get("/users?includeDeleted=false&includeDeleted=true"));
		assertForbidden(get("/users?%69ncludeDeleted=true"));
		assertForbidden(delete("/users?ids=" + id + "&permanent=true"));
		assertForbidden(
				send("DELETE", "/users/" + id, "permanent=true", "Content-Type", "application/x-www-form-urlencoded"));
		assertThat(this.jdbc.queryForObject("select count(*) from users where id = ?", Integer.class, id)).isEqualTo(1);

		sendAs(ADMIN_KEY);
		assertThat(get("/users/" + id + "?includeDeleted=true").status()).isEqualTo(200);
		assertThat(delete("/users/" + id + "?permanent=true").status()).isEqualTo(200);

		String file = upload(PNG).json().at("/data/0/id").stringValue();
		sendAs(issueKey());
		assertThat(delete("/storage/" + file).status()).isEqualTo(200);
		assertThat(get("/storage/" + file + "?includeDeleted=true").status()).isEqualTo(200);
		assertThat(delete("/storage/" + file + "?permanent=true").status()).isEqualTo(200);
	}

}
