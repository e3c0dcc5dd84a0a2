package io.flarekit.storage;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.flarekit.IntegrationTest;
import io.flarekit.SentStatements;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /storage-info} through the generic core, with its storage record embedded. */
class StorageInfoApiTest extends IntegrationTest {

	private String storedFile(int seed) {
		HttpResponse<byte[]> response = raw("POST", "/storage",
				new Files4Test.Multipart().file("images[]", "f" + seed + ".png", null, Files4Test.png(100 + seed))
					.body(),
				"Content-Type", Files4Test.Multipart.contentType());
		assertThat(response.statusCode()).isEqualTo(201);
		return JSON.readTree(new String(response.body(), StandardCharsets.UTF_8)).at("/data/0/id").stringValue();
	}

	@Test
	void descriptionsAreListedPerFileForGetManyReference() {
		String a = storedFile(1);
		String b = storedFile(2);
		create("/storage-info", "{\"storageId\":\"" + a + "\",\"description\":\"first\"}");
		create("/storage-info", "{\"storageId\":\"" + a + "\",\"description\":\"second\"}");
		create("/storage-info", "{\"storageId\":\"" + b + "\",\"description\":\"other\"}");
		Response ofA = get("/storage-info?filter=" + q("{\"storageId\":\"" + a + "\"}") + "&sort="
				+ q("[\"description\",\"ASC\"]"));
		assertThat(ofA.header("Content-Range")).isEqualTo("storage-info 0-1/2");
		assertThat(ofA.json().get(0).get("description").stringValue()).isEqualTo("first");
		assertThat(ofA.json().get(0).has("storage")).as("not embedded unless asked").isFalse();
		Response invalid = post("/storage-info", "{\"storageId\":\"" + a + "\",\"description\":\"\"}");
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.json().get("errors").has("description")).isTrue();
	}

	@Test
	void embedNestsTheStorageRecordWithoutAQueryPerRow() {
		for (int i = 0; i < 6; i++) {
			String file = storedFile(10 + i);
			create("/storage-info", "{\"storageId\":\"" + file + "\",\"description\":\"d" + i + "\"}");
		}
		String requestId = "embed-" + UUID.randomUUID();
		Response list = get("/storage-info?embed=" + q("[\"storage\"]"), "X-Request-Id", requestId);
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json()).hasSize(6);
		for (JsonNode info : list.json()) {
			assertThat(info.at("/storage/id").stringValue()).isEqualTo(info.get("storageId").stringValue());
			assertThat(info.at("/storage/mimeType").stringValue()).isEqualTo("image/png");
		}
		assertThat(SentStatements.ofWork(requestId)).as("one query for the page, and no count: it is short").hasSize(1);

		String id = list.json().get(0).get("id").stringValue();
		JsonNode one = get("/storage-info/" + id + "?embed=" + q("[\"storage\"]")).json();
		assertThat(one.at("/storage/id").stringValue()).isEqualTo(one.get("storageId").stringValue());
		assertThat(get("/storage-info/" + id).json().has("storage")).isFalse();
	}

	@Test
	void anEmbeddedRecordSentBackIsNotBound() {
		String file = storedFile(20);
		String id = create("/storage-info", "{\"storageId\":\"" + file + "\",\"description\":\"before\"}").get("id")
			.stringValue();
		JsonNode embedded = get("/storage-info/" + id + "?embed=" + q("[\"storage\"]")).json();
		// react-admin sends the whole record back, the nested file included
		String changed = embedded.toString().replace("\"before\"", "\"after\"");
		Response updated = put("/storage-info/" + id, changed);
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		assertThat(updated.json().get("description").stringValue()).isEqualTo("after");
		assertThat(updated.json().has("storage")).isFalse();
	}

	@Test
	void badEmbedsAreNamed() {
		Response unknown = get("/storage-info?embed=" + q("[\"owner\"]"));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().at("/details/0/field").stringValue()).isEqualTo("embed");
		assertThat(get("/storage-info?embed=" + q("storage")).status()).isEqualTo(400);
		assertThat(get("/storage-info?embed=" + q("[1]")).status()).isEqualTo(400);
		assertThat(get("/users?embed=" + q("[\"storage\"]")).status()).isEqualTo(400);
	}

}
