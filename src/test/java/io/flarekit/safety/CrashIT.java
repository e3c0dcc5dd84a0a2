package io.flarekit.safety;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static io.flarekit.safety.Acknowledgements.BOUNDARY;
import static io.flarekit.safety.Acknowledgements.acknowledged;
import static io.flarekit.safety.Acknowledgements.multipart;
import static io.flarekit.safety.Acknowledgements.png;
import static io.flarekit.safety.Acknowledgements.stop;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL in the middle of a write load, uploads included, then a restart: every
 * acknowledged create and update is there, the file passes SQLite's integrity check, no
 * record points at a missing blob, and no unreferenced blob outlives the clean-up. The
 * workers check every answer: a write that is not acknowledged as it should be, an
 * acknowledgement that does not hold what was written, or a failed connection before the
 * kill fails the test; only a connection that fails once the kill has begun is expected.
 */
class CrashIT {

	@TempDir
	Path data;

	@Test
	void acknowledgedWritesSurviveAKill() throws Exception {
		Map<String, Integer> acknowledgedVersion = new ConcurrentHashMap<>();
		Set<String> acknowledgedUploads = ConcurrentHashMap.newKeySet();
		AtomicBoolean running = new AtomicBoolean(true);
		// set just before the SIGKILL: from then on a failed connection is what the test
		// causes; before it, and any answer that is not a success, is a failure
		AtomicBoolean killing = new AtomicBoolean(false);
		Queue<String> unexpected = new ConcurrentLinkedQueue<>();
		try (PackagedService service = new PackagedService(this.data).start()) {
			ExecutorService pool = Executors.newFixedThreadPool(10);
			List<Future<?>> workers = new ArrayList<>();
			for (int w = 0; w < 8; w++) {
				int worker = w;
				workers.add(pool.submit(() -> {
					List<String> mine = new ArrayList<>();
					for (int n = 0; running.get(); n++) {
						try {
							if (n % 3 != 2 || mine.isEmpty()) {
								String email = "w" + worker + "-" + n + "@crash.test";
								HttpResponse<String> created = service.send("POST", "/users",
										"{\"name\":\"v0\",\"email\":\"" + email + "\"}");
								JsonNode user = acknowledged(created, 201, "POST /users");
								assertThat(user.get("name").stringValue()).as(user.toString()).isEqualTo("v0");
								assertThat(user.get("email").stringValue()).as(user.toString()).isEqualTo(email);
								String id = user.get("id").stringValue();
								mine.add(id);
								acknowledgedVersion.put(id, 0);
							}
							else {
								String id = mine.get(n % mine.size());
								int version = acknowledgedVersion.get(id) + 1;
								HttpResponse<String> updated = service.send("PATCH", "/users/" + id,
										"{\"name\":\"v" + version + "\"}");
								JsonNode user = acknowledged(updated, 200, "PATCH /users/" + id);
								assertThat(user.get("name").stringValue()).as(user.toString()).isEqualTo("v" + version);
								acknowledgedVersion.merge(id, version, Math::max);
							}
						}
						catch (Throwable ex) {
							return stop(ex, killing, unexpected, "writer " + worker);
						}
					}
					return null;
				}));
			}
			for (int u = 0; u < 2; u++) {
				int uploader = u;
				workers.add(pool.submit(() -> {
					for (int n = 0; running.get(); n++) {
						try {
							byte[] body = multipart("u" + uploader + "-" + n + ".png", png(uploader * 100000 + n));
							HttpResponse<String> response = PackagedService.HTTP.send(service.request("/storage")
								.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
								.POST(HttpRequest.BodyPublishers.ofByteArray(body))
								.build(), HttpResponse.BodyHandlers.ofString());
							JsonNode uploaded = acknowledged(response, 201, "POST /storage");
							assertThat(uploaded.get("rejected")).as(uploaded.toString()).isEmpty();
							String id = uploaded.at("/data/0/id").stringValue();
							assertThat(id).as(uploaded.toString()).isNotBlank();
							acknowledgedUploads.add(id);
						}
						catch (Throwable ex) {
							return stop(ex, killing, unexpected, "uploader " + uploader);
						}
					}
					return null;
				}));
			}
			PackagedService.sleep(3000);
			killing.set(true);
			service.kill();
			running.set(false);
			for (Future<?> worker : workers) {
				worker.get(1, TimeUnit.MINUTES);
			}
			pool.shutdown();
		}
		assertThat(unexpected).as("what the workers met that a kill does not explain").isEmpty();
		assertThat(acknowledgedVersion).as("writes were acknowledged before the kill").hasSizeGreaterThan(20);
		assertThat(acknowledgedUploads).as("uploads were acknowledged before the kill").isNotEmpty();

		try (PackagedService restarted = new PackagedService(this.data, "--flarekit.storage.orphan-grace=0s",
				"--flarekit.storage.cleanup-interval=1s")
			.start()) {
			PackagedService.sleep(3000);
			try (Connection connection = restarted.connect(); Statement statement = connection.createStatement()) {
				try (ResultSet integrity = statement.executeQuery("pragma integrity_check")) {
					integrity.next();
					assertThat(integrity.getString(1)).isEqualTo("ok");
				}
				Map<String, Integer> stored = new HashMap<>();
				try (ResultSet rows = statement.executeQuery("select id, name from users")) {
					while (rows.next()) {
						stored.put(rows.getString(1), Integer.parseInt(rows.getString(2).substring(1)));
					}
				}
				acknowledgedVersion.forEach((id, version) -> assertThat(stored.get(id))
					.as("user %s acknowledged at version %d", id, version)
					.isNotNull()
					.isGreaterThanOrEqualTo(version));
				Set<String> referenced = new HashSet<>();
				Set<String> uploads = new HashSet<>();
				try (ResultSet rows = statement.executeQuery("select id, hash from storage")) {
					while (rows.next()) {
						uploads.add(rows.getString(1));
						referenced.add(rows.getString(2));
					}
				}
				assertThat(uploads).containsAll(acknowledgedUploads);
				Set<String> blobs = new HashSet<>();
				try (Stream<Path> files = Files.walk(restarted.blobs())) {
					files.filter(Files::isRegularFile)
						.filter((file) -> !file.toString().contains(".staging"))
						.forEach((file) -> blobs.add(file.getFileName().toString()));
				}
				assertThat(blobs).as("no record points at a missing blob").containsAll(referenced);
				assertThat(referenced).as("no unreferenced blob outlives the clean-up").containsAll(blobs);
			}
			HttpResponse<String> stillServing = restarted.send("GET", "/users", null);
			assertThat(stillServing.statusCode()).isEqualTo(200);
		}
	}

}
