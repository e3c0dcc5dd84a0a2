package io.flarekit.storage.s3;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.flarekit.IntegrationTest;
import io.flarekit.testing.CountingProxy;
import io.flarekit.testing.TestS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service on an S3 server of its own, reached through a relay that counts what the
 * server sends: a download's range fetches only its bytes, and the server going away
 * under the running service gives 503 with Retry-After until it is back.
 */
@DisabledIfSystemProperty(named = "flarekit.test.storage", matches = ".+",
		disabledReason = "has an S3 server of its own; the switch would point it at the shared one")
class S3StoreApiTest extends IntegrationTest {

	private static final TestS3 SERVER = TestS3.start(TestS3.ACCESS_KEY, TestS3.SECRET_KEY);

	private static final CountingProxy RELAY = new CountingProxy(SERVER.port());

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	@DynamicPropertySource
	static void s3(DynamicPropertyRegistry registry) {
		SERVER.use(registry, "api", URI.create("http://127.0.0.1:" + RELAY.port()));
	}

	@AfterAll
	static void stop() throws Exception {
		RELAY.close();
		SERVER.stop();
	}

	@Test
	void aRangeOfALargeFileFetchesOnlyItsBytesFromTheStore() {
		byte[] content = largePng(6 * 1024 * 1024);
		String id = store(content);
		String path = "/storage/" + id + "/content";
		RELAY.takeReceived();

		HttpResponse<byte[]> part = raw("GET", path, null, "Range", "bytes=4000000-4000999");

		assertThat(part.statusCode()).isEqualTo(206);
		assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 4000000-4000999/" + content.length);
		assertThat(part.body()).isEqualTo(Arrays.copyOfRange(content, 4_000_000, 4_001_000));
		assertThat(RELAY.takeReceived()).as("bytes the store sent: a HEAD and 1000 bytes").isLessThan(8 * 1024);

		HttpResponse<byte[]> two = raw("GET", path, null, "Range", "bytes=10-19,5000000-5000009");
		assertThat(two.statusCode()).isEqualTo(206);
		String body = new String(two.body(), StandardCharsets.ISO_8859_1);
		assertThat(body).contains(new String(Arrays.copyOfRange(content, 10, 20), StandardCharsets.ISO_8859_1))
			.contains(new String(Arrays.copyOfRange(content, 5_000_000, 5_000_010), StandardCharsets.ISO_8859_1));
		assertThat(RELAY.takeReceived()).as("two ranges of 10 bytes").isLessThan(12 * 1024);

		assertThat(raw("GET", path, null).body()).isEqualTo(content);
		assertThat(RELAY.takeReceived()).isGreaterThan(content.length);
	}

	@Test
	void theStoreDownGives503WithRetryAfterAndTheServiceRecoversWhenItIsBack() {
		byte[] content = largePng(1000);
		String id = store(content);
		String path = "/storage/" + id + "/content";
		SERVER.stop();
		try {
			HttpResponse<byte[]> down = raw("GET", path, null);
			assertThat(down.statusCode()).isEqualTo(503);
			assertThat(down.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(down.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(new String(down.body(), StandardCharsets.UTF_8)).contains("SERVICE_UNAVAILABLE");
			Response upload = post("/uploads", "{\"key\":\"down.png\"}");
			assertThat(upload.status()).isEqualTo(503);
			assertThat(upload.headers().firstValue("Retry-After")).hasValue("1");
		}
		finally {
			SERVER.restart();
		}
		assertThat(raw("GET", path, null).body()).isEqualTo(content);
		assertThat(post("/uploads", "{\"key\":\"back.png\"}").status()).isEqualTo(201);
	}

	/** Stores a file through a large upload of one part; returns its record's id. */
	private String store(byte[] content) {
		String uploadId = post("/uploads", "{\"key\":\"large.png\"}").json().get("uploadId").stringValue();
		HttpResponse<byte[]> part = raw("PUT", "/uploads/" + uploadId + "/parts/1", content);
		assertThat(part.statusCode()).isEqualTo(200);
		String etag = JSON.readTree(part.body()).get("etag").stringValue();
		Response completed = post("/uploads/" + uploadId + "/complete",
				"{\"parts\":[{\"partNumber\":1,\"etag\":\"" + etag + "\"}]}");
		assertThat(completed.status()).as(completed.body()).isEqualTo(201);
		JsonNode record = completed.json().at("/data/0");
		return record.get("id").stringValue();
	}

	private static byte[] largePng(int size) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) (i * 31 + (i >>> 13));
		}
		System.arraycopy(PNG_SIGNATURE, 0, bytes, 0, PNG_SIGNATURE.length);
		return bytes;
	}

}
