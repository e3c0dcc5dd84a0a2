package io.flarekit.safety;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.flarekit.testing.TestPostgres;
import io.flarekit.testing.TestS3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import static io.flarekit.safety.Acknowledgements.sha256;
import static io.flarekit.safety.Ledger.GONE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the packaged service on one PostgreSQL database and one S3 bucket, as
 * in production behind a load balancer. Workers create, update and delete users and files
 * through both, the same few files' bytes uploaded through both while records holding
 * them are deleted through the other, and read each acknowledged write back through the
 * other instance. One instance is killed (SIGKILL) in the middle. Afterwards, through the
 * survivor and straight in the database and the bucket: every acknowledged write is there
 * as acknowledged, every record's content downloads and matches its hash, and once the
 * survivor's clean-up has run (taking over the job lock the killed one may have held) the
 * bucket holds exactly the referenced blobs, as the {@code blobs} table says.
 */
class TwoInstancesIT {

	/** Workers of each kind; files workers share contents in pairs. */
	private static final int WORKERS = 6;

	@TempDir
	Path data;

	private final AtomicBoolean running = new AtomicBoolean(true);

	/**
	 * Set just before the SIGKILL: only from then may a connection to the victim fail.
	 */
	private final AtomicBoolean killing = new AtomicBoolean();

	private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();

	private final Map<String, byte[]> contents = new HashMap<>();

	private PackagedService survivor;

	private PackagedService victim;

	@Test
	void acknowledgedWritesAndBlobsHoldAcrossInstancesWhenOneIsKilled() throws Exception {
		String database = TestPostgres.newDatabase("two-instances");
		TestS3 s3 = TestS3.shared();
		String bucket = s3.newBucket("two-instances");
		for (int i = 0; i < WORKERS; i++) {
			byte[] content = Acknowledgements.png(4242 + i);
			this.contents.put(sha256(content), content);
		}
		List<String> hashes = new ArrayList<>(this.contents.keySet());
		Ledger users = new Ledger();
		Ledger files = new Ledger();
		try (PackagedService first = instance("first", database, s3, bucket);
				PackagedService second = instance("second", database, s3, bucket)) {
			CompletableFuture<PackagedService> starting = CompletableFuture.supplyAsync(second::start);
			this.survivor = first.start();
			this.victim = starting.get(2, TimeUnit.MINUTES);
			ExecutorService pool = Executors.newFixedThreadPool(12);
			List<Future<?>> workers = new ArrayList<>();
			for (int w = 0; w < WORKERS; w++) {
				String worker = "worker " + w;
				List<String> shared = hashes.subList(w / 2 * 2, w / 2 * 2 + 2);
				workers.add(pool.submit(() -> work(worker + " (users)", new Records.Users(), users)));
				workers.add(pool
					.submit(() -> work(worker + " (files)", new Records.StoredFiles(this.contents, shared), files)));
			}
			// kill once both kinds have some acknowledged writes (a loaded machine is
			// slow)
			Instant loaded = Instant.now().plusSeconds(3);
			Instant latest = Instant.now().plusSeconds(30);
			while (Instant.now().isBefore(latest) && this.unexpected.isEmpty()
					&& (Instant.now().isBefore(loaded) || users.size() < 25 || files.size() < 25)) {
				PackagedService.sleep(200);
			}
			this.killing.set(true);
			this.victim.kill();
			PackagedService.sleep(2000);
			this.running.set(false);
			for (Future<?> worker : workers) {
				worker.get(1, TimeUnit.MINUTES);
			}
			pool.shutdown();
			System.out.printf("TwoInstancesIT: %d users and %d files acknowledged%n", users.size(), files.size());
			assertThat(this.unexpected).as("what the workers met that the kill does not explain").isEmpty();
			assertThat(users.size()).as("users acknowledged").isGreaterThanOrEqualTo(10);
			assertThat(files.size()).as("files acknowledged").isGreaterThanOrEqualTo(10);
			assertThat(users.differences((id) -> new Records.Users().state(this.survivor, id))).isEmpty();
			assertThat(
					files.differences((id) -> new Records.StoredFiles(this.contents, hashes).state(this.survivor, id)))
				.isEmpty();
			try (Connection connection = DriverManager.getConnection(database, TestPostgres.user(),
					TestPostgres.password()); S3Client client = s3.client()) {
				checkBlobs(connection, client, bucket);
			}
		}
	}

	private PackagedService instance(String name, String database, TestS3 s3, String bucket) {
		return new PackagedService(this.data.resolve(name), "--spring.datasource.url=" + database,
				"--spring.datasource.username=" + TestPostgres.user(),
				"--spring.datasource.password=" + TestPostgres.password(), "--flarekit.storage.type=s3",
				"--flarekit.storage.s3.bucket=" + bucket, "--flarekit.storage.s3.endpoint=" + s3.endpoint(),
				"--flarekit.storage.s3.path-style=true", "--flarekit.storage.cleanup-interval=2s",
				"--flarekit.storage.orphan-grace=3s")
			.withEnvironment("AWS_ACCESS_KEY_ID", TestS3.ACCESS_KEY)
			.withEnvironment("AWS_SECRET_ACCESS_KEY", TestS3.SECRET_KEY);
	}

