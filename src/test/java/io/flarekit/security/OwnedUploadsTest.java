package io.flarekit.security;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads stamp their caller as the owner even where the rules do not limit callers to
 * their own files: the same bytes from another caller make that caller's own record,
 * never hand out the first one's.
 */
@TestPropertySource(properties = { "flarekit.access.resources.storage.create=authenticated",
		"flarekit.access.resources.storage.list=authenticated" })
class OwnedUploadsTest extends SecurityTest {

	@Test
	void theSameFileFromAnotherCallerIsThatCallersOwnRecord() {
		JsonNode alice = issue("member");
		JsonNode bob = issue("member");
		byte[] content = Arrays.copyOf(PNG, PNG.length + 1);
		sendAs(alice.get("key").stringValue());
		JsonNode first = upload(content).json().at("/data/0");
		assertThat(first.get("ownerId").stringValue()).isEqualTo(alice.get("id").stringValue());
		sendAs(bob.get("key").stringValue());
		JsonNode second = upload(content).json().at("/data/0");
		assertThat(second.get("append").booleanValue()).as("a new record").isTrue();
		assertThat(second.get("ownerId").stringValue()).isEqualTo(bob.get("id").stringValue());
		assertThat(second.get("hash").stringValue()).as("sharing one blob").isEqualTo(first.get("hash").stringValue());
		JsonNode again = upload(content).json().at("/data/0");
		assertThat(again.get("append").booleanValue()).as("bob's own file again: his record").isFalse();
		assertThat(again.get("id").stringValue()).isEqualTo(second.get("id").stringValue());
		assertThat(get("/storage").header("X-Total-Count")).as("not limited to their own").isEqualTo("2");
	}

}
