package io.flarekit.storage;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.flarekit.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two races that could lose a live record's blob when instances share a database and
 * a blob store, played step by step on a real PostgreSQL: each side runs on its own
 * connection, as two instances would, and nothing but the database orders them.
 * <ul>
 * <li>A record is being written for a blob while a collection of that blob begins: the
 * collection waits for the record's transaction and then keeps the blob.</li>
 * <li>A collection has found a blob unreferenced and is about to delete it while an
 * upload of the same bytes begins: the upload waits, then stores its own copy again.</li>
 * </ul>
 * The subclasses run them at READ COMMITTED and at SERIALIZABLE.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
abstract class BlobCoordinationTest {

	/** How long a step that must wait is watched, to see that it does. */
	private static final long BLOCKED_MS = 700;

	@Autowired
	BlobStore blobs;

	@Autowired
	BlobReferences references;

	@Autowired
	BlobEntries entries;

	@Autowired
	StorageService storage;

	@Autowired
	StorageReferences records;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	static void postgres(DynamicPropertyRegistry registry, String isolation) throws Exception {
		Path data = Files.createTempDirectory("flarekit-blobs");
		registry.add("spring.datasource.url", () -> TestPostgres.newDatabase("blobs"));
		registry.add("spring.datasource.username", TestPostgres::user);
		registry.add("spring.datasource.password", TestPostgres::password);
		registry.add("spring.datasource.hikari.transaction-isolation", () -> isolation);
		registry.add("flarekit.security.bootstrap-admin-key",
				() -> "test-admin-key-0123456789abcdefghijklmnopqrstuvwxyz");
		registry.add("flarekit.storage.blob-dir", () -> data.resolve("blobs").toString());
		registry.add("flarekit.storage.uploads.dir", () -> data.resolve("uploads").toString());
	}

	@BeforeEach
	void empty() {
		this.jdbc.execute("delete from storage_info");
		this.jdbc.execute("delete from storage");
		this.jdbc.execute("delete from blobs");
	}

	@Test
	void aCollectionWaitsForTheRecordBeingWrittenAndKeepsTheBlob() throws Exception {
		byte[] content = Files4Test.png(101);
		BlobStore.StagedBlob staged = stage(content);
		CountDownLatch committed = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		CompletableFuture<Storage> record = CompletableFuture.supplyAsync(() -> transaction().execute((status) -> {
			BlobReferences.Claim claim = this.references.claim(staged);
			claim.lock();
			claim.commit();
			committed.countDown();
			await(finish);
			return this.storage.create(new Storage(FileNames.key(staged.hash(), "a.png"), "a.png", staged.size(),
					"image/png", staged.hash()));
		}));
		await(committed);
		CompletableFuture<Boolean> collection = CompletableFuture
			.supplyAsync(() -> this.references.collect(staged.hash(), staged.size()));
		Thread.sleep(BLOCKED_MS);
		assertThat(collection).as("the collection waits for the blob's row").isNotDone();
		finish.countDown();
		assertThat(record.get(10, TimeUnit.SECONDS)).isNotNull();
		assertThat(collectionRemoved(collection)).as("the blob is referenced now").isFalse();
		assertThat(this.blobs.open(staged.hash())).as("the record's blob").isPresent();
		assertThat(this.records.countByHash(staged.hash())).isEqualTo(1);
	}

	@Test
	void anUploadWaitsForACollectionUnderWayAndStoresItsOwnCopyAgain() throws Exception {
		byte[] content = Files4Test.png(102);
		BlobStore.StagedBlob old = stage(content);
		this.blobs.commit(old);
		CountDownLatch counted = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		// a collection of the unreferenced blob: locked, counted, and about to delete it
		CompletableFuture<Void> collection = CompletableFuture
			.runAsync(() -> transaction().executeWithoutResult((s) -> {
				this.entries.lock(old.hash(), old.size());
				assertThat(this.records.countByHash(old.hash())).isZero();
				counted.countDown();
				await(finish);
				try {
					this.blobs.delete(old.hash());
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
				this.entries.delete(old.hash());
			}));
		await(counted);
		BlobStore.StagedBlob upload = stage(content);
		CompletableFuture<StorageService.Accepted> stored = CompletableFuture
			.supplyAsync(() -> this.storage.store(upload, "same.png", "image/png"));
		Thread.sleep(BLOCKED_MS);
		assertThat(stored).as("the upload waits for the blob's row").isNotDone();
		finish.countDown();
		collection.get(10, TimeUnit.SECONDS);
		assertThat(stored.get(10, TimeUnit.SECONDS).appended()).isTrue();
		assertThat(this.blobs.open(upload.hash())).as("the new record's blob").isPresent();
		assertThat(this.records.countByHash(upload.hash())).isEqualTo(1);
	}

	@Test
	void aCollectionRemovesAnUnreferencedBlobAndItsRow() throws Exception {
		BlobStore.StagedBlob staged = stage(Files4Test.png(103));
		StorageService.Accepted stored = this.storage.store(staged, "gone.png", "image/png");
		assertThat(this.entries.exists(staged.hash())).isTrue();
		this.storage.delete(stored.record().getId(), true);
		assertThat(this.blobs.open(staged.hash())).isEmpty();
		assertThat(this.entries.exists(staged.hash())).isFalse();
	}

	/** What the collection returned; a refusal at SERIALIZABLE removed nothing either. */
	private static boolean collectionRemoved(CompletableFuture<Boolean> collection) throws Exception {
		try {
			return collection.get(10, TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			assertThat(io.flarekit.core.error.SerializationFailure.isCause(ex)).as(ex.toString()).isTrue();
			return false;
		}
	}

	private BlobStore.StagedBlob stage(byte[] content) throws Exception {
		return this.blobs.stage(new ByteArrayInputStream(content), 1024 * 1024);
	}

	private TransactionTemplate transaction() {
		return new TransactionTemplate(this.transactionManager);
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
