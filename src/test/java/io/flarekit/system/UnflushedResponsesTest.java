package io.flarekit.system;

import java.nio.charset.StandardCharsets;

import io.flarekit.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A response that fits Tomcat's buffer goes out with its length, in one write, rather
 * than chunked after Spring MVC's flush; a larger one still arrives whole.
 */
class UnflushedResponsesTest extends IntegrationTest {

	@Test
	void aRecordAndAProblemAreSentWithTheirLengthNotInChunks() {
		String id = create("/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}").get("id").stringValue();
		assertSentWithItsLength(get("/users/" + id), 200);
		assertSentWithItsLength(get("/users/no-such-user"), 404);
		assertSentWithItsLength(put("/users/" + id, "{\"name\":\"Ada L\"}"), 200);
	}

	@Test
	void aBodyLargerThanTheBufferStillArrivesWhole() {
		String name = "N".repeat(190);
		for (int i = 0; i < 50; i++) {
			create("/users", "{\"name\":\"" + name + i + "\",\"email\":\"u" + i + "@example.com\"}");
		}
		Response page = get("/users?range=" + q("[0,49]"));
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body().getBytes(StandardCharsets.UTF_8).length).as("more than Tomcat's 8 KB buffer")
			.isGreaterThan(12_000);
		assertThat(page.header("Transfer-Encoding")).as("sent as the buffer filled").isEqualTo("chunked");
		JsonNode users = page.json();
		assertThat(users.size()).isEqualTo(50);
		assertThat(users.get(49).get("name").stringValue()).startsWith(name);
	}

	private static void assertSentWithItsLength(Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Transfer-Encoding")).as("chunked").isNull();
		assertThat(response.header("Content-Length"))
			.isEqualTo(String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length));
	}

}
