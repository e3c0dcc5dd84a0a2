package io.flarekit.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import io.flarekit.storage.BlobKeys;
import io.flarekit.storage.BlobStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import org.springframework.core.io.Resource;

/**
 * A {@link BlobStore} in a bucket of an S3-compatible object store, so that several
 * instances share one set of blobs. Keys follow the disk's layout,
 * {@code blobs/ab/cd/abcd…}; staged bytes are streamed to {@code staging/<random>} while
 * they are hashed, with at most one part in memory ({@link StreamedUpload}). Committing
 * is a server-side copy to the hash's key, skipped when that key exists: S3 makes an
 * object visible whole or not at all, and the same bytes copied twice are still one
 * object. A write has been stored durably when S3 acknowledges it.
 */
final class S3BlobStore implements BlobStore {

	static final String BLOBS = "blobs/";

	static final String STAGING = "staging/";

	private final S3Client s3;

	private final String bucket;

	S3BlobStore(S3Client s3, String bucket) {
		this.s3 = s3;
		this.bucket = bucket;
	}

	@Override
	public StagedBlob stage(InputStream content, long maxBytes) throws IOException {
		String key = STAGING + UUID.randomUUID();
		StreamedUpload.Written written = StreamedUpload.write(this.s3, this.bucket, key, content, maxBytes);
		return new Staged(this, key, written.hash(), written.size());
	}

	@Override
	public void commit(StagedBlob staged) throws IOException {
		Staged blob = own(staged);
		String target = key(blob.hash());
		if (head(target).isEmpty()) {
			S3Calls.run(() -> this.s3.copyObject((copy) -> copy.sourceBucket(this.bucket)
				.sourceKey(blob.key())
				.destinationBucket(this.bucket)
				.destinationKey(target)));
		}
		S3Calls.run(() -> this.s3.deleteObject((delete) -> delete.bucket(this.bucket).key(blob.key())));
	}

	@Override
	public void discard(StagedBlob staged) {
		if (staged instanceof Staged blob && blob.store() == this) {
			try {
				this.s3.deleteObject((delete) -> delete.bucket(this.bucket).key(blob.key()));
			}
			catch (SdkException ex) {
				// Never fails: the staging sweep removes it later
			}
		}
	}

	/**
	 * {@inheritDoc}
	 * @throws UncheckedIOException when the store cannot be reached
	 */
	@Override
	public Optional<Resource> open(String hash) {
		String key = key(hash);
		try {
			return head(key).map((head) -> new S3Resource(this.s3, this.bucket, key, head.contentLength()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void delete(String hash) throws IOException {
		String key = key(hash);
		S3Calls.run(() -> this.s3.deleteObject((delete) -> delete.bucket(this.bucket).key(key)));
	}

	@Override
	public void forEach(Consumer<StoredBlob> action) throws IOException {
		for (S3Object object : S3Calls.list(this.s3, this.bucket, BLOBS)) {
			String key = object.key();
			String hash = key.substring(key.lastIndexOf('/') + 1);
			if (BlobKeys.isHash(hash) && key.equals(key(hash))) {
				action.accept(new StoredBlob(hash, object.size(), object.lastModified()));
			}
		}
	}

	@Override
	public int sweepStaging(Duration olderThan) throws IOException {
		Instant cutoff = Instant.now().minus(olderThan);
		int removed = 0;
		for (S3Object object : S3Calls.list(this.s3, this.bucket, STAGING)) {
			if (object.lastModified().isBefore(cutoff)) {
				S3Calls.run(() -> this.s3.deleteObject((delete) -> delete.bucket(this.bucket).key(object.key())));
				removed++;
			}
		}
		return removed + S3MultipartSweep.abortOlderThan(this.s3, this.bucket, STAGING, cutoff);
	}

	private Optional<HeadObjectResponse> head(String key) throws IOException {
		try {
			return Optional.of(this.s3.headObject((head) -> head.bucket(this.bucket).key(key)));
		}
		catch (NoSuchKeyException ex) {
			return Optional.empty();
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return Optional.empty();
			}
			throw new IOException("The object store failed: " + ex.getMessage(), ex);
		}
		catch (SdkException ex) {
			throw new IOException("The object store failed: " + ex.getMessage(), ex);
		}
	}

	/**
	 * A blob's key.
	 * @throws IllegalArgumentException when the hash is not 64 lower-case hex digits
	 */
	static String key(String hash) {
		return BLOBS + BlobKeys.of(hash);
	}

	private Staged own(StagedBlob staged) {
		if (staged instanceof Staged blob && blob.store() == this) {
			return blob;
		}
		throw new IllegalArgumentException("Not a blob staged by this store: " + staged);
	}

	/** Bytes under a staging key, known only to the store that staged them. */
	private record Staged(S3BlobStore store, String key, String hash, long size) implements StagedBlob {

		@Override
		public InputStream open() throws IOException {
			return S3Calls.call(() -> this.store.s3.getObject((get) -> get.bucket(this.store.bucket).key(this.key)));
		}

		@Override
		public String toString() {
			return "staged blob " + this.hash + " (" + this.size + " bytes)";
		}

	}

}
