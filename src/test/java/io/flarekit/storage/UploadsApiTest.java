package io.flarekit.storage;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import io.flarekit.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /uploads}: large files in parts. */
class UploadsApiTest extends IntegrationTest {

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	private static final HttpClient STREAMING = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Autowired
	MultipartUploads uploads;

	@Autowired
	UploadParts parts;

	@Autowired
	BlobStore blobs;

	private String start(String key) {
		Response response = post("/uploads?key=" + q(key), null);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.json().get("key").stringValue()).isEqualTo(key);
		return response.json().get("uploadId").stringValue();
	}

	private String putPart(String uploadId, int number, byte[] content) {
		HttpResponse<byte[]> response = raw("PUT", "/uploads/" + uploadId + "/parts/" + number, content, "Content-Type",
				"application/octet-stream");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("partNumber").intValue()).isEqualTo(number);
		return body.get("etag").stringValue();
	}

	private Response complete(String uploadId, String parts) {
		return post("/uploads/" + uploadId + "/complete", "{\"parts\":" + parts + "}");
	}

	private static byte[] pngStart(int size, int seed) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) (i * 31 + seed);
		}
		System.arraycopy(PNG_SIGNATURE, 0, bytes, 0, PNG_SIGNATURE.length);
		return bytes;
	}

	private static byte[] filler(int size, int seed) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) (i * 7 + seed);
		}
		return bytes;
	}

	private static String sha256(byte[]... parts) throws Exception {
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		for (byte[] part : parts) {
			digest.update(part);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	@Test
	void partsSentOutOfOrderAreAssembledInOrderIntoAStoredFile() throws Exception {
		String uploadId = start("photo.png");
		byte[] first = pngStart(1000, 1);
		byte[] second = filler(2000, 2);
		String etag2 = putPart(uploadId, 2, second);
		String etag1 = putPart(uploadId, 1, first);
		JsonNode described = get("/uploads/" + uploadId).json();
		assertThat(described.get("parts")).hasSize(2);
		assertThat(described.at("/parts/0/partNumber").intValue()).isEqualTo(1);
		assertThat(described.at("/parts/0/size").intValue()).isEqualTo(1000);
		Response completed = complete(uploadId, "[{\"partNumber\":1,\"etag\":\"\\\"" + etag1
				+ "\\\"\"},{\"partNumber\":2,\"etag\":\"" + etag2 + "\"}]");
		assertThat(completed.status()).as(completed.body()).isEqualTo(201);
		JsonNode record = completed.json().at("/data/0");
		assertThat(record.get("hash").stringValue()).isEqualTo(sha256(first, second));
		assertThat(record.get("size").longValue()).isEqualTo(3000);
		assertThat(record.get("mimeType").stringValue()).isEqualTo("image/png");
		assertThat(record.get("originalName").stringValue()).isEqualTo("photo.png");
		HttpResponse<byte[]> download = raw("GET", "/storage/" + record.get("id").stringValue() + "/content", null);
		assertThat(sha256(download.body())).isEqualTo(sha256(first, second));
		assertThat(get("/uploads/" + uploadId).status()).as("the parts are freed").isEqualTo(404);
	}

	@Test
	void missingPartsWrongEtagsAndBadOrderAreNamed() {
		String uploadId = start("x.png");
		String etag1 = putPart(uploadId, 1, pngStart(100, 3));
		String etag2 = putPart(uploadId, 2, filler(100, 4));
		assertBad(
				complete(uploadId, "[{\"partNumber\":1,\"etag\":\"" + etag1 + "\"},{\"partNumber\":3,\"etag\":\"x\"}]"),
				"parts[1].partNumber");
		assertBad(complete(uploadId, "[{\"partNumber\":1,\"etag\":\"" + etag2 + "\"}]"), "parts[0].etag");
		assertBad(complete(uploadId,
				"[{\"partNumber\":2,\"etag\":\"" + etag2 + "\"},{\"partNumber\":1,\"etag\":\"" + etag1 + "\"}]"),
				"parts[1].partNumber");
		assertBad(complete(uploadId, "[]"), "parts");
		assertBad(complete(uploadId, "[{\"partNumber\":\"one\",\"etag\":\"x\"}]"), "parts[0].partNumber");
		assertBad(post("/uploads/" + uploadId + "/complete", "{}"), "parts");
		assertThat(get("/uploads/" + uploadId).json().get("parts")).as("a failed completion keeps the parts")
			.hasSize(2);
		HttpResponse<byte[]> zero = raw("PUT", "/uploads/" + uploadId + "/parts/0", new byte[1]);
		assertThat(zero.statusCode()).isEqualTo(400);
		HttpResponse<byte[]> empty = raw("PUT", "/uploads/" + uploadId + "/parts/3", new byte[0]);
		assertThat(empty.statusCode()).isEqualTo(400);
		HttpResponse<byte[]> asForm = raw("PUT", "/uploads/" + uploadId + "/parts/3", "a=1&b=2".getBytes(),
				"Content-Type", "application/x-www-form-urlencoded");
		assertThat(asForm.statusCode()).as("a form content type does not eat the bytes").isEqualTo(200);
		assertThat(get("/uploads/" + uploadId).json().at("/parts/2/size").intValue()).isEqualTo(7);
	}

	private static void assertBad(Response response, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().at("/details/0/field").stringValue()).isEqualTo(field);
	}

	@Test
	void aPartSentAgainReplacesTheFirst() {
		String uploadId = start("again.png");
		String before = putPart(uploadId, 1, pngStart(100, 5));
		String after = putPart(uploadId, 1, pngStart(100, 6));
		assertThat(after).isNotEqualTo(before);
		JsonNode parts = get("/uploads/" + uploadId).json().get("parts");
		assertThat(parts).hasSize(1);
		assertThat(parts.get(0).get("etag").stringValue()).isEqualTo(after);
	}

	@Test
	void abortFreesThePartsAndUnknownUploadsAre404() throws Exception {
		String uploadId = start("abort.png");
		putPart(uploadId, 1, pngStart(100, 7));
		assertThat(delete("/uploads/" + uploadId).status()).isEqualTo(204);
		assertThat(this.parts.name(uploadId)).isNull();
		assertThat(get("/uploads/" + uploadId).status()).isEqualTo(404);
		assertThat(delete("/uploads/" + uploadId).status()).isEqualTo(404);
		assertThat(raw("PUT", "/uploads/" + uploadId + "/parts/1", new byte[1]).statusCode()).isEqualTo(404);
		assertThat(complete(uploadId, "[]").status()).isEqualTo(404);
		assertThat(get("/uploads/..%2F..%2Fetc").status()).isIn(400, 404);
		assertThat(get("/uploads/not-an-id").status()).isEqualTo(404);
	}

	@Test
	void limitsAndTypesAreEnforced() {
		String uploadId = start("limits.txt");
		HttpResponse<byte[]> tooBig = raw("PUT", "/uploads/" + uploadId + "/parts/1", new byte[8 * 1024 * 1024 + 1]);
		assertThat(tooBig.statusCode()).isEqualTo(413);
		putPart(uploadId, 1, "plain text, not an allowed type".getBytes());
		Response refused = complete(uploadId, "[{\"partNumber\":1,\"etag\":\""
				+ get("/uploads/" + uploadId).json().at("/parts/0/etag").stringValue() + "\"}]");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().at("/details/0/code").stringValue()).isEqualTo("INVALID_FILES");
	}

	@Test
	void staleUploadsAreRemoved() throws Exception {
		this.uploads.removeStale(Duration.ZERO); // what other tests left
		String stale = start("stale.png");
		// S3 cannot backdate an object, and may keep its time in whole seconds
		Thread.sleep(2500);
		String fresh = start("fresh.png");
		assertThat(this.uploads.removeStale(Duration.ofMillis(1200))).isEqualTo(1);
		assertThat(get("/uploads/" + stale).status()).isEqualTo(404);
		assertThat(get("/uploads/" + fresh).status()).isEqualTo(200);
	}

	@Test
	void aFileLargerThanTheHeapStreamsThroughWithoutRunningOutOfMemory() throws Exception {
		long heap = Runtime.getRuntime().maxMemory();
		int partSize = 8 * 1024 * 1024;
		int parts = (int) (heap / partSize) + 4;
		long total = (long) parts * partSize;
		assertThat(total).isGreaterThan(heap);
		String uploadId = start("huge.png");
		MessageDigest expected = MessageDigest.getInstance("SHA-256");
		StringBuilder listed = new StringBuilder("[");
		for (int n = 1; n <= parts; n++) {
			byte[] part = (n == 1) ? pngStart(partSize, n) : filler(partSize, n);
			expected.update(part);
			String etag = putPart(uploadId, n, part);
			listed.append((n > 1) ? "," : "")
				.append("{\"partNumber\":")
				.append(n)
				.append(",\"etag\":\"")
				.append(etag)
				.append("\"}");
		}
		Response completed = complete(uploadId, listed.append("]").toString());
		assertThat(completed.status()).as(completed.body()).isEqualTo(201);
		JsonNode record = completed.json().at("/data/0");
		assertThat(record.get("size").longValue()).isEqualTo(total);
		assertThat(record.get("hash").stringValue()).isEqualTo(HexFormat.of().formatHex(expected.digest()));
		HttpRequest request = HttpRequest
			.newBuilder(URI
				.create("http://localhost:" + this.port + "/storage/" + record.get("id").stringValue() + "/content"))
			.header("Authorization", "Bearer " + ADMIN_KEY)
			.build();
		HttpResponse<InputStream> download = STREAMING.send(request, HttpResponse.BodyHandlers.ofInputStream());
		MessageDigest downloaded = MessageDigest.getInstance("SHA-256");
		long length = 0;
		try (InputStream in = download.body()) {
			byte[] buffer = new byte[1 << 16];
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				downloaded.update(buffer, 0, read);
				length += read;
			}
		}
		assertThat(length).isEqualTo(total);
		assertThat(HexFormat.of().formatHex(downloaded.digest())).isEqualTo(record.get("hash").stringValue());
		assertThat(delete("/storage/" + record.get("id").stringValue() + "?permanent=true").status()).isEqualTo(200);
		assertThat(this.blobs.open(record.get("hash").stringValue())).isEmpty();
	}

}
