package io.flarekit.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.flarekit.storage.BlobStore.BlobTooLargeException;
import io.flarekit.storage.BlobStore.StagedBlob;
import io.flarekit.storage.BlobStore.StoredBlob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link BlobStore} does, run on each implementation by a subclass: what is
 * committed reads back byte for byte under its SHA-256, identical contents are stored
 * once even when written at once, and whatever fails (too large, a broken stream) leaves
 * nothing behind.
 */
public abstract class BlobStoreContract {

	/** SHA-256 of "abc", from FIPS 180-2. */
	protected static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

	/** SHA-256 of no bytes. */
	protected static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

	protected BlobStore store;

	/** A new, empty store; called before each test. */
	protected abstract BlobStore newStore() throws Exception;

	/**
	 * Another store, beside {@link #store}, whose staged blobs {@link #store} must
	 * refuse.
	 */
	protected abstract BlobStore otherStore() throws Exception;

	/** What is in the staging area: file names or keys. */
	protected abstract List<String> stagingFiles();

	/** The committed blobs, as paths or keys that end with {@code ab/cd/<hash>}. */
	protected abstract List<String> blobFiles();

	@BeforeEach
	void openStore() throws Exception {
		this.store = newStore();
	}

	@Test
	void stagedAndCommittedContentReadsBackUnderItsHash() throws Exception {
		byte[] content = randomBytes(300_000, 1);
		StagedBlob staged = this.store.stage(new ByteArrayInputStream(content), 1_000_000);
		assertThat(staged.hash()).isEqualTo(sha256(content));
		assertThat(staged.size()).isEqualTo(content.length);
		try (InputStream in = staged.open()) {
			assertThat(in.readAllBytes()).isEqualTo(content);
		}
		assertThat(this.store.open(staged.hash())).as("not visible before commit").isEmpty();

		this.store.commit(staged);

		Resource resource = this.store.open(staged.hash()).orElseThrow();
		assertThat(resource.contentLength()).isEqualTo(content.length);
		try (InputStream in = resource.getInputStream()) {
			assertThat(in.readAllBytes()).isEqualTo(content);
		}
		String hash = staged.hash();
		assertThat(blobFiles()).singleElement()
			.asString()
			.endsWith(hash.substring(0, 2) + "/" + hash.substring(2, 4) + "/" + hash);
		assertThat(stagingFiles()).isEmpty();
	}

	@Test
	void hashesAreTheStandardSha256() throws Exception {
		assertThat(stage("abc").hash()).isEqualTo(ABC);
		assertThat(stage("").hash()).isEqualTo(EMPTY);
	}

	@Test
	void anEmptyBlobCanBeStored() throws Exception {
		StagedBlob staged = stage("");
		this.store.commit(staged);
		assertThat(this.store.open(EMPTY).orElseThrow().contentLength()).isZero();
	}

	@Test
	void identicalContentIsStoredOnce() throws Exception {
		StagedBlob first = stage("the same bytes");
		StagedBlob second = stage("the same bytes");
		assertThat(second.hash()).isEqualTo(first.hash());
		this.store.commit(first);
		this.store.commit(second);
		assertThat(blobFiles()).hasSize(1);
		assertThat(stagingFiles()).isEmpty();
		assertThat(read(first.hash())).isEqualTo("the same bytes");
	}

	@Test
	void committingTheSameStagedBlobTwiceIsHarmless() throws Exception {
		StagedBlob staged = stage("twice");
		this.store.commit(staged);
		this.store.commit(staged);
		assertThat(blobFiles()).hasSize(1);
		assertThat(read(staged.hash())).isEqualTo("twice");
	}

	@Test
	void contentUpToTheLimitIsAccepted() throws Exception {
		StagedBlob staged = this.store.stage(new ByteArrayInputStream(new byte[10]), 10);
		assertThat(staged.size()).isEqualTo(10);
	}

	@Test
	void tooLargeContentIsRefusedAndLeavesNothing() {
		assertThatThrownBy(() -> this.store.stage(new ByteArrayInputStream(new byte[11]), 10))
			.isInstanceOf(BlobTooLargeException.class)
			.hasMessageContaining("10 bytes");
		assertThatThrownBy(() -> this.store.stage(new ByteArrayInputStream(new byte[200_000]), 100_000))
			.isInstanceOf(BlobTooLargeException.class);
		assertThat(stagingFiles()).isEmpty();
		assertThat(blobFiles()).isEmpty();
	}

