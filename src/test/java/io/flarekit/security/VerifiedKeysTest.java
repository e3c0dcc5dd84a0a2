package io.flarekit.security;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One database read per expired key, however many requests carry it at that moment; but
 * never an answer read before a revocation for a request made after it. The database is a
 * function here that holds each read until the test lets it go, so that the requests meet
 * while a read is in progress.
 */
class VerifiedKeysTest {

	private static final VerifiedKey KEY = new VerifiedKey("k1", List.of("reader"), null);

	private final ExecutorService threads = Executors.newFixedThreadPool(2);

	private final CountDownLatch release = new CountDownLatch(1);

	private final AtomicInteger reads = new AtomicInteger();

	private final KeyCache cache = new KeyCache(
			new KeyProperties(null, Duration.ofMinutes(1), 10, Duration.ofMinutes(1)));

	@AfterEach
	void stop() {
		this.release.countDown();
		this.threads.shutdownNow();
	}

	private VerifiedKeys keys(RuntimeException failure) {
		return new VerifiedKeys((hash) -> {
			this.reads.incrementAndGet();
			try {
				this.release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (failure != null) {
				throw failure;
			}
			return Optional.of(KEY);
		}, this.cache);
	}

	@Test
	void requestsThatMeetAnExpiredKeyShareOneRead() throws Exception {
		VerifiedKeys keys = keys(null);
		Future<Optional<VerifiedKey>> first = this.threads.submit(() -> keys.find("hash"));
		awaitReads(1);
		Future<Optional<VerifiedKey>> second = this.threads.submit(() -> keys.find("hash"));
		Thread.sleep(200);
		this.release.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS)).contains(KEY);
		assertThat(second.get(10, TimeUnit.SECONDS)).contains(KEY);
		assertThat(this.reads).hasValue(1);
		assertThat(keys.find("hash")).contains(KEY);
		assertThat(this.reads).hasValue(1);
	}

	@Test
	void aRequestAfterARevocationReadsForItself() throws Exception {
		VerifiedKeys keys = keys(null);
		Future<Optional<VerifiedKey>> first = this.threads.submit(() -> keys.find("hash"));
		awaitReads(1);
		this.cache.invalidateAll();
		Future<Optional<VerifiedKey>> second = this.threads.submit(() -> keys.find("hash"));
		awaitReads(2);
		this.release.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS)).contains(KEY);
		assertThat(second.get(10, TimeUnit.SECONDS)).contains(KEY);
	}

	@Test
	void aFailedReadFailsTheRequestsThatWaitedForIt() throws Exception {
		IllegalStateException down = new IllegalStateException("database down");
		VerifiedKeys keys = keys(down);
		Future<Optional<VerifiedKey>> first = this.threads.submit(() -> keys.find("hash"));
		awaitReads(1);
		Future<Optional<VerifiedKey>> second = this.threads.submit(() -> keys.find("hash"));
		Thread.sleep(200);
		this.release.countDown();
		assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasCause(down);
		assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).hasCause(down);
		assertThat(this.reads).hasValue(1);
		assertThat(this.cache.get("hash")).isNull();
	}

	private void awaitReads(int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.reads.get() < count) {
			assertThat(System.nanoTime()).as("waiting for read %d", count).isLessThan(deadline);
			Thread.sleep(5);
		}
	}

}
