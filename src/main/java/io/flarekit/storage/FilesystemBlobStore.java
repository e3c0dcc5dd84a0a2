package io.flarekit.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * A {@link BlobStore} in a folder of the local file system, so that a single server needs
 * nothing but its disk. A blob lives at {@code root/ab/cd/abcd…} (two levels of 256
 * folders keep each folder small); staged bytes live in {@code root/.staging}, on the
 * same file system, so that committing is one atomic rename. Every write is flushed to
 * disk (the file, then its folder) before it is reported done, and every hash is checked
 * to be 64 lower-case hex digits before it touches a path, so no argument can point
 * outside the root. Holds no mutable state: safe for any number of threads, and for
 * several stores on the same folder.
 */
final class FilesystemBlobStore implements BlobStore {

	private static final String STAGING = ".staging";

	private static final String STAGING_SUFFIX = ".tmp";

	private static final int BUFFER_SIZE = 64 * 1024;

	private static final HexFormat HEX = HexFormat.of();

	private final Path root;

	private final Path staging;

	private final DiskReserve reserve;

	/**
	 * Opens the store in a folder, creating it (and its staging folder) when missing.
	 * @param root the folder that holds the blobs
	 * @throws UncheckedIOException when the folder cannot be created or written, naming
	 * it
	 */
	FilesystemBlobStore(Path root) {
		this(root, DiskReserve.NONE);
	}

