package io.flarekit.safety;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A disk that really fills up: the packaged service runs with its data on a tmpfs of a
 * few megabytes (and Tomcat's temporary folder on one of its own), and the test fills it
 * with uploads and, to leave not one free page, with a file of its own standing for
 * whatever else shares the disk. Every write then answers a 507 problem and changes
 * nothing; what was acknowledged stays; once space is freed, the service works again.
 */
class DiskFullIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
			'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, (byte) 0x90, 0x77, 0x53, (byte) 0xde };

	private static final int MB = 1024 * 1024;

	private final Random random = new Random(6);

	@TempDir
	Path data;

	@Test
	void aFullDiskIsA507ForEveryWriteChangesNothingAndTheServiceRecoversOnceSpaceIsFreed() throws Exception {
		try (PackagedService service = new PackagedService(this.data, "--flarekit.storage.min-free-space=0B",
				"--server.tomcat.basedir=" + this.data.resolve("tomcat"))
			.onTmpfs("", "8m")
			.onTmpfs("tomcat", "1m")
			.start()) {
			Path ballast = service.onDisk(this.data.resolve("ballast"));
			fill(ballast, 2 * MB);
			List<String> users = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				users.add(created(service.send("POST", "/users", user("User " + i, i))).get("id").stringValue());
			}
			String uploadId = created(service.send("POST", "/uploads", "{\"key\":\"large.zip\"}")).get("uploadId")
				.stringValue();
			assertThat(putPart(service, uploadId, 1, 10_000).statusCode()).isEqualTo(200);

			assertInsufficientStorage(service.upload(png(1536 * 1024)), "Tomcat's own copy of the request");
			List<String> stored = new ArrayList<>();
			HttpResponse<String> response;
			while ((response = service.upload(png(768 * 1024))).statusCode() == 201) {
				stored.add(JSON.readTree(response.body()).at("/data/0/id").stringValue());
				assertThat(stored).as("the disk should be full by now").hasSizeLessThan(12);
			}
			assertInsufficientStorage(response, "the upload that does not fit");
			assertThat(stored).as("uploads before the disk was full").isNotEmpty();
			fill(ballast, Long.MAX_VALUE);

			assertInsufficientStorage(service.upload(png(1000)), "a small upload");
			assertInsufficientStorage(service.send("POST", "/users", user("Late", 9)), "a new user");
			assertInsufficientStorage(service.send("PUT", "/users/" + users.get(0), user("Renamed", 0)),
					"a changed user");
			assertInsufficientStorage(service.send("POST", "/uploads", "{\"key\":\"other.zip\"}"), "a new upload");
			assertInsufficientStorage(putPart(service, uploadId, 2, 10_000), "a part");
			assertInsufficientStorage(service.send("DELETE", "/storage/" + stored.get(0) + "?permanent=true", null),
					"a delete: SQLite needs space to write it");

			assertUnchanged(service, users, stored);
			assertThat(names(service.onDisk(service.data().resolve("uploads"))))
				.as("no trace of the refused upload or part")
				.containsExactly(uploadId);
			assertThat(names(service.onDisk(service.data().resolve("uploads").resolve(uploadId))))
				.containsExactlyInAnyOrder("name", partName(service, uploadId));

			Files.delete(ballast);
			for (String id : stored) {
				assertThat(service.send("DELETE", "/storage/" + id + "?permanent=true", null).statusCode())
					.isEqualTo(200);
			}
			assertThat(blobs(service)).as("a permanent delete removes the blob at once").isEmpty();
			assertThat(service.upload(png(MB)).statusCode()).as("it stores files again").isEqualTo(201);
			assertThat(service.send("POST", "/users", user("Later", 10)).statusCode()).isEqualTo(201);
		}
	}

	@Test
	void filesLeaveTheReserveFreeSoTheDatabaseStillWritesAndSpaceCanBeFreedThroughTheApi() throws Exception {
		try (PackagedService service = new PackagedService(this.data, "--flarekit.storage.min-free-space=4MB")
			.onTmpfs("", "12m")
			.start()) {
			String uploadId = created(service.send("POST", "/uploads", "{\"key\":\"large.zip\"}")).get("uploadId")
				.stringValue();
			List<String> stored = new ArrayList<>();
			HttpResponse<String> response;
			while ((response = service.upload(png(MB))).statusCode() == 201) {
				stored.add(JSON.readTree(response.body()).at("/data/0/id").stringValue());
				assertThat(stored).as("the reserve should be reached by now").hasSizeLessThan(12);
			}
			assertInsufficientStorage(response, "the upload that would take the reserve");
			assertThat(stored).isNotEmpty();
			byte[] small = png(1000);
			assertInsufficientStorage(service.upload(small, png(MB)), "two files, the second too many");
			assertThat(blobs(service)).as("the first file of the failed request is taken back").hasSize(stored.size());
			JsonNode alone = created(service.upload(small)).at("/data/0");
			assertThat(alone.get("append").booleanValue()).as("stored anew: it fitted, and was not kept before")
				.isTrue();
			assertThat(service.send("DELETE", "/storage/" + alone.get("id").stringValue() + "?permanent=true", null)
				.statusCode()).isEqualTo(200);

			String user = created(service.send("POST", "/users", user("Still", 1))).get("id").stringValue();
			assertThat(service.send("PUT", "/users/" + user, user("Still here", 1)).statusCode()).isEqualTo(200);
			assertInsufficientStorage(putPart(service, uploadId, 1, MB), "a part that would take the reserve");
			assertThat(names(service.onDisk(service.data().resolve("uploads").resolve(uploadId))))
				.containsExactly("name");
			assertUnchanged(service, List.of(user), stored);

			for (String id : stored) {
				assertThat(service.send("DELETE", "/storage/" + id + "?permanent=true", null).statusCode())
					.isEqualTo(200);
			}
			assertThat(blobs(service)).isEmpty();
			assertThat(service.upload(png(MB)).statusCode()).isEqualTo(201);
		}
	}

	private static void assertInsufficientStorage(HttpResponse<String> response, String what) {
		assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(507);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("code").stringValue()).isEqualTo("INSUFFICIENT_STORAGE");
		assertThat(problem.get("message").stringValue()).isNotBlank();
		assertThat(response.body()).doesNotContain("Exception")
			.doesNotContain("\tat ")
			.doesNotContainIgnoringCase("sqlite");
	}

	/**
	 * Every acknowledged record is there and nothing else: as the API tells it, and in
	 * the database file, whose storage rows each have their blob; nothing is left staged.
	 */
	private static void assertUnchanged(PackagedService service, List<String> users, List<String> stored)
			throws Exception {
		for (String id : stored) {
			assertThat(service.send("GET", "/storage/" + id, null).statusCode()).isEqualTo(200);
		}
		for (String id : users) {
			assertThat(service.send("GET", "/users/" + id, null).statusCode()).isEqualTo(200);
		}
		assertThat(names(service.onDisk(service.blobs().resolve(".staging")))).as("nothing left staged").isEmpty();
		Set<String> blobs = blobs(service);
		try (Connection connection = service.connect(); Statement statement = connection.createStatement()) {
			try (ResultSet check = statement.executeQuery("pragma integrity_check")) {
				check.next();
				assertThat(check.getString(1)).isEqualTo("ok");
			}
			Set<String> ids = new HashSet<>();
			try (ResultSet rows = statement.executeQuery("select id, hash from storage")) {
				while (rows.next()) {
					ids.add(rows.getString(1));
					assertThat(blobs).as("the blob of every record").contains(rows.getString(2));
				}
			}
			assertThat(ids).containsExactlyInAnyOrderElementsOf(stored);
			assertThat(blobs).as("no blob without its record").hasSize(stored.size());
			try (ResultSet rows = statement.executeQuery("select count(*) from users")) {
				rows.next();
				assertThat(rows.getInt(1)).isEqualTo(users.size());
			}
		}
	}

	/** Appends to a file until it has grown by that much or the disk is full. */
	private void fill(Path file, long bytes) throws IOException {
		byte[] chunk = new byte[64 * 1024];
		long written = 0;
		try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
			while (written < bytes) {
				this.random.nextBytes(chunk);
				out.write(chunk);
				out.flush();
				written += chunk.length;
			}
		}
		catch (IOException ex) {
			if (bytes != Long.MAX_VALUE || !String.valueOf(ex.getMessage()).contains("No space left")) {
				throw ex;
			}
		}
	}

	/** A PNG header, then random bytes: unique content that Tika takes for a PNG. */
	private byte[] png(int size) {
		byte[] bytes = new byte[size];
		this.random.nextBytes(bytes);
		System.arraycopy(PNG, 0, bytes, 0, PNG.length);
		return bytes;
	}

	private HttpResponse<String> putPart(PackagedService service, String uploadId, int number, int size)
			throws Exception {
		byte[] bytes = new byte[size];
		this.random.nextBytes(bytes);
		return PackagedService.HTTP.send(service.request("/uploads/" + uploadId + "/parts/" + number)
			.header("Content-Type", "application/octet-stream")
			.PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String partName(PackagedService service, String uploadId) throws Exception {
		JsonNode part = JSON.readTree(service.send("GET", "/uploads/" + uploadId, null).body()).at("/parts/0");
		return String.format("%05d.%s.part", part.get("partNumber").intValue(), part.get("etag").stringValue());
	}

	private static JsonNode created(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return JSON.readTree(response.body());
	}

	private static String user(String name, int n) {
		return "{\"name\":\"" + name + "\",\"email\":\"user" + n + "@example.com\"}";
	}

	private static Set<String> blobs(PackagedService service) throws IOException {
		Path root = service.onDisk(service.blobs());
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(Files::isRegularFile)
				.filter((file) -> !file.getParent().equals(root.resolve(".staging")))
				.map((file) -> file.getFileName().toString())
				.collect(Collectors.toSet());
		}
	}

	private static List<String> names(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

}
