package io.flarekit.storage;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import io.flarekit.FlarekitApplication;
import io.flarekit.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the service, each a whole application context with its own
 * connections, on one PostgreSQL database and one blob folder: uploads and permanent
 * deletes of the same few files race through both. Afterwards every record's blob is
 * there, and after a clean-up no blob is left that no record uses.
 */
class TwoInstancesTest {

	private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@BeforeAll
	static void start() throws Exception {
		Path data = Files.createTempDirectory("flarekit-two");
		String url = TestPostgres.newDatabase("two_instances");
		for (int i = 0; i < 2; i++) {
			instances.add(new SpringApplicationBuilder(FlarekitApplication.class).web(WebApplicationType.NONE)
				.run("--spring.datasource.url=" + url, "--spring.datasource.username=" + TestPostgres.user(),
						"--spring.datasource.password=" + TestPostgres.password(),
						"--flarekit.security.bootstrap-admin-key=test-admin-key-0123456789abcdefghijklmnopqrstuvwxyz",
						"--flarekit.storage.blob-dir=" + data.resolve("blobs"),
						"--flarekit.storage.uploads.dir=" + data.resolve("uploads-" + i)));
		}
	}

	@AfterAll
	static void stop() {
		instances.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void racingUploadsAndDeletesOfTheSameBytesThroughTwoInstancesLoseNoBlob() throws Exception {
		List<byte[]> files = List.of(Files4Test.png(201), Files4Test.png(202), Files4Test.png(203));
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < 6; t++) {
				ConfigurableApplicationContext instance = instances.get(t % 2);
				int worker = t;
				done.add(pool.submit(() -> {
					for (int i = 0; i < 25; i++) {
						uploadThenMaybeDelete(instance, files.get(ThreadLocalRandom.current().nextInt(files.size())),
								"w" + worker + "-" + i + ".png");
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		BlobStore blobs = instances.get(0).getBean(BlobStore.class);
		JdbcTemplate jdbc = instances.get(1).getBean(JdbcTemplate.class);
		List<String> referenced = jdbc.queryForList("select distinct hash from storage", String.class);
		assertThat(referenced).as("some records stay").isNotEmpty();
		for (String hash : referenced) {
			assertThat(blobs.open(hash)).as("the blob of a record, " + hash).isPresent();
		}
		instances.get(1).getBean(BlobReferences.class).removeUnreferenced(Duration.ZERO);
		Set<String> stored = new HashSet<>();
		blobs.forEach((blob) -> stored.add(blob.hash()));
		assertThat(stored).as("after the clean-up, exactly the referenced blobs")
			.containsExactlyInAnyOrderElementsOf(referenced);
	}

	/**
	 * Uploads a file through an instance, and deletes the record for good half the time.
	 */
	private static Void uploadThenMaybeDelete(ConfigurableApplicationContext instance, byte[] content, String name)
			throws Exception {
		StorageService storage = instance.getBean(StorageService.class);
		BlobStore.StagedBlob staged = instance.getBean(BlobStore.class)
			.stage(new ByteArrayInputStream(content), 1024 * 1024);
		StorageService.Accepted stored = storage.store(staged, name, "image/png");
		if (ThreadLocalRandom.current().nextBoolean()) {
			storage.delete(stored.record().getId(), true);
		}
		return null;
	}

}
