package io.flarekit.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.flarekit.core.error.DiskFull;
import io.flarekit.core.error.ErrorCode;
import io.flarekit.core.error.FieldError;
import io.flarekit.core.error.ServiceException;
import io.flarekit.core.service.BaseService;
import io.flarekit.core.service.CrudServices;
import org.apache.tika.Tika;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.InputStreamSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;

/**
 * The generic service of {@code storage} plus what files need: uploads, replacing the
 * content, and keeping blobs and records in step. A blob is written before the record
 * that points at it and removed only after the last record (soft-deleted ones included)
 * is gone, so a record never points at a missing blob. One lock orders every change of
 * references against blob removal; hashing and streaming stay outside it and outside
 * transactions.
 */
@Service
public class StorageService extends BaseService<Storage> {

	private static final Logger log = LoggerFactory.getLogger(StorageService.class);

	private final BlobStore blobs;

	private final StorageProperties properties;

	private final Tika tika = new Tika();

	private final Object references = new Object();

	StorageService(CrudServices services, BlobStore blobs, StorageProperties properties) {
		super(Storage.class, services);
		this.blobs = blobs;
		this.properties = properties;
	}

	/**
	 * A file from a request.
	 *
	 * @param fileName the name the client gave
	 * @param declaredType the content type the client declared, or null
	 * @param content the bytes
	 */
	record Upload(String fileName, String declaredType, InputStreamSource content) {
	}

	/**
	 * A stored file.
	 *
	 * @param record its record
	 * @param appended whether a new record was made ({@code false}: the same file was
	 * already stored)
	 * @param restored whether that record was a soft-deleted one brought back
	 */
	record Accepted(Storage record, boolean appended, boolean restored) {

		Accepted(Storage record, boolean appended) {
			this(record, appended, false);
		}

		/** The record as the upload responses show it: its JSON with {@code append}. */
		ObjectNode toJson(JsonMapper json) {
			ObjectNode node = json.valueToTree(this.record);
			node.put("append", this.appended);
			return node;
		}

	}

	/**
	 * A file that was not stored, and why.
	 *
	 * @param file the client's file name
	 * @param reason a sentence for people
	 */
	record Rejected(String file, String reason) {
	}

	record UploadResult(List<Accepted> accepted, List<Rejected> rejected) {
	}

	/**
	 * Stores every acceptable file; the others are listed with the reason. When storing
	 * one fails (a full disk, say), the files of the request stored before it are taken
	 * back, so that a failed request leaves nothing its client was not told about.
	 * @param files the files of the request
	 * @return what was stored and what was not
	 */
	UploadResult upload(List<Upload> files) {
		List<Accepted> accepted = new ArrayList<>();
		List<Rejected> rejected = new ArrayList<>();
		try {
			for (Upload file : files) {
				String name = FileNames.original(file.fileName());
				try (InputStream in = file.content().getInputStream()) {
					Checked checked = stageAndCheck(in, file.declaredType(), this.properties.maxFileSize(),
							this.properties.allowedTypes());
					if (checked.problem() != null) {
						rejected.add(new Rejected(name, checked.problem()));
					}
					else {
						accepted.add(store(checked.staged(), name, checked.type()));
					}
				}
				catch (IOException ex) {
					throw storageFailure(ex);
				}
			}
		}
		catch (RuntimeException ex) {
			takeBack(accepted);
			throw ex;
		}
		return new UploadResult(accepted, rejected);
	}

	/**
	 * Undoes what a failed request stored: new records go, restored ones are deleted
	 * again.
	 */
	private void takeBack(List<Accepted> accepted) {
		for (Accepted stored : accepted) {
			if (!stored.appended()) {
				continue;
			}
			try {
				delete(stored.record().getId(), !stored.restored());
			}
			catch (RuntimeException ex) {
				log.error("Could not take back {} after a failed upload; it stays stored", stored.record().getId(), ex);
			}
		}
	}

