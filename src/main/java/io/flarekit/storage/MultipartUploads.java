package io.flarekit.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.flarekit.core.error.ErrorCode;
import io.flarekit.core.error.FieldError;
import io.flarekit.core.error.ServiceException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * Large files sent in parts, S3-style: start an upload, send numbered parts in any order
 * (a part sent again replaces the earlier one), then complete it with the list of parts
 * and their ETags, which assembles them in order into one stored file. Parts wait on
 * disk, one folder per upload; an upload left incomplete is removed after
 * {@code flarekit.storage.uploads.stale-after}.
 */
@Component
class MultipartUploads {

	private static final Pattern UPLOAD_ID = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private static final Pattern PART_FILE = Pattern.compile("(\\d{5})\\.([0-9a-f]{64})\\.part");

	private static final String NAME_FILE = "name";

	private final Path root;

	private final StorageProperties.Uploads limits;

	private final DiskReserve reserve;

	MultipartUploads(StorageProperties properties) {
		this.limits = properties.uploads();
		this.reserve = new DiskReserve(properties.minFreeSpace());
		this.root = this.limits.dir().toAbsolutePath().normalize();
		try {
			Files.createDirectories(this.root);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the uploads folder " + this.root, ex);
		}
	}

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
	 * An upload in progress.
	 *
	 * @param uploadId its id
	 * @param key the name the assembled file will have
	 * @param parts the parts that have arrived, in order
	 */
	record Upload(String uploadId, String key, List<Part> parts) {
	}

	Upload start(String name) {
		String uploadId = UUID.randomUUID().toString();
		String key = FileNames.original(name);
		Path folder = this.root.resolve(uploadId);
		try {
			this.reserve.check(this.root);
			Files.createDirectories(folder);
			Files.writeString(folder.resolve(NAME_FILE), key, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			FileSystemUtils.deleteRecursively(folder.toFile());
			throw StorageFailures.of(ex);
		}
		return new Upload(uploadId, key, List.of());
	}

	Part putPart(String uploadId, int partNumber, InputStream body) {
		Path folder = folder(uploadId);
		if (partNumber < 1 || partNumber > this.limits.maxParts()) {
			throw ServiceException.invalid("partNumber", FieldError.INVALID_VALUE,
					"must be between 1 and " + this.limits.maxParts());
		}
		Path temporary = folder.resolve(UUID.randomUUID() + ".tmp");
		try {
			HashedCopy.Copied copied;
			try {
				copied = HashedCopy.toNewFile(body, temporary, this.limits.maxPartSize().toBytes(), this.reserve);
			}
			catch (BlobStore.BlobTooLargeException ex) {
				throw new ServiceException(HttpStatus.CONTENT_TOO_LARGE, ErrorCode.PAYLOAD_TOO_LARGE,
						"A part may have at most " + FileInspector.describe(this.limits.maxPartSize()), List.of());
			}
			if (copied.size() == 0) {
				throw ServiceException.invalid("body", FieldError.REQUIRED,
						"a part needs bytes (send them raw, as application/octet-stream)");
			}
			Part part = new Part(partNumber, copied.hash(), copied.size());
			synchronized (this) {
				long others = parts(folder).stream()
					.filter((existing) -> existing.partNumber() != partNumber)
					.mapToLong(Part::size)
					.sum();
				if (others + part.size() > this.limits.maxTotalSize().toBytes()) {
					throw new ServiceException(HttpStatus.CONTENT_TOO_LARGE, ErrorCode.PAYLOAD_TOO_LARGE,
							"The parts together would be larger than "
									+ FileInspector.describe(this.limits.maxTotalSize()),
							List.of());
				}
				// the new part is in place before the one it replaces goes
				move(temporary, partFile(folder, part));
				for (Part existing : parts(folder)) {
					if (existing.partNumber() == partNumber && !existing.etag().equals(part.etag())) {
						Files.deleteIfExists(partFile(folder, existing));
					}
				}
			}
			return part;
		}
		catch (IOException ex) {
			throw StorageFailures.of(ex);
		}
		finally {
			try {
				Files.deleteIfExists(temporary);
			}
			catch (IOException ex) {
				// removed with the upload at the latest
			}
		}
	}

	Upload describe(String uploadId) {
		Path folder = folder(uploadId);
		try {
			return new Upload(uploadId, Files.readString(folder.resolve(NAME_FILE), StandardCharsets.UTF_8),
					parts(folder));
		}
		catch (IOException ex) {
			throw StorageFailures.of(ex);
		}
	}

	/**
	 * Checks the client's list of parts against what arrived and assembles them.
	 * @param uploadId the upload
	 * @param listed the parts, ascending by number
	 * @param storage where the assembled file goes
	 * @return the stored file
	 * @throws ServiceException 400 naming the bad entry, 404 for an unknown upload
	 */
	StorageService.Accepted complete(String uploadId, List<CompletionList.CompletedPart> listed,
			StorageUploads storage) {
		Upload upload = describe(uploadId);
		List<Path> files = CompletionList.match(listed, upload.parts())
			.stream()
			.map((part) -> partFile(this.root.resolve(uploadId), part))
			.toList();
		StorageService.Accepted stored;
		try (InputStream assembled = new SequenceInputStream(Collections.enumeration(files.stream().map((file) -> {
			try {
				return Files.newInputStream(file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}).toList()))) {
			stored = storage.storeAssembled(assembled, upload.key());
		}
		catch (IOException | UncheckedIOException ex) {
			throw StorageFailures
				.of((ex instanceof UncheckedIOException unchecked) ? unchecked.getCause() : (IOException) ex);
		}
		abort(uploadId);
		return stored;
	}

	void abort(String uploadId) {
		FileSystemUtils.deleteRecursively(folder(uploadId).toFile());
	}

	/**
	 * Removes uploads that have had no new part for longer than allowed and were never
	 * completed.
	 * @param olderThan their age
	 * @return how many were removed
	 */
	int removeStale(Duration olderThan) {
		Instant cutoff = Instant.now().minus(olderThan);
		int removed = 0;
		try (Stream<Path> folders = Files.list(this.root)) {
			for (Path folder : folders.filter(Files::isDirectory).toList()) {
				if (lastActivity(folder).isBefore(cutoff) && FileSystemUtils.deleteRecursively(folder.toFile())) {
					removed++;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
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

	private Path folder(String uploadId) {
		if (uploadId == null || !UPLOAD_ID.matcher(uploadId).matches()
				|| !Files.isDirectory(this.root.resolve(uploadId))) {
			throw new ServiceException(HttpStatus.NOT_FOUND, ErrorCode.RESOURCE_NOT_FOUND,
					"No upload has id '" + uploadId + "'", List.of());
		}
		return this.root.resolve(uploadId);
	}

	private static List<Part> parts(Path folder) throws IOException {
		List<Part> parts = new ArrayList<>();
		try (Stream<Path> files = Files.list(folder)) {
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

	private static Path partFile(Path folder, Part part) {
		return folder.resolve(String.format("%05d.%s.part", part.partNumber(), part.etag()));
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
