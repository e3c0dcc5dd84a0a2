package io.flarekit.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

/**
 * {@link UploadParts} on the local disk: one folder per upload under
 * {@code flarekit.storage.uploads.dir}, holding the name and one file per part,
 * {@code 00001.<sha256>.part}. Every part keeps the disk reserve.
 */
final class FilesystemUploadParts implements UploadParts {

	private static final Pattern PART_FILE = Pattern.compile("(\\d{5})\\.([0-9a-f]{64})\\.part");

	private static final String NAME_FILE = "name";

	private final Path root;

	private final DiskReserve reserve;

	FilesystemUploadParts(StorageProperties properties) {
		this.reserve = new DiskReserve(properties.minFreeSpace());
		this.root = properties.uploads().dir().toAbsolutePath().normalize();
		try {
			Files.createDirectories(this.root);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the uploads folder " + this.root, ex);
		}
	}

	@Override
	public void create(String uploadId, String name) throws IOException {
		Path folder = this.root.resolve(uploadId);
		try {
			this.reserve.check(this.root);
			Files.createDirectories(folder);
			Files.writeString(folder.resolve(NAME_FILE), name, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			FileSystemUtils.deleteRecursively(folder.toFile());
			throw ex;
		}
	}

	@Override
	public String name(String uploadId) throws IOException {
		Path folder = this.root.resolve(uploadId);
		return Files.isDirectory(folder) ? Files.readString(folder.resolve(NAME_FILE), StandardCharsets.UTF_8) : null;
	}

	@Override
	public Written write(String uploadId, InputStream body, long maxBytes) throws IOException {
		Path temporary = this.root.resolve(uploadId).resolve(UUID.randomUUID() + ".tmp");
		HashedCopy.Copied copied = HashedCopy.toNewFile(body, temporary, maxBytes, this.reserve);
		return new Written(temporary.toString(), copied.hash(), copied.size());
	}

	@Override
	public void place(String uploadId, Written written, int partNumber) throws IOException {
		Path from = Path.of(written.name());
		Path to = partFile(this.root.resolve(uploadId), new Part(partNumber, written.hash(), written.size()));
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	@Override
	public void discard(String uploadId, Written written) {
		try {
			Files.deleteIfExists(Path.of(written.name()));
		}
		catch (IOException ex) {
			// removed with the upload at the latest
		}
	}

	@Override
	public void remove(String uploadId, Part part) throws IOException {
		Files.deleteIfExists(partFile(this.root.resolve(uploadId), part));
	}

	@Override
	public List<Part> parts(String uploadId) throws IOException {
		List<Part> parts = new ArrayList<>();
		try (Stream<Path> files = Files.list(this.root.resolve(uploadId))) {
			for (Path file : files.toList()) {
				Matcher matcher = PART_FILE.matcher(file.getFileName().toString());
				if (matcher.matches()) {
					parts.add(new Part(Integer.parseInt(matcher.group(1)), matcher.group(2), Files.size(file)));
				}
			}
		}
		parts.sort(Comparator.comparingInt(Part::partNumber));
		return parts;
	}

	@Override
	public InputStream open(String uploadId, Part part) throws IOException {
		return Files.newInputStream(partFile(this.root.resolve(uploadId), part));
	}

	@Override
	public void abort(String uploadId) {
		FileSystemUtils.deleteRecursively(this.root.resolve(uploadId).toFile());
	}

	@Override
	public int removeStale(Instant cutoff) throws IOException {
		int removed = 0;
		try (Stream<Path> folders = Files.list(this.root)) {
			for (Path folder : folders.filter(Files::isDirectory).toList()) {
				if (lastActivity(folder).isBefore(cutoff) && FileSystemUtils.deleteRecursively(folder.toFile())) {
					removed++;
				}
			}
		}
		return removed;
	}

	/** When the upload last changed: its newest file, or the folder itself. */
	private static Instant lastActivity(Path folder) throws IOException {
		Instant latest = Files.getLastModifiedTime(folder).toInstant();
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.toList()) {
				Instant modified = Files.getLastModifiedTime(file).toInstant();
				latest = modified.isAfter(latest) ? modified : latest;
			}
		}
		return latest;
	}

	private static Path partFile(Path folder, Part part) {
		return folder.resolve(String.format("%05d.%s.part", part.partNumber(), part.etag()));
	}

}