	/**
	 * Opens the store in a folder, creating it (and its staging folder) when missing.
	 * @param root the folder that holds the blobs
	 * @param reserve the free space that staging a blob may not take
	 * @throws UncheckedIOException when the folder cannot be created or written, naming
	 * it
	 */
	FilesystemBlobStore(Path root, DiskReserve reserve) {
		this.reserve = reserve;
		this.root = root.toAbsolutePath().normalize();
		this.staging = this.root.resolve(STAGING);
		try {
			Files.createDirectories(this.root);
			Files.createDirectories(this.staging);
			Path probe = Files.createTempFile(this.staging, "probe-", STAGING_SUFFIX);
			Files.delete(probe);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"Cannot use " + this.root + " as the blob folder: it cannot be created or written (" + ex + ")",
					ex);
		}
	}

	@Override
	public StagedBlob stage(InputStream content, long maxBytes) throws IOException {
		Objects.requireNonNull(content, "content");
		if (maxBytes < 0) {
			throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
		}
		this.reserve.check(this.staging);
		MessageDigest digest = sha256();
		Path path = this.staging.resolve(UUID.randomUUID() + STAGING_SUFFIX);
		long size = 0;
		try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			byte[] buffer = new byte[BUFFER_SIZE];
			while (true) {
				// Never read more than one byte past the limit: enough to know it is
				// exceeded, without pulling the rest of an oversized upload.
				long remaining = maxBytes - size;
				int wanted = (remaining >= buffer.length) ? buffer.length : (int) remaining + 1;
				int read = content.read(buffer, 0, wanted);
				if (read < 0) {
					break;
				}
				size += read;
				if (size > maxBytes) {
					throw new BlobTooLargeException(maxBytes);
				}
				digest.update(buffer, 0, read);
				ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, read);
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
			}
			this.reserve.check(path);
			channel.force(true);
		}
		catch (Throwable ex) {
			deleteQuietly(path, ex);
			throw ex;
		}
		return new Staged(this, path, HEX.formatHex(digest.digest()), size);
	}

	@Override
	public void commit(StagedBlob staged) throws IOException {
		Staged blob = own(staged);
		Path target = blobPath(blob.hash());
		Path folder = target.getParent();
		createFolders(folder);
		if (Files.exists(target)) {
			Files.deleteIfExists(blob.path());
			return;
		}
		try {
			// Replaces an identical blob committed meanwhile, where the platform does so
			try {
				Files.move(blob.path(), target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				// Only when the staging folder was made a separate file system; a plain
				// move then copies, so it never replaces a blob that is already there.
				Files.move(blob.path(), target);
			}
		}
		catch (FileAlreadyExistsException ex) {
			// Committed meanwhile by another thread or process: same hash, same bytes
			Files.deleteIfExists(blob.path());
			return;
		}
		syncFolder(folder);
	}

	@Override
	public void discard(StagedBlob staged) {
		if (staged instanceof Staged blob && blob.store() == this) {
			deleteQuietly(blob.path(), null);
		}
	}

	@Override
	public boolean exists(String hash) {
		return Files.isRegularFile(blobPath(hash));
	}

	@Override
	public Optional<Resource> open(String hash) {
		Path path = blobPath(hash);
		return Files.isRegularFile(path) ? Optional.of(new FileSystemResource(path)) : Optional.empty();
	}

	@Override
	public void delete(String hash) throws IOException {
		Path path = blobPath(hash);
		// The folders stay: removing them would race with a commit into them
		if (Files.deleteIfExists(path)) {
			syncFolder(path.getParent());
		}
	}

	@Override
	public void forEach(Consumer<StoredBlob> action) throws IOException {
		Objects.requireNonNull(action, "action");
		try (DirectoryStream<Path> firsts = Files.newDirectoryStream(this.root, FilesystemBlobStore::isPrefixFolder)) {
			for (Path first : firsts) {
				try (DirectoryStream<Path> seconds = Files.newDirectoryStream(first,
						FilesystemBlobStore::isPrefixFolder)) {
					for (Path second : seconds) {
						forEachIn(second, first.getFileName() + "" + second.getFileName(), action);
					}
				}
				catch (NoSuchFileException ex) {
					// Removed from outside meanwhile: nothing to list
				}
			}
		}
	}

	private void forEachIn(Path folder, String prefix, Consumer<StoredBlob> action) throws IOException {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
			for (Path file : files) {
				String name = file.getFileName().toString();
				if (!isHash(name) || !name.startsWith(prefix)) {
					continue;
				}
				BasicFileAttributes attributes;
				try {
					attributes = Files.readAttributes(file, BasicFileAttributes.class);
				}
				catch (NoSuchFileException ex) {
					continue; // deleted meanwhile
				}
				if (attributes.isRegularFile()) {
					action.accept(new StoredBlob(name, attributes.size(), attributes.lastModifiedTime().toInstant()));
				}
			}
		}
		catch (NoSuchFileException ex) {
			// Removed from outside meanwhile: nothing to list
		}
	}

	@Override
	public int sweepStaging(Duration olderThan) throws IOException {
		Instant cutoff = Instant.now().minus(olderThan);
		int removed = 0;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.staging)) {
			for (Path file : files) {
				try {
					BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
					if (attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isBefore(cutoff)
							&& Files.deleteIfExists(file)) {
						removed++;
					}
				}
				catch (NoSuchFileException ex) {
					// Committed or discarded meanwhile
				}
			}
		}
		return removed;
	}

	private Staged own(StagedBlob staged) {
		if (staged instanceof Staged blob && blob.store() == this) {
			return blob;
		}
		throw new IllegalArgumentException("Not a blob staged by this store: " + staged);
	}

	/** Where a blob lives; the only way from a hash to a path. */
	private Path blobPath(String hash) {
		if (!isHash(hash)) {
			throw new IllegalArgumentException("Not a SHA-256 in lower-case hex: " + abbreviate(hash));
		}
		return this.root.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
	}

	/** Creates a blob's two folders, flushing each new entry in its parent to disk. */
	private void createFolders(Path folder) throws IOException {
		Path first = folder.getParent();
		if (!Files.isDirectory(first)) {
			Files.createDirectories(first);
			syncFolder(this.root);
		}
		if (!Files.isDirectory(folder)) {
			Files.createDirectories(folder);
			syncFolder(first);
		}
	}

	private static boolean isHash(String value) {
		return isHex(value, 64);
	}

	private static boolean isHex(String value, int length) {
		if (value == null || value.length() != length) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isPrefixFolder(Path path) {
		String name = path.getFileName().toString();
		return isHex(name, 2) && Files.isDirectory(path);
	}

	private static String abbreviate(String value) {
		if (value == null) {
			return "null";
		}
		return (value.length() <= 80) ? "'" + value + "'" : "'" + value.substring(0, 80) + "…'";
	}

	/**
	 * Flushes a folder's entries (a new, renamed or removed file) to disk. Some platforms
	 * cannot open a folder for this; there the rename is as durable as the platform makes
	 * it.
	 */
	private static void syncFolder(Path folder) {
		try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// Not supported here (Windows, some file systems)
		}
	}

	private static void deleteQuietly(Path path, Throwable failure) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			if (failure != null) {
				failure.addSuppressed(ex);
			}
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	/** Bytes in the staging folder, known only to the store that staged them. */
	private record Staged(FilesystemBlobStore store, Path path, String hash, long size) implements StagedBlob {

		@Override
		public InputStream open() throws IOException {
			return Files.newInputStream(this.path);
		}

		@Override
		public String toString() {
			return "staged blob " + this.hash + " (" + this.size + " bytes)";
		}

	}

}
