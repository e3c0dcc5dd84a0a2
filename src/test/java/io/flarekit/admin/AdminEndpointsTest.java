package io.flarekit.admin;

import io.flarekit.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's side of the service: its pages and their cache headers, open without a key;
 * who a credential is; and restoring a soft-deleted record, for admins only.
 */
class AdminEndpointsTest extends IntegrationTest {

	@Test
	void thePagesNeedNoKeyAndIndexIsRevalidatedWhileAssetsAreCachedForAYear() {
		sendAs(null);
		Response bare = get("/admin");
		assertThat(bare.status()).isEqualTo(308);
		assertThat(bare.header("Location")).isEqualTo("/admin/");
		Response index = get("/admin/");
		assertThat(index.status()).isEqualTo(200);
		assertThat(index.header("Content-Type")).startsWith("text/html");
		assertThat(index.header("Cache-Control")).isEqualTo("no-cache");
		assertThat(index.body()).contains("<div id=\"root\"></div>");
		java.util.regex.Matcher script = java.util.regex.Pattern.compile("src=\"\\./(assets/[^\"]+\\.js)\"")
			.matcher(index.body());
		assertThat(script.find()).isTrue();
		Response asset = get("/admin/" + script.group(1));
		assertThat(asset.status()).isEqualTo(200);
		assertThat(asset.header("Content-Type")).contains("javascript");
		assertThat(asset.header("Cache-Control")).isEqualTo("max-age=31536000, public, immutable");
		assertThat(get("/admin/assets/missing.js").status()).isEqualTo(404);
	}

	@Test
	void theSessionSaysWhoTheCallerIsAndRefusesAWrongKey() {
		JsonNode admin = get("/admin/session").json();
		assertThat(admin.get("authenticated").asBoolean()).isTrue();
		assertThat(admin.get("subject").asString()).isNotBlank();
		assertThat(admin.get("roles").toString()).isEqualTo("[\"admin\"]");
		sendAs(null);
		assertThat(get("/admin/session").json().get("authenticated").asBoolean()).isFalse();
		sendAs("fk_not-a-key");
		Response wrong = get("/admin/session");
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.json().get("code").asString()).isEqualTo("AUTHENTICATION_ERROR");
	}

	@Test
	void anAdminRestoresASoftDeletedRecord() {
		String id = create("/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}").get("id").asString();
		assertThat(delete("/users/" + id).status()).isEqualTo(200);
		assertThat(get("/users/" + id).status()).isEqualTo(404);
		assertThat(get("/users").header("Content-Range")).isEqualTo("users */0");
		Response restored = send("POST", "/admin/restore/users/" + id, null);
		assertThat(restored.status()).isEqualTo(200);
		assertThat(restored.json().get("deletedAt").isNull()).isTrue();
		assertThat(get("/users/" + id).status()).isEqualTo(200);
		// the total is renewed at once, not after the count cache's time to live
		assertThat(get("/users").header("Content-Range")).isEqualTo("users 0-0/1");
	}

	@Test
	void restoreRefusesWhatItCannotDo() {
		String id = create("/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}").get("id").asString();
		Response unknownResource = send("POST", "/admin/restore/nothing/" + id, null);
		assertThat(unknownResource.status()).isEqualTo(404);
		assertThat(unknownResource.json().get("message").asString()).contains("'nothing'");
		assertThat(send("POST", "/admin/restore/users/no-such-id", null).status()).isEqualTo(404);
		String file = create("/test-notes", "{\"title\":\"x\"}").get("id").asString();
		Response notSoft = send("POST", "/admin/restore/test-notes/" + file, null);
		assertThat(notSoft.status()).isEqualTo(400);
		String editor = create("/api-keys", "{\"name\":\"editor\",\"roles\":[\"editor\"]}").get("key").asString();
		sendAs(editor);
		Response forbidden = send("POST", "/admin/restore/users/" + id, null);
		assertThat(forbidden.status()).isEqualTo(403);
		sendAs(null);
		assertThat(send("POST", "/admin/restore/users/" + id, null).status()).isEqualTo(401);
	}

}
