package io.flarekit.security;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code owner} on storage: each caller reaches its own files only, in lists, totals,
 * keyset pages, reads, downloads, replacement and deletes; another's file answers 404.
 * Two owners of the same bytes get a record each, sharing one blob, which stays as long
 * as either record does. Totals are cached here, as in production: each owner's apart.
 */
@TestPropertySource(properties = { "flarekit.access.resources.storage.list=owner",
		"flarekit.access.resources.storage.read=owner", "flarekit.access.resources.storage.create=owner",
		"flarekit.access.resources.storage.update=owner", "flarekit.access.resources.storage.delete=owner",
		"flarekit.access.resources.storage.permanent-delete=owner", "flarekit.access.resources.users.list=owner",
		"flarekit.api.count-cache-ttl=1h" })
class OwnerIsolationTest extends SecurityTest {

	private static byte[] png(int variant) {
		byte[] content = Arrays.copyOf(PNG, PNG.length + 1);
		content[PNG.length] = (byte) variant;
		return content;
	}

	private String uploaded(byte[] content) {
		Response response = upload(content);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json().at("/data/0/id").stringValue();
	}

	@Test
	void eachOwnerReachesItsOwnFilesOnly() {
		JsonNode aliceKey = issue("member");
		String alice = aliceKey.get("key").stringValue();
		String bob = issueKey("member");
		sendAs(alice);
		String shared = uploaded(png(1));
		uploaded(png(2));
		uploaded(png(3));
		assertThat(get("/storage/" + shared).json().get("ownerId").stringValue())
			.isEqualTo(aliceKey.get("id").stringValue());
		sendAs(bob);
		String bobs = uploaded(png(1));
		assertThat(bobs).as("the same bytes, another owner: a record of bob's own").isNotEqualTo(shared);

		assertThat(get("/storage?range=" + q("[0,0]")).header("X-Total-Count")).isEqualTo("1");
		assertThat(ids(get("/storage").json())).containsExactly(bobs);
		sendAs(alice);
		assertThat(get("/storage?range=" + q("[0,0]")).header("X-Total-Count")).isEqualTo("3");
		assertThat(walk("/storage?cursor=&limit=1")).hasSize(3).doesNotContain(bobs);

		sendAs(bob);
		assertThat(get("/storage/" + shared).status()).isEqualTo(404);
		assertThat(get("/storage/" + shared + "/content").status()).isEqualTo(404);
		assertThat(replace(shared, png(9)).status()).isEqualTo(404);
		assertThat(delete("/storage/" + shared).status()).isEqualTo(404);
		assertThat(ids(get("/storage?filter=" + q("{\"id\":\"" + shared + "\"}")).json())).isEmpty();
		sendAs(alice);
		assertThat(get("/storage/" + shared).status()).as("untouched by bob").isEqualTo(200);
	}

	@Test
	void aSharedBlobStaysWhileAnyOwnersRecordUsesIt() {
		String alice = issueKey("member");
		String bob = issueKey("member");
		sendAs(alice);
		String alices = uploaded(png(7));
		sendAs(bob);
		String bobs = uploaded(png(7));
		sendAs(alice);
		assertThat(delete("/storage/" + alices + "?permanent=true").status()).isEqualTo(200);
		sendAs(bob);
		Response content = get("/storage/" + bobs + "/content");
		assertThat(content.status()).as("bob's record still has its blob").isEqualTo(200);
		assertThat(content.body().getBytes(StandardCharsets.ISO_8859_1)).hasSize(PNG.length + 1);
	}

	@Test
	void anOwnerRuleOnRecordsWithoutOwnersReachesNone() {
		sendAs(ADMIN_KEY);
		create("/users", "{\"name\":\"A\",\"email\":\"a@example.com\"}");
		sendAs(issueKey("member"));
		Response users = get("/users");
		assertThat(users.status()).isEqualTo(200);
		assertThat(users.json()).isEmpty();
		assertThat(users.header("Content-Range")).isEqualTo("users */0");
	}

}
