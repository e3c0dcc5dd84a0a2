package io.flarekit.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import io.flarekit.core.error.ErrorCode;
import io.flarekit.core.error.FieldError;
import io.flarekit.core.error.ServiceException;
import io.flarekit.storage.UploadParts.Part;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Large files sent in parts, S3-style: start an upload, send numbered parts in any order
 * (a part sent again replaces the earlier one), then complete it with the list of parts
 * and their ETags, which assembles them in order into one stored file. Parts wait in
 * {@link UploadParts} (the local disk or the S3 bucket); an upload left incomplete is
 * removed after {@code flarekit.storage.uploads.stale-after}. The limits are checked
 * here, the same for every store.
 */
@Component
class MultipartUploads {

	private static final Pattern UPLOAD_ID = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private final UploadParts store;

	private final StorageProperties.Uploads limits;

	MultipartUploads(StorageProperties properties, UploadParts store) {
		this.limits = properties.uploads();
		this.store = store;
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
		try {
			this.store.create(uploadId, key);
		}
		catch (IOException ex) {
			throw StorageFailures.of(ex);
		}
		return new Upload(uploadId, key, List.of());
	}

	Part putPart(String uploadId, int partNumber, InputStream body) {
		name(uploadId);
		if (partNumber < 1 || partNumber > this.limits.maxParts()) {
			throw ServiceException.invalid("partNumber", FieldError.INVALID_VALUE,
					"must be between 1 and " + this.limits.maxParts());
		}
		UploadParts.Written written = null;
		try {
			try {
				written = this.store.write(uploadId, body, this.limits.maxPartSize().toBytes());
			}
			catch (BlobStore.BlobTooLargeException ex) {
				throw new ServiceException(HttpStatus.CONTENT_TOO_LARGE, ErrorCode.PAYLOAD_TOO_LARGE,
						"A part may have at most " + FileInspector.describe(this.limits.maxPartSize()), List.of());
			}
			if (written.size() == 0) {
				throw ServiceException.invalid("body", FieldError.REQUIRED,
						"a part needs bytes (send them raw, as application/octet-stream)");
			}
			Part part = new Part(partNumber, written.hash(), written.size());
			synchronized (this) {
				long others = this.store.parts(uploadId)
					.stream()
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
				this.store.place(uploadId, written, partNumber);
				written = null;
				for (Part existing : this.store.parts(uploadId)) {
					if (existing.partNumber() == partNumber && !existing.etag().equals(part.etag())) {
						this.store.remove(uploadId, existing);
					}
				}
			}
			return part;
		}
		catch (IOException ex) {
			throw StorageFailures.of(ex);
		}
		finally {
			if (written != null) {
				this.store.discard(uploadId, written);
			}
		}
	}

	Upload describe(String uploadId) {
		String key = name(uploadId);
		try {
			return new Upload(uploadId, key, this.store.parts(uploadId));
		}
		catch (IOException ex) {
			throw StorageFailures.of(ex);
		}
	}

	/**
	 * Checks the client's list of parts against what arrived and assembles them, streamed
	 * part after part into the blob store, which hashes the whole on the way.
	 * @param uploadId the upload
	 * @param listed the parts, ascending by number
	 * @param storage where the assembled file goes
	 * @return the stored file
	 * @throws ServiceException 400 naming the bad entry, 404 for an unknown upload
	 */
	StorageService.Accepted complete(String uploadId, List<CompletionList.CompletedPart> listed,
			StorageUploads storage) {
		Upload upload = describe(uploadId);
		List<Part> parts = CompletionList.match(listed, upload.parts());
		StorageService.Accepted stored;
		try (InputStream assembled = new SequenceInputStream(Collections.enumeration(parts.stream().map((part) -> {
			try {
				return this.store.open(uploadId, part);
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
		name(uploadId);
		this.store.abort(uploadId);
	}

	/**
	 * Removes uploads that have had no new part for longer than allowed and were never
	 * completed.
	 * @param olderThan their age
	 * @return how many were removed
	 */
	int removeStale(Duration olderThan) {
		try {
			return this.store.removeStale(Instant.now().minus(olderThan));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** An upload's name; 404 when there is no such upload. */
	private String name(String uploadId) {
		String name = null;
		if (uploadId != null && UPLOAD_ID.matcher(uploadId).matches()) {
			try {
				name = this.store.name(uploadId);
			}
			catch (IOException ex) {
				throw StorageFailures.of(ex);
			}
		}
		if (name == null) {
			throw new ServiceException(HttpStatus.NOT_FOUND, ErrorCode.RESOURCE_NOT_FOUND,
					"No upload has id '" + uploadId + "'", List.of());
		}
		return name;
	}

}
