package io.flarekit.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Streams bytes into a new file and hashes them on the way (SHA-256): the one copy behind
 * staged blobs and upload parts, so that both stop at their limit, keep the disk reserve
 * and reach the disk the same way. It never reads more than one byte past the limit:
 * enough to know it is exceeded, without pulling the rest of an oversized body.
 */
final class HashedCopy {

	private static final int BUFFER_SIZE = 64 * 1024;

	private HashedCopy() {
	}

	/**
	 * What was written.
	 *
	 * @param hash the SHA-256 of the bytes, lower-case hex
	 * @param size their length
	 */
	record Copied(String hash, long size) {
	}

	/**
	 * Copies a stream into a file that must not exist yet, and flushes it to disk.
	 * @param content the bytes; read to the end (or one byte past the limit), not closed
	 * @param target the new file
	 * @param maxBytes the most bytes accepted
	 * @param reserve the free space the file may not take, checked before and after
	 * @return the hash and the size
	 * @throws BlobStore.BlobTooLargeException when the content is longer than
	 * {@code maxBytes}
	 * @throws DiskReserve.Reached when the file would take the reserve
	 * @throws IOException when it cannot be written
	 */
	static Copied toNewFile(InputStream content, Path target, long maxBytes, DiskReserve reserve) throws IOException {
		Objects.requireNonNull(content, "content");
		if (maxBytes < 0) {
			throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
		}
		reserve.check(target.getParent());
		MessageDigest digest = sha256();
		long size = 0;
		try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			byte[] buffer = new byte[BUFFER_SIZE];
			while (true) {
				long remaining = maxBytes - size;
				int wanted = (remaining >= buffer.length) ? buffer.length : (int) remaining + 1;
				int read = content.read(buffer, 0, wanted);
				if (read < 0) {
					break;
				}
				size += read;
				if (size > maxBytes) {
					throw new BlobStore.BlobTooLargeException(maxBytes);
				}
				digest.update(buffer, 0, read);
				ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, read);
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
			}
			reserve.check(target);
			channel.force(true);
		}
		catch (Throwable ex) {
			try {
				Files.deleteIfExists(target);
			}
			catch (IOException suppressed) {
				ex.addSuppressed(suppressed);
			}
			throw ex;
		}
		return new Copied(HexFormat.of().formatHex(digest.digest()), size);
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