	@Test
	void readingStopsAsSoonAsTheLimitIsExceeded() {
		Generated endless = new Generated(Long.MAX_VALUE);
		assertThatThrownBy(() -> this.store.stage(endless, 1_000_000)).isInstanceOf(BlobTooLargeException.class);
		assertThat(endless.position()).isEqualTo(1_000_001);
		assertThat(stagingFiles()).isEmpty();
	}

	@Test
	void aStreamThatFailsHalfWayLeavesNothing() {
		InputStream broken = new Generated(1_000_000) {

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				if (position() >= 500_000) {
					throw new IOException("connection reset");
				}
				return super.read(buffer, offset, length);
			}

		};
		assertThatThrownBy(() -> this.store.stage(broken, 10_000_000)).isInstanceOf(IOException.class)
			.hasMessage("connection reset");
		assertThat(stagingFiles()).isEmpty();
		assertThat(blobFiles()).isEmpty();
	}

	@Test
	void aStreamThatFailsUncheckedLeavesNothing() {
		InputStream broken = new InputStream() {

			@Override
			public int read() {
				throw new IllegalStateException("bug in the caller");
			}

		};
		assertThatThrownBy(() -> this.store.stage(broken, 100)).isInstanceOf(IllegalStateException.class);
		assertThat(stagingFiles()).isEmpty();
	}

	@Test
	void discardedBlobsLeaveNothing() throws Exception {
		StagedBlob staged = stage("not wanted");
		assertThat(stagingFiles()).hasSize(1);
		this.store.discard(staged);
		assertThat(stagingFiles()).isEmpty();
		assertThat(this.store.open(staged.hash())).isEmpty();
		assertThatCode(() -> this.store.discard(staged)).as("twice").doesNotThrowAnyException();
		assertThatCode(() -> this.store.discard(null)).doesNotThrowAnyException();
	}

	@Test
	void deletedBlobsAreGone() throws Exception {
		StagedBlob staged = stage("to delete");
		this.store.commit(staged);
		this.store.delete(staged.hash());
		assertThat(this.store.open(staged.hash())).isEmpty();
		assertThat(blobFiles()).isEmpty();
		assertThatCode(() -> this.store.delete(staged.hash())).as("again").doesNotThrowAnyException();
		assertThatCode(() -> this.store.delete(ABC)).as("never stored").doesNotThrowAnyException();
	}

	@Test
	void aDeletedBlobCanBeStoredAgain() throws Exception {
		this.store.commit(stage("back"));
		this.store.delete(sha256("back".getBytes(StandardCharsets.UTF_8)));
		StagedBlob again = stage("back");
		this.store.commit(again);
		assertThat(read(again.hash())).isEqualTo("back");
	}

	@ParameterizedTest
	@ValueSource(strings = { "../../etc/passwd", "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
			"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a",
			"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad0",
			"ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
			"../../../../../../../../../../../../../../../../../../etc/passwd", "", " " })
	void invalidHashesAreRefused(String hash) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.open(hash));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.delete(hash));
	}

	@Test
	void aNullHashIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.open(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.delete(null));
	}

	@Test
	void onlyItsOwnStagedBlobsAreCommitted() throws Exception {
		StagedBlob foreign = new StagedBlob() {

			@Override
			public String hash() {
				return ABC;
			}

			@Override
			public long size() {
				return 3;
			}

			@Override
			public InputStream open() {
				return new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8));
			}

		};
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.commit(foreign));
		BlobStore other = otherStore();
		StagedBlob fromOther = other.stage(new ByteArrayInputStream(new byte[] { 1 }), 10);
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.commit(fromOther));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.commit(null));
		assertThat(blobFiles()).isEmpty();
	}

	@Test
	void forEachOnAnEmptyStoreListsNothing() throws Exception {
		List<StoredBlob> listed = new ArrayList<>();
		this.store.forEach(listed::add);
		assertThat(listed).isEmpty();
	}

	@Test
	void forEachAllowsDeletingWhileListing() throws Exception {
		for (int i = 0; i < 50; i++) {
			this.store.commit(stage("blob " + i));
		}
		List<String> deleted = new ArrayList<>();
		this.store.forEach((blob) -> {
			try {
				this.store.delete(blob.hash());
				deleted.add(blob.hash());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		assertThat(deleted).hasSize(50).doesNotHaveDuplicates();
		assertThat(blobFiles()).isEmpty();
	}

	@Test
	void sixteenThreadsStoringTheSameContentLeaveOneBlob() throws Exception {
		int threads = 16;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			for (int round = 0; round < 5; round++) {
				byte[] content = randomBytes(256 * 1024, round);
				CountDownLatch start = new CountDownLatch(1);
				List<Future<String>> results = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					Callable<String> work = () -> {
						start.await();
						StagedBlob staged = this.store.stage(new ByteArrayInputStream(content), content.length);
						this.store.commit(staged);
						return staged.hash();
					};
					results.add(pool.submit(work));
				}
				start.countDown();
				for (Future<String> result : results) {
					assertThat(result.get(1, TimeUnit.MINUTES)).isEqualTo(sha256(content));
				}
				try (InputStream in = this.store.open(sha256(content)).orElseThrow().getInputStream()) {
					assertThat(in.readAllBytes()).isEqualTo(content);
				}
				assertThat(blobFiles()).hasSize(round + 1);
				assertThat(stagingFiles()).isEmpty();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void a64MiBStreamIsStoredWithoutHoldingItInMemory() throws Exception {
		long size = 64L * 1024 * 1024;
		MessageDigest expected = MessageDigest.getInstance("SHA-256");
		try (InputStream in = new Generated(size)) {
			byte[] buffer = new byte[1 << 20];
			int read;
			while ((read = in.read(buffer)) >= 0) {
				expected.update(buffer, 0, read);
			}
		}
		String hash = HexFormat.of().formatHex(expected.digest());

		StagedBlob staged = this.store.stage(new Generated(size), size);
		assertThat(staged.size()).isEqualTo(size);
		assertThat(staged.hash()).isEqualTo(hash);
		this.store.commit(staged);

		Resource resource = this.store.open(hash).orElseThrow();
		assertThat(resource.contentLength()).isEqualTo(size);
		MessageDigest stored = MessageDigest.getInstance("SHA-256");
		try (InputStream in = resource.getInputStream()) {
			byte[] buffer = new byte[1 << 20];
			int read;
			while ((read = in.read(buffer)) >= 0) {
				stored.update(buffer, 0, read);
			}
		}
		assertThat(HexFormat.of().formatHex(stored.digest())).isEqualTo(hash);
		assertThat(stagingFiles()).isEmpty();
	}

	@Test
	void aRangeReadsOnlyItsBytes() throws Exception {
		byte[] content = randomBytes(100_000, 7);
		StagedBlob staged = this.store.stage(new ByteArrayInputStream(content), content.length);
		this.store.commit(staged);
		Resource resource = this.store.open(staged.hash()).orElseThrow();
		if (resource instanceof BlobStore.RangeReadable ranged) {
			try (InputStream in = ranged.read(40_000, 1000)) {
				assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(content, 40_000, 41_000));
			}
			assertThatIllegalArgumentException().isThrownBy(() -> ranged.read(99_999, 2));
		}
	}

	@Test
	void sweepingWithNoAgeRemovesEveryStagedBlobAndNoCommittedOne() throws Exception {
		StagedBlob committed = stage("kept");
		this.store.commit(committed);
		stage("left by a crash");
		assertThat(this.store.sweepStaging(Duration.ofHours(1))).as("young").isZero();
		assertThat(stagingFiles()).hasSize(1);
		Thread.sleep(5);
		assertThat(this.store.sweepStaging(Duration.ZERO)).isEqualTo(1);
		assertThat(stagingFiles()).isEmpty();
		assertThat(read(committed.hash())).isEqualTo("kept");
	}

	protected StagedBlob stage(String text) throws IOException {
		return this.store.stage(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 1024);
	}

	protected String read(String hash) throws IOException {
		try (InputStream in = this.store.open(hash).orElseThrow().getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	protected static byte[] randomBytes(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	protected static String sha256(byte[] content) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
	}

	/**
	 * A stream of a given length whose bytes are computed from their position, so that
	 * large contents need no memory.
	 */
	static class Generated extends InputStream {

		private final long size;

		private final AtomicLong position = new AtomicLong();

		Generated(long size) {
			this.size = size;
		}

		long position() {
			return this.position.get();
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xff);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			long at = this.position.get();
			if (at >= this.size) {
				return -1;
			}
			int count = (int) Math.min(length, this.size - at);
			for (int i = 0; i < count; i++) {
				long p = at + i;
				buffer[offset + i] = (byte) (p ^ (p >>> 8) ^ (p >>> 19) * 31);
			}
			this.position.addAndGet(count);
			return count;
		}

	}

}