	/**
	 * Stores an assembled large upload as a record, like any upload.
	 * @param content the bytes, read to the end
	 * @param fileName the upload's name
	 * @return the stored file
	 * @throws ServiceException 400 when its type is not allowed, 413 when it is too large
	 */
	Accepted storeAssembled(InputStream content, String fileName) {
		StorageProperties.Uploads uploads = this.properties.uploads();
		Checked checked;
		try {
			checked = stageAndCheck(content, null, uploads.maxTotalSize(), uploads.allowedTypes());
		}
		catch (IOException ex) {
			throw storageFailure(ex);
		}
		if (checked.tooLarge()) {
			throw new ServiceException(HttpStatus.CONTENT_TOO_LARGE, ErrorCode.PAYLOAD_TOO_LARGE,
					"The assembled file " + checked.problem(), List.of());
		}
		if (checked.problem() != null) {
			throw ServiceException.invalid("parts", "INVALID_FILES", checked.problem());
		}
		return store(checked.staged(), FileNames.original(fileName), checked.type());
	}

	/**
	 * Replaces the content of a record in one step: the new blob is stored first, the
	 * record updated, and only then the old blob removed if nothing references it.
	 * @param id the record's id
	 * @param file the new content
	 * @return the updated record
	 */
	Storage replace(String id, Upload file) {
		getById(id, false).orElseThrow(() -> ServiceException.notFound(model().name(), id));
		String name = FileNames.original(file.fileName());
		Checked checked;
		try (InputStream in = file.content().getInputStream()) {
			checked = stageAndCheck(in, file.declaredType(), this.properties.maxFileSize(),
					this.properties.allowedTypes());
		}
		catch (IOException ex) {
			throw storageFailure(ex);
		}
		if (checked.problem() != null) {
			throw new ServiceException(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR, checked.problem(),
					List.of(new FieldError("images[]", "INVALID_FILES", checked.problem())));
		}
		BlobStore.StagedBlob staged = checked.staged();
		synchronized (this.references) {
			String oldHash;
			try {
				oldHash = getById(id, false).orElseThrow(() -> ServiceException.notFound(model().name(), id)).getHash();
				this.blobs.commit(staged);
			}
			catch (IOException ex) {
				this.blobs.discard(staged);
				throw storageFailure(ex);
			}
			catch (RuntimeException ex) {
				this.blobs.discard(staged);
				throw ex;
			}
			try {
				Storage updated = update(id, (storage) -> storage.replaceContent(FileNames.key(staged.hash(), name),
						name, staged.size(), checked.type(), staged.hash()));
				if (!oldHash.equals(staged.hash())) {
					releaseIfUnreferenced(oldHash);
				}
				return updated;
			}
			catch (RuntimeException ex) {
				releaseIfUnreferenced(staged.hash());
				throw ex;
			}
		}
	}

	@Override
	public Storage delete(String id, boolean permanent) {
		synchronized (this.references) {
			Storage deleted = super.delete(id, permanent);
			if (permanent) {
				releaseIfUnreferenced(deleted.getHash());
			}
			return deleted;
		}
	}

	@Override
	public List<Storage> bulkDelete(Collection<String> ids, boolean permanent) {
		synchronized (this.references) {
			List<Storage> deleted = super.bulkDelete(ids, permanent);
			if (permanent) {
				Set<String> hashes = new LinkedHashSet<>();
				deleted.forEach((storage) -> hashes.add(storage.getHash()));
				hashes.forEach(this::releaseIfUnreferenced);
			}
			return deleted;
		}
	}

