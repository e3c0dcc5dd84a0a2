package io.flarekit.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * A {@link BlobStore} in a folder of the local file system, so that a single server needs
 * nothing but its disk. Blobs are laid out by {@link BlobLayout}; staged bytes live in
 * {@code root/.staging}, on the same file system, so that committing is one atomic
 * rename. Every write is flushed to disk (the file, then its folder) before it is
 * reported done. Holds no mutable state: safe for any number of threads, and for several
 * stores on the same folder.
 */
final class FilesystemBlobStore implements BlobStore {

	private static final String STAGING = ".staging";

	private static final String STAGING_SUFFIX = ".tmp";

	private final Path root;

	private final Path staging;

	private final BlobLayout layout;

	private final DiskReserve reserve;

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
		this.layout = new BlobLayout(this.root);
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
		Path path = this.staging.resolve(UUID.randomUUID() + STAGING_SUFFIX);
		HashedCopy.Copied copied = HashedCopy.toNewFile(content, path, maxBytes, this.reserve);
		return new Staged(this, path, copied.hash(), copied.size());
	}

	@Override
	public void commit(StagedBlob staged) throws IOException {
		Staged blob = own(staged);
		Path target = this.layout.path(blob.hash());
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
			try {
				Files.deleteIfExists(blob.path());
			}
			catch (IOException ex) {
				// Never fails: the staging sweep removes it later
			}
		}
	}

	@Override
	public Optional<Resource> open(String hash) {
		Path path = this.layout.path(hash);
		return Files.isRegularFile(path) ? Optional.of(new FileSystemResource(path)) : Optional.empty();
	}

	@Override
	public void delete(String hash) throws IOException {
		Path path = this.layout.path(hash);
		// The folders stay: removing them would race with a commit into them
		if (Files.deleteIfExists(path)) {
			syncFolder(path.getParent());
		}
	}

	@Override
	public void forEach(Consumer<StoredBlob> action) throws IOException {
		this.layout.forEach(action);
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
