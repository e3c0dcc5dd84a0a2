package io.flarekit.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import io.flarekit.storage.BlobStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streams bytes of unknown length into one object and hashes them on the way (SHA-256),
 * holding at most one part in memory: content that fits one part is one PUT, longer
 * content an S3 multipart upload of {@link #PART_SIZE} parts. Nothing touches the local
 * disk. Like the filesystem's copy, it reads at most one byte past the limit, and leaves
 * nothing behind when it fails.
 */
final class StreamedUpload {

	/** The memory one upload in progress holds; S3's smallest part is 5 MiB. */
	static final int PART_SIZE = 5 * 1024 * 1024;

	private StreamedUpload() {
	}

	/**
	 * What was written.
	 *
	 * @param hash the SHA-256 of the bytes, lower-case hex
	 * @param size their length
	 */
	record Written(String hash, long size) {
	}

	/**
	 * Writes a stream to a new object; the object exists, whole, when this returns.
	 * @param s3 the client
	 * @param bucket the bucket
	 * @param key the object's key
	 * @param content the bytes; read to the end (or one byte past the limit), not closed
	 * @param maxBytes the most bytes accepted
	 * @return the hash and the size
	 * @throws BlobStore.BlobTooLargeException when the content is longer than
	 * {@code maxBytes}
	 * @throws IOException when the content cannot be read or the store fails
	 */
	static Written write(S3Client s3, String bucket, String key, InputStream content, long maxBytes)
			throws IOException {
		MessageDigest digest = sha256();
		byte[] buffer = new byte[(int) Math.min(PART_SIZE, maxBytes + 1)];
		int first = fill(content, buffer, buffer.length);
		long size = first;
		if (size > maxBytes) {
			throw new BlobStore.BlobTooLargeException(maxBytes);
		}
		digest.update(buffer, 0, first);
		if (first < buffer.length) {
			S3Calls.run(() -> s3.putObject((put) -> put.bucket(bucket).key(key),
					RequestBody.fromBytes(Arrays.copyOf(buffer, first))));
			return new Written(HexFormat.of().formatHex(digest.digest()), size);
		}
		String uploadId = S3Calls
			.call(() -> s3.createMultipartUpload((create) -> create.bucket(bucket).key(key)).uploadId());
		int filled = first;
		try {
			List<CompletedPart> parts = new ArrayList<>();
			while (filled > 0) {
				int number = parts.size() + 1;
				int length = filled;
				String etag = S3Calls.call(
						() -> s3
							.uploadPart((part) -> part.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
									RequestBody.fromBytes(Arrays.copyOf(buffer, length)))
							.eTag());
				parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
				long remaining = maxBytes - size;
				filled = fill(content, buffer, (int) Math.min(buffer.length, remaining + 1));
				size += filled;
				if (size > maxBytes) {
					throw new BlobStore.BlobTooLargeException(maxBytes);
				}
				digest.update(buffer, 0, filled);
			}
			S3Calls.run(() -> s3.completeMultipartUpload((complete) -> complete.bucket(bucket)
				.key(key)
				.uploadId(uploadId)
				.multipartUpload((upload) -> upload.parts(parts))));
		}
		catch (IOException | RuntimeException ex) {
			try {
				s3.abortMultipartUpload((abort) -> abort.bucket(bucket).key(key).uploadId(uploadId));
			}
			catch (SdkException suppressed) {
				// the staging sweep aborts it later
				ex.addSuppressed(suppressed);
			}
			throw ex;
		}
		return new Written(HexFormat.of().formatHex(digest.digest()), size);
	}

	/** Reads until the buffer holds {@code wanted} bytes or the stream ends. */
	private static int fill(InputStream content, byte[] buffer, int wanted) throws IOException {
		int filled = 0;
		while (filled < wanted) {
			int read = content.read(buffer, filled, wanted - filled);
			if (read < 0) {
				break;
			}
			filled += read;
		}
		return filled;
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
