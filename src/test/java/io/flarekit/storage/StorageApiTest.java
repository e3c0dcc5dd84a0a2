package io.flarekit.storage;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.flarekit.IntegrationTest;
import io.flarekit.core.query.Range;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /storage}: the original's upload route tests and what the port does better. */
class StorageApiTest extends IntegrationTest {

	@Autowired
	BlobStore blobs;

	@Autowired
	BlobReferences references;

	@BeforeEach
	void emptyBlobStore() throws Exception {
		List<String> hashes = new ArrayList<>();
		this.blobs.forEach((blob) -> hashes.add(blob.hash()));
		for (String hash : hashes) {
			this.blobs.delete(hash);
		}
		this.blobs.sweepStaging(Duration.ZERO);
	}

	private Response upload(Files4Test.Multipart multipart) {
		HttpResponse<byte[]> response = raw("POST", "/storage", multipart.body(), "Content-Type",
				Files4Test.Multipart.contentType());
		return new Response(response.statusCode(), response.headers(),
				new String(response.body(), StandardCharsets.UTF_8));
	}

	private JsonNode uploadOne(String name, byte[] content) {
		Response response = upload(new Files4Test.Multipart().file("images[]", name, null, content));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json().at("/data/0");
	}

	private static String sha256(byte[] content) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
	}

	private long blobCount() throws Exception {
		AtomicLong count = new AtomicLong();
		this.blobs.forEach((blob) -> count.incrementAndGet());
		return count.get();
	}

	@Test
	void noFileIs400Required() {
		Response response = upload(new Files4Test.Multipart());
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().at("/details/0/field").stringValue()).isEqualTo("images[]");
		assertThat(response.json().at("/details/0/code").stringValue()).isEqualTo("REQUIRED");
		Response notMultipart = post("/storage", "{}");
		assertThat(notMultipart.status()).isEqualTo(415);
		assertThat(notMultipart.json().get("code").stringValue()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
	}

	@Test
	void aValidFileIsStoredAndServedBack() throws Exception {
		byte[] png = Files4Test.png(1);
		Response response = upload(new Files4Test.Multipart().file("images[]", "cat.png", "image/png", png));
		assertThat(response.status()).isEqualTo(201);
		JsonNode body = response.json();
		assertThat(body.get("success").booleanValue()).isTrue();
		assertThat(body.get("message").stringValue()).isEqualTo("1 file uploaded");
		JsonNode record = body.at("/data/0");
		assertThat(record.get("append").booleanValue()).isTrue();
		assertThat(record.get("hash").stringValue()).isEqualTo(sha256(png));
		assertThat(record.get("key").stringValue()).isEqualTo(sha256(png).substring(0, 16) + "-cat.png");
		assertThat(record.get("size").longValue()).isEqualTo(png.length);
		assertThat(record.get("mimeType").stringValue()).isEqualTo("image/png");
		assertThat(record.get("originalName").stringValue()).isEqualTo("cat.png");
		assertThat(body.get("rejected")).isEmpty();

		HttpResponse<byte[]> download = raw("GET", "/storage/" + record.get("id").stringValue() + "/content", null);
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).isEqualTo(png);
		assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(download.headers().firstValue("Content-Length")).hasValue(Integer.toString(png.length));
		assertThat(download.headers().firstValue("ETag")).hasValue("\"" + sha256(png) + "\"");
		assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
			.contains("filename*=UTF-8''cat.png");
		assertThat(get("/storage/" + record.get("id").stringValue()).json().get("key")).isEqualTo(record.get("key"));
	}

	@Test
	void everyAllowedTypeIsAccepted() {
		Response response = upload(
				new Files4Test.Multipart().file("images[]", "a.jpg", "image/jpeg", Files4Test.image("jpg", 4, 1))
					.file("images[]", "b.gif", "image/gif", Files4Test.image("gif", 4, 2))
					.file("images[]", "c.webp", "image/webp", Files4Test.webp())
					.file("file", "d.png", null, Files4Test.png(3)));
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().get("data")).hasSize(4);
		List<String> types = new ArrayList<>();
		response.json().get("data").forEach((record) -> types.add(record.get("mimeType").stringValue()));
		assertThat(types).containsExactlyInAnyOrder("image/jpeg", "image/gif", "image/webp", "image/png");
	}

	@Test
	void invalidFilesBesideValidOnesAreListedNotDropped() {
		Response response = upload(new Files4Test.Multipart().file("images[]", "ok.png", "image/png", Files4Test.png(4))
			.file("images[]", "notes.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8))
			.file("images[]", "big.png", "image/png", new byte[2 * 1024 * 1024 + 1]));
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().get("message").stringValue()).isEqualTo("1 file uploaded, 2 rejected");
		assertThat(response.json().get("data")).hasSize(1);
		JsonNode rejected = response.json().get("rejected");
		assertThat(rejected).hasSize(2);
		assertThat(rejected.get(0).get("file").stringValue()).isEqualTo("notes.txt");
		assertThat(rejected.get(0).get("reason").stringValue()).contains("text/plain", "allowed");
		assertThat(rejected.get(1).get("reason").stringValue()).isEqualTo("is larger than 2 MB");
	}

	@Test
	void theMessageSaysWhatHappenedToTheFiles() {
		byte[] a = Files4Test.png(23);
		Response both = upload(new Files4Test.Multipart().file("images[]", "a.png", "image/png", a)
			.file("images[]", "b.png", "image/png", Files4Test.png(24)));
		assertThat(both.json().get("message").stringValue()).isEqualTo("2 files uploaded");
		Response mixed = upload(new Files4Test.Multipart().file("images[]", "a.png", "image/png", a)
			.file("images[]", "c.png", "image/png", Files4Test.png(25))
			.file("images[]", "notes.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)));
		assertThat(mixed.status()).isEqualTo(201);
		assertThat(mixed.json().get("message").stringValue())
			.isEqualTo("1 file uploaded, 1 already stored, 1 rejected");
		Response again = upload(new Files4Test.Multipart().file("images[]", "a.png", "image/png", a));
		assertThat(again.status()).isEqualTo(201);
		assertThat(again.json().get("message").stringValue()).isEqualTo("1 file already stored");
		assertThat(again.json().at("/data/0/append").booleanValue()).isFalse();
	}

	@Test
	void aTooLargeFileAloneIs400InvalidFiles() {
		Response response = upload(
				new Files4Test.Multipart().file("images[]", "big.png", "image/png", new byte[2 * 1024 * 1024 + 1]));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().at("/details/0/code").stringValue()).isEqualTo("INVALID_FILES");
		assertThat(response.json().get("message").stringValue()).contains("image/png", "2 MB");
	}

	@Test
	void aRequestOverTheSizeLimitIs413Problem() {
		byte[] huge = new byte[11 * 1024 * 1024];
		Response response = upload(new Files4Test.Multipart().file("images[]", "huge.png", "image/png", huge));
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(response.json().get("code").stringValue()).isEqualTo("PAYLOAD_TOO_LARGE");
	}

	@Test
	void reUploadingTheSameFileGivesTheExistingRecord() throws Exception {
		JsonNode first = uploadOne("cat.png", Files4Test.png(5));
		JsonNode again = uploadOne("cat.png", Files4Test.png(5));
		assertThat(again.get("append").booleanValue()).isFalse();
		assertThat(again.get("id")).isEqualTo(first.get("id"));
		JsonNode renamed = uploadOne("other-name.png", Files4Test.png(5));
		assertThat(renamed.get("append").booleanValue()).isTrue();
		assertThat(renamed.get("hash")).isEqualTo(first.get("hash"));
		assertThat(blobCount()).as("identical bytes are stored once").isEqualTo(1);
		assertThat(get("/storage").header("X-Total-Count")).isEqualTo("2");
	}

	@Test
	void aSpoofedContentTypeIsRejected() {
		Response jpgAlias = upload(
				new Files4Test.Multipart().file("images[]", "y.jpg", "image/jpg", Files4Test.image("jpg", 4, 22)));
		assertThat(jpgAlias.status()).as("image/jpg is what many clients say for JPEG").isEqualTo(201);
		Response pngAsJpeg = upload(
				new Files4Test.Multipart().file("images[]", "x.jpg", "image/jpeg", Files4Test.png(6)));
		assertThat(pngAsJpeg.status()).isEqualTo(400);
		assertThat(pngAsJpeg.json().at("/details/0/message").stringValue())
			.contains("declared as image/jpeg but its content is image/png");
		Response textAsPng = upload(new Files4Test.Multipart().file("images[]", "x.png", "image/png",
				"<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)));
		assertThat(textAsPng.status()).isEqualTo(400);
		Response svg = upload(new Files4Test.Multipart().file("images[]", "x.svg", "image/svg+xml",
				"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
					.getBytes(StandardCharsets.UTF_8)));
		assertThat(svg.status()).isEqualTo(400);
		assertThat(svg.json().at("/details/0/message").stringValue()).contains("image/svg+xml");
	}

	@Test
	void pathTraversalNamesNeverBecomePaths() throws Exception {
		JsonNode record = uploadOne("../../../../etc/passwd.png", Files4Test.png(7));
		assertThat(record.get("originalName").stringValue()).isEqualTo("passwd.png");
		assertThat(record.get("key").stringValue()).endsWith("-passwd.png").doesNotContain("/").doesNotContain("..");
		JsonNode windows = uploadOne("..\\..\\evil\u0007.png", Files4Test.png(8));
		assertThat(windows.get("key").stringValue()).doesNotContain("\\").doesNotContain("\u0007");
		JsonNode dots = uploadOne("..", Files4Test.png(9));
		assertThat(dots.get("originalName").stringValue()).isEqualTo("file");
		assertThat(Files.exists(Path.of("/etc/passwd.png"))).isFalse();
	}

	@Test
	void unicodeNamesAreKeptAndEncodedForDownload() throws Exception {
		JsonNode record = uploadOne("猫 café 🐱.png", Files4Test.png(10));
		assertThat(record.get("originalName").stringValue()).isEqualTo("猫 café 🐱.png");
		assertThat(record.get("key").stringValue()).endsWith("-猫_café_.png");
		HttpResponse<byte[]> download = raw("GET", "/storage/" + record.get("id").stringValue() + "/content", null);
		assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).contains(
				"filename*=UTF-8''" + URLEncoder.encode("猫 café 🐱.png", StandardCharsets.UTF_8).replace("+", "%20"));
		JsonNode emoji = uploadOne("a".repeat(254) + "🐱", Files4Test.png(21));
		assertThat(emoji.get("originalName").stringValue()).doesNotContain("\uFFFD")
			.hasSizeLessThanOrEqualTo(255)
			.matches((name) -> !Character.isHighSurrogate(name.charAt(name.length() - 1)));
		JsonNode longName = uploadOne("x".repeat(500) + ".png", Files4Test.png(11));
		assertThat(longName.get("key").stringValue()).hasSizeLessThanOrEqualTo(117).endsWith(".png");
	}

	@Test
	void downloadsAnswerRangesAndConditionalRequests() throws Exception {
		byte[] png = Files4Test.image("png", 32, 12);
		String id = uploadOne("range.png", png).get("id").stringValue();
		String path = "/storage/" + id + "/content";
		HttpResponse<byte[]> part = raw("GET", path, null, "Range", "bytes=10-19");
		assertThat(part.statusCode()).isEqualTo(206);
		assertThat(part.body()).isEqualTo(Arrays.copyOfRange(png, 10, 20));
		assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 10-19/" + png.length);
		HttpResponse<byte[]> tail = raw("GET", path, null, "Range", "bytes=-5");
		assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(png, png.length - 5, png.length));
		HttpResponse<byte[]> unsatisfiable = raw("GET", path, null, "Range", "bytes=" + (png.length + 10) + "-");
		assertThat(unsatisfiable.statusCode()).isEqualTo(416);
		assertThat(unsatisfiable.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(new String(unsatisfiable.body(), StandardCharsets.UTF_8)).contains("RANGE_NOT_SATISFIABLE");
		assertThat(raw("GET", path, null, "Range", "bytes=abc").headers().firstValue("Content-Type"))
			.hasValue("application/problem+json");
		assertThat(raw("GET", path, null, "If-None-Match", "*").statusCode()).isEqualTo(304);
		String etag = raw("GET", path, null).headers().firstValue("ETag").orElseThrow();
		assertThat(raw("GET", path, null, "If-None-Match", etag).statusCode()).isEqualTo(304);
		assertThat(raw("GET", path, null, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
		assertThat(get("/storage/nope/content").status()).isEqualTo(404);
	}

	@Test
	void replacingKeepsTheOldBlobUntilTheRecordIsCommittedAndThenFreesIt() throws Exception {
		byte[] first = Files4Test.png(13);
		byte[] second = Files4Test.png(14);
		String id = uploadOne("photo.png", first).get("id").stringValue();
		Response same = replace(id, "photo.png", first);
		assertThat(same.status()).isEqualTo(200);
		assertThat(this.blobs.open(sha256(first))).as("same content: the blob stays").isPresent();
		Response replaced = replace(id, "photo-2.png", second);
		assertThat(replaced.status()).isEqualTo(200);
		assertThat(replaced.json().get("hash").stringValue()).isEqualTo(sha256(second));
		assertThat(replaced.json().get("originalName").stringValue()).isEqualTo("photo-2.png");
		assertThat(raw("GET", "/storage/" + id + "/content", null).body()).isEqualTo(second);
		assertThat(this.blobs.open(sha256(first))).as("nothing references the old content").isEmpty();
		assertThat(replace("nope", "x.png", second).status()).isEqualTo(404);
		assertThat(replace(id, "x.txt", "text".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
		assertThat(raw("GET", "/storage/" + id + "/content", null).body()).isEqualTo(second);
	}

	private Response replace(String id, String name, byte[] content, String... ifMatch) {
		List<String> headers = new ArrayList<>(List.of("Content-Type", Files4Test.Multipart.contentType()));
		for (String tag : ifMatch) {
			headers.addAll(List.of("If-Match", tag));
		}
		HttpResponse<byte[]> response = raw("PUT", "/storage/" + id,
				new Files4Test.Multipart().file("images[]", name, null, content).body(),
				headers.toArray(String[]::new));
		return new Response(response.statusCode(), response.headers(),
				new String(response.body(), StandardCharsets.UTF_8));
	}

	@Test
	void replacingAndDeletingHonourIfMatchAndTheDownloadKeepsItsContentETag() throws Exception {
		byte[] first = Files4Test.png(21);
		byte[] second = Files4Test.png(22);
		String id = uploadOne("v.png", first).get("id").stringValue();
		Response replaced = replace(id, "v.png", second, "\"0\"");
		assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
		assertThat(replaced.header("ETag")).isEqualTo("\"1\"");

		Response stale = replace(id, "v.png", first, "\"0\"");
		assertThat(stale.status()).as(stale.body()).isEqualTo(412);
		assertThat(stale.json().get("code").stringValue()).isEqualTo("PRECONDITION_FAILED");
		assertThat(stale.json().get("message").stringValue()).contains("version 1");
		Response staleDelete = delete("/storage/" + id + "?permanent=true", "If-Match", "\"0\"");
		assertThat(staleDelete.status()).as(staleDelete.body()).isEqualTo(412);
		assertThat(this.jdbc
			.queryForMap("select hash, cast(version as integer) as version, deleted_at from storage where id = ?", id))
			.containsEntry("hash", sha256(second))
			.containsEntry("version", 1)
			.containsEntry("deleted_at", null);
		assertThat(raw("GET", "/storage/" + id + "/content", null).body()).isEqualTo(second);
		assertThat(this.blobs.open(sha256(first))).as("the refused content is not kept").isEmpty();

		HttpResponse<byte[]> download = raw("GET", "/storage/" + id + "/content", null);
		assertThat(download.headers().firstValue("ETag")).hasValue("\"" + sha256(second) + "\"");
		assertThat(raw("GET", "/storage/" + id + "/content", null, "If-None-Match", "\"1\"").statusCode())
			.as("a download is tagged by its content, not by the record's version")
			.isEqualTo(200);
		Response deleted = delete("/storage/" + id, "If-Match", "\"1\"");
		assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
		assertThat(deleted.header("ETag")).isEqualTo("\"2\"");
	}

	@Test
	void aBlobStaysWhileAnyRecordReferencesItAndGoesAfterTheLast() throws Exception {
		byte[] png = Files4Test.png(15);
		String a = uploadOne("a.png", png).get("id").stringValue();
		String b = uploadOne("b.png", png).get("id").stringValue();
		assertThat(delete("/storage/" + a).status()).isEqualTo(200);
		assertThat(this.blobs.open(sha256(png))).as("soft delete keeps the blob").isPresent();
		assertThat(delete("/storage/" + a + "?permanent=true").status()).isEqualTo(200);
		assertThat(this.blobs.open(sha256(png))).as("b still references it").isPresent();
		assertThat(delete("/storage?permanent=true&ids=" + b).status()).isEqualTo(200);
		assertThat(this.blobs.open(sha256(png))).as("the last reference is gone").isEmpty();
	}

	@Test
	void aRecordWhoseBlobIsLostAnswers404UntilItsFileIsUploadedAgainOrItIsDeleted() throws Exception {
		byte[] png = Files4Test.png(17);
		String kept = uploadOne("kept.png", png).get("id").stringValue();
		String removed = uploadOne("removed.png", png).get("id").stringValue();
		this.blobs.delete(sha256(png)); // as a restore from a backup taken without a
										// window leaves it

		Response lost = get("/storage/" + kept + "/content");
		assertThat(lost.status()).as(lost.body()).isEqualTo(404);
		assertThat(lost.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(lost.json().get("code").stringValue()).isEqualTo("RESOURCE_NOT_FOUND");
		assertThat(lost.json().get("message").stringValue())
			.isEqualTo("The content of storage record '" + kept + "' is missing from the blob store; upload it "
					+ "again with PUT /storage/" + kept + ", or delete the record");
		assertThat(raw("GET", "/storage/" + kept + "/content", null, "Range", "bytes=0-1").statusCode()).isEqualTo(404);
		assertThat(get("/storage/" + kept).status()).as("the record itself is still there").isEqualTo(200);

		assertThat(delete("/storage/" + removed + "?permanent=true").status()).isEqualTo(200);
		assertThat(replace(kept, "kept.png", png).status()).isEqualTo(200);
		assertThat(raw("GET", "/storage/" + kept + "/content", null).body()).isEqualTo(png);
		assertThat(this.blobs.open(sha256(png))).as("stored again under its hash").isPresent();
	}

	@Test
	void aReferencedFileCannotBeRemovedUnderItsDescriptions() {
		String id = uploadOne("described.png", Files4Test.png(16)).get("id").stringValue();
		JsonNode info = create("/storage-info", "{\"storageId\":\"" + id + "\",\"description\":\"a photo\"}");
		assertThat(delete("/storage/" + id + "?permanent=true").status()).isEqualTo(409);
		assertThat(get("/storage/" + id).status()).isEqualTo(200);
		assertThat(post("/storage-info", "{\"storageId\":\"nope\",\"description\":\"x\"}").status()).isEqualTo(409);
		assertThat(delete("/storage-info/" + info.get("id").stringValue()).status()).isEqualTo(200);
		assertThat(delete("/storage/" + id + "?permanent=true").status()).isEqualTo(200);
	}

	@Test
	void aCrashBetweenBlobAndRecordLeavesNoRecordAndTheOrphanIsSweptAfterTheGracePeriod() throws Exception {
		byte[] orphan = Files4Test.png(17);
		BlobStore.StagedBlob staged = this.blobs.stage(new ByteArrayInputStream(orphan), 1024 * 1024);
		this.blobs.commit(staged);
		// ...and the process died before the record was committed
		String kept = uploadOne("kept.png", Files4Test.png(18)).get("hash").stringValue();
		assertThat(get("/storage").json()).hasSize(1);
		assertThat(this.references.removeUnreferenced(Duration.ofHours(1))).as("within the grace period").isZero();
		assertThat(this.references.removeUnreferenced(Duration.ZERO)).isEqualTo(1);
		assertThat(this.blobs.open(sha256(orphan))).isEmpty();
		assertThat(this.blobs.open(kept)).isPresent();
	}

	@Test
	void anInterruptedUploadLeavesNoBlobNoStagedFileAndNoRecord() throws Exception {
		byte[] body = new Files4Test.Multipart()
			.file("images[]", "cut.png", "image/png", Files4Test.image("png", 64, 20))
			.body();
		try (Socket socket = new Socket("localhost", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST /storage HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN_KEY
					+ "\r\nContent-Type: " + Files4Test.Multipart.contentType() + "\r\nContent-Length: "
					+ (body.length * 10) + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(body, 0, body.length / 2);
			out.flush();
			socket.shutdownOutput();
			socket.getInputStream().readAllBytes();
		}
		assertThat(get("/storage").json()).isEmpty();
		assertThat(blobCount()).isZero();
		assertThat(this.blobs.sweepStaging(Duration.ZERO)).as("staged blobs left").isZero();
	}

	@Test
	void storageRecordsAreNotWritableAsJson() {
		String id = uploadOne("fixed.png", Files4Test.png(19)).get("id").stringValue();
		assertThat(patch("/storage/" + id, "{\"hash\":\"0000\"}").status()).isEqualTo(405);
		assertThat(put("/storage/" + id, "{\"hash\":\"0000\"}").status()).isEqualTo(415);
		assertThat(patch("/storage", "[]").status()).isEqualTo(405);
	}

}
