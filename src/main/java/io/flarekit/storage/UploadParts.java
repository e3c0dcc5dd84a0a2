package io.flarekit.storage;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * Where the parts of large uploads wait until they are completed: a folder per upload on
 * the local disk, or a prefix per upload in the S3 bucket (so that any instance can take
 * the next part). {@link MultipartUploads} keeps the limits and the order of steps; this
 * only keeps bytes. A part is written under a temporary name first, then placed under its
 * number and hash, so that a part sent again replaces the earlier one only once it has
 * arrived whole.
 */
public interface UploadParts {

	/**
	 * Begins an upload.
	 * @param uploadId its id, a UUID
	 * @param name the name the assembled file will have
	 * @throws IOException when it cannot be stored
	 */
	void create(String uploadId, String name) throws IOException;

	/**
	 * The name an upload was begun with.
	 * @param uploadId its id, a UUID
	 * @return the name, or null when there is no such upload
	 * @throws IOException when the store cannot be read
	 */
	String name(String uploadId) throws IOException;

	/**
	 * Streams a part's bytes under a temporary name and hashes them.
	 * @param uploadId the upload, which exists
	 * @param body the bytes; read at most one byte past the limit
	 * @param maxBytes the most bytes accepted
	 * @return the temporary part
	 * @throws io.flarekit.storage.BlobStore.BlobTooLargeException when longer (nothing
	 * stays behind)
	 * @throws IOException when it cannot be stored (nothing stays behind)
	 */
	Written write(String uploadId, InputStream body, long maxBytes) throws IOException;

	/** Gives a temporary part its number: it is then listed by {@link #parts}. */
	void place(String uploadId, Written written, int partNumber) throws IOException;

	/** Drops a temporary part. Never fails. */
	void discard(String uploadId, Written written);

	/** Removes a placed part. */
	void remove(String uploadId, Part part) throws IOException;

	/** The placed parts, ascending by number. */
	List<Part> parts(String uploadId) throws IOException;

	/** Reads a placed part. */
	InputStream open(String uploadId, Part part) throws IOException;

	/** Removes an upload and its parts. Never fails; the stale sweep finishes the job. */
	void abort(String uploadId);

	/**
	 * Removes the uploads with no change since a moment.
	 * @return how many were removed
	 */
	int removeStale(Instant cutoff) throws IOException;

	/**
	 * A part that has arrived.
	 *
	 * @param partNumber its position, from 1
	 * @param etag the SHA-256 of its bytes
	 * @param size its length in bytes
	 */
	record Part(int partNumber, String etag, long size) {
	}

	/**
	 * A part under its temporary name.
	 *
	 * @param name the temporary file or key
	 * @param hash the SHA-256 of its bytes
	 * @param size its length
	 */
	record Written(String name, String hash, long size) {
	}

}
