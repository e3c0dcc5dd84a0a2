package io.flarekit.storage;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.core.io.Resource;

/**
 * Where file contents live, addressed by the SHA-256 of their bytes: identical contents
 * are stored once, and a client's file name never becomes a path. Writing is two steps so
 * that slow work stays outside database transactions: {@link #stage} streams the bytes to
 * a private place and hashes them, {@link #commit} makes them visible under their hash,
 * atomically. Small enough for an S3-compatible implementation to follow.
 */
public interface BlobStore {

	/**
	 * Streams content into the store's staging area and hashes it. Nothing is visible
	 * under the hash until {@link #commit}.
	 * @param content the bytes; read to the end, not closed
	 * @param maxBytes the most bytes accepted
	 * @return the staged blob
	 * @throws BlobTooLargeException when the content is longer than {@code maxBytes}
	 * (nothing stays behind)
	 * @throws IOException when the bytes cannot be stored, the disk being full included
	 * (nothing stays behind)
	 */
	StagedBlob stage(InputStream content, long maxBytes) throws IOException;

	/**
	 * Makes a staged blob readable under its hash: atomically, durably (on disk before
	 * this returns), and without effect when a blob with that hash is already stored. The
	 * staged copy is gone afterwards.
	 * @param staged a blob from {@link #stage}
	 * @throws IOException when it cannot be stored
	 */
	void commit(StagedBlob staged) throws IOException;

	/** Drops a staged blob that will not be committed. Never fails. */
	void discard(StagedBlob staged);

	/**
	 * The content of a blob, as a resource that knows its length and can be read from any
	 * offset (so that HTTP range requests work).
	 * @param hash the blob's SHA-256, lower-case hex
	 * @return the content, or empty when no such blob is stored
	 */
	Optional<Resource> open(String hash);

	/**
	 * Removes a blob; nothing happens when it is not there.
	 * @param hash the blob's SHA-256
	 * @throws IOException when it cannot be removed
	 */
	void delete(String hash) throws IOException;

	/**
	 * Calls back with every stored blob, for the clean-up of unreferenced ones.
	 * @param action called with each blob
	 * @throws IOException when the store cannot be listed
	 */
	void forEach(Consumer<StoredBlob> action) throws IOException;

	/**
	 * Removes staged blobs older than a given age: what a crash or a cut connection left.
	 * @param olderThan how old a staged blob must be to go
	 * @return how many were removed
	 * @throws IOException when the staging area cannot be listed
	 */
	int sweepStaging(Duration olderThan) throws IOException;

	/**
	 * Bytes streamed into the staging area: their hash and size, and a way to read the
	 * first bytes (to detect the type) before committing.
	 */
	interface StagedBlob {

		/** The SHA-256 of the bytes, lower-case hex. */
		String hash();

		long size();

		/** Reads the staged bytes from the start. */
		InputStream open() throws IOException;

	}

	/**
	 * Content that reads a slice of itself without reading what comes before it: an
	 * object store answers a ranged GET with just those bytes, where skipping over a
	 * whole-object stream would download the skipped prefix. Resources from {@link #open}
	 * may implement it; downloads with a Range then use it.
	 */
	interface RangeReadable {

		/**
		 * Opens a slice.
		 * @param position the first byte
		 * @param count how many bytes, at least one
		 * @return exactly those bytes
		 * @throws IOException when the store cannot be read
		 */
		InputStream read(long position, long count) throws IOException;

	}

	/**
	 * A stored blob.
	 *
	 * @param hash its SHA-256, lower-case hex
	 * @param size its length in bytes
	 * @param storedAt when it was written
	 */
	record StoredBlob(String hash, long size, Instant storedAt) {
	}

	/** The content was longer than allowed. */
	class BlobTooLargeException extends IOException {

		public BlobTooLargeException(long maxBytes) {
			super("The content is larger than " + maxBytes + " bytes");
		}

	}

}