	/**
	 * Removes blobs that no record references and that are older than the grace period:
	 * what a crash between storing a blob and committing its record leaves behind.
	 * @param grace how old an unreferenced blob must be
	 * @return how many blobs were removed
	 */
	int removeUnreferencedBlobs(Duration grace) {
		Instant cutoff = Instant.now().minus(grace);
		List<String> candidates = new ArrayList<>();
		try {
			this.blobs.forEach((blob) -> {
				if (blob.storedAt().isBefore(cutoff)) {
					candidates.add(blob.hash());
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		int removed = 0;
		for (String hash : candidates) {
			synchronized (this.references) {
				if (releaseIfUnreferenced(hash)) {
					removed++;
				}
			}
		}
		return removed;
	}

	/** The content of a record's file. */
	Optional<org.springframework.core.io.Resource> content(Storage storage) {
		return this.blobs.open(storage.getHash());
	}

	private Accepted store(BlobStore.StagedBlob staged, String name, String type) {
		String key = FileNames.key(staged.hash(), name);
		synchronized (this.references) {
			Optional<Storage> existing = findFirst(Map.of("key", key), true);
			if (existing.isPresent() && existing.get().getDeletedAt() == null) {
				this.blobs.discard(staged);
				return new Accepted(existing.get(), false);
			}
			try {
				this.blobs.commit(staged);
			}
			catch (IOException ex) {
				this.blobs.discard(staged);
				throw storageFailure(ex);
			}
			try {
				if (existing.isPresent()) {
					return new Accepted(restore(existing.get().getId()), true, true);
				}
				return new Accepted(create(new Storage(key, name, staged.size(), type, staged.hash())), true);
			}
			catch (RuntimeException ex) {
				releaseIfUnreferenced(staged.hash());
				throw ex;
			}
		}
	}

	/** Removes a blob when no record references it; call with the lock held. */
	private boolean releaseIfUnreferenced(String hash) {
		if (getCount(Map.of("hash", hash), true) > 0) {
			return false;
		}
		try {
			this.blobs.delete(hash);
			return true;
		}
		catch (IOException ex) {
			log.warn("Could not remove the unreferenced blob {}; the clean-up will try again", hash, ex);
			return false;
		}
	}

	private record Checked(BlobStore.StagedBlob staged, String type, String problem, boolean tooLarge) {

		Checked(BlobStore.StagedBlob staged, String type, String problem) {
			this(staged, type, problem, false);
		}

	}

	/**
	 * Streams a file into the staging area and checks its size and its type as detected
	 * from its bytes. A rejected file is not kept.
	 */
	private Checked stageAndCheck(InputStream in, String declaredType, DataSize maxSize, List<String> allowed)
			throws IOException {
		BlobStore.StagedBlob staged;
		try {
			staged = this.blobs.stage(in, maxSize.toBytes());
		}
		catch (BlobStore.BlobTooLargeException ex) {
			return new Checked(null, null, "is larger than " + describe(maxSize), true);
		}
		String type;
		try (InputStream content = staged.open()) {
			type = this.tika.detect(content);
		}
		String problem = null;
		if (staged.size() == 0) {
			problem = "is empty";
		}
		else if (!allowed.contains(type)) {
			problem = "is " + type + "; allowed: " + String.join(", ", allowed);
		}
		else if (declaredType != null && !declaredType.isBlank()
				&& !declaredType.equalsIgnoreCase("application/octet-stream")
				&& !canonical(baseType(declaredType)).equalsIgnoreCase(type)) {
			problem = "was declared as " + baseType(declaredType) + " but its content is " + type;
		}
		if (problem != null) {
			this.blobs.discard(staged);
			return new Checked(null, type, problem);
		}
		return new Checked(staged, type, null);
	}

	/** Common misspellings clients declare for a type Tika names otherwise. */
	private static String canonical(String type) {
		return switch (type.toLowerCase(java.util.Locale.ROOT)) {
			case "image/jpg", "image/pjpeg" -> "image/jpeg";
			default -> type;
		};
	}

	private static String baseType(String contentType) {
		int semicolon = contentType.indexOf(';');
		return ((semicolon >= 0) ? contentType.substring(0, semicolon) : contentType).trim();
	}

	static String describe(DataSize size) {
		long bytes = size.toBytes();
		if (bytes % (1024 * 1024) == 0) {
			return (bytes / (1024 * 1024)) + " MB";
		}
		return (bytes % 1024 == 0) ? (bytes / 1024) + " KB" : bytes + " bytes";
	}

	static ServiceException storageFailure(IOException ex) {
		if (ex instanceof DiskReserve.Reached) {
			log.warn(ex.getMessage());
		}
		else {
			log.error("The blob store failed", ex);
		}
		boolean full = ex instanceof DiskReserve.Reached || DiskFull.isCause(ex);
		HttpStatus status = full ? HttpStatus.INSUFFICIENT_STORAGE : HttpStatus.SERVICE_UNAVAILABLE;
		return new ServiceException(status, full ? ErrorCode.INSUFFICIENT_STORAGE : ErrorCode.SERVICE_UNAVAILABLE,
				full ? "There is no space left to store the file" : "The file could not be stored; try again later",
				List.of());
	}

}