	/**
	 * Every stored file's content downloads through the survivor and has its hash; every
	 * referenced blob is in the bucket; and, once the clean-up has run, nothing else is,
	 * and the {@code blobs} table lists exactly those.
	 */
	private void checkBlobs(Connection connection, S3Client client, String bucket) throws Exception {
		Map<String, String> stored = new HashMap<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select id, hash from storage")) {
			while (rows.next()) {
				stored.put(rows.getString(1), rows.getString(2));
			}
		}
		for (Map.Entry<String, String> record : stored.entrySet()) {
			HttpResponse<byte[]> content = PackagedService.HTTP.send(
					this.survivor.request("/storage/" + record.getKey() + "/content").build(),
					HttpResponse.BodyHandlers.ofByteArray());
			assertThat(content.statusCode()).as("the content of %s", record.getKey()).isEqualTo(200);
			assertThat(sha256(content.body())).as("the content of %s", record.getKey()).isEqualTo(record.getValue());
		}
		Set<String> referenced = new HashSet<>(stored.values());
		assertThat(objects(client, bucket, "blobs/")).as("no record points at a missing blob").containsAll(referenced);
		Instant deadline = Instant.now().plusSeconds(30);
		while (Instant.now().isBefore(deadline)
				&& !(objects(client, bucket, "").equals(referenced) && blobRows(connection).equals(referenced))) {
			PackagedService.sleep(500);
		}
		assertThat(objects(client, bucket, "")).as("the bucket after the clean-up: the referenced blobs alone")
			.isEqualTo(referenced);
		assertThat(blobRows(connection)).as("the blobs table after the clean-up").isEqualTo(referenced);
	}

	/** The hashes of the bucket's blobs, and the keys of anything else under a prefix. */
	private static Set<String> objects(S3Client client, String bucket, String prefix) {
		Set<String> found = new HashSet<>();
		for (S3Object object : client.listObjectsV2Paginator((list) -> list.bucket(bucket).prefix(prefix)).contents()) {
			String key = object.key();
			found.add(key.startsWith("blobs/") ? key.substring(key.lastIndexOf('/') + 1) : key);
		}
		return found;
	}

	private static Set<String> blobRows(Connection connection) throws Exception {
		Set<String> rows = new HashSet<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select hash from blobs")) {
			while (result.next()) {
				rows.add(result.getString(1));
			}
		}
		return rows;
	}

	/**
	 * A worker: creates, updates and deletes records of its own through either instance
	 * at random, and reads each acknowledged write back through the other. Once a
	 * connection to the victim fails after the kill began, the write it carried is in
	 * doubt and the worker goes on through the survivor alone.
	 */
	private Object work(String worker, Records records, Ledger ledger) {
		List<String> mine = new ArrayList<>();
		boolean victimUp = true;
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int n = 0; this.running.get(); n++) {
			PackagedService target = (victimUp && random.nextBoolean()) ? this.victim : this.survivor;
			PackagedService reader = (victimUp && target == this.survivor) ? this.victim : this.survivor;
			String id = null;
			String attempted = null;
			double dice = random.nextDouble();
			try {
				if (mine.isEmpty() || (dice < 0.35 && mine.size() < records.most())) {
					attempted = records.next(random);
					id = records.create(target, worker.replaceAll("\\W", "") + "-" + n, attempted);
					mine.add(id);
				}
				else if (dice < 0.55) {
					id = mine.remove(random.nextInt(mine.size()));
					attempted = GONE;
					records.delete(target, id);
				}
				else {
					id = mine.get(random.nextInt(mine.size()));
					attempted = records.next(random);
					records.update(target, id, attempted);
				}
				ledger.acknowledge(id, attempted);
			}
			catch (Throwable ex) {
				if (target != this.victim || !Acknowledgements.explainedByTheKill(ex, this.killing)) {
					return Acknowledgements.stop(ex, this.killing, this.unexpected, worker);
				}
				if (id != null) {
					ledger.doubt(id, attempted);
					mine.remove(id);
				}
				victimUp = false;
				continue;
			}
			try {
				assertThat(records.state(reader, id)).as("%s read back through the other instance", id)
					.isEqualTo(attempted);
			}
			catch (Throwable ex) {
				if (reader != this.victim || !Acknowledgements.explainedByTheKill(ex, this.killing)) {
					return Acknowledgements.stop(ex, this.killing, this.unexpected, worker);
				}
				victimUp = false;
			}
		}
		return null;
	}

}
