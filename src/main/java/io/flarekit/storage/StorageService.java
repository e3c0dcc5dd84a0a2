package io.flarekit.storage;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.flarekit.core.error.ServiceException;
import io.flarekit.core.model.EntityModel;
import io.flarekit.core.service.BaseService;
import io.flarekit.core.service.CrudServices;
import io.flarekit.core.service.OwnerScope;
import io.flarekit.core.service.Precondition;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;

/**
 * The generic service of {@code storage}, keeping records and blobs in step: a blob is
 * committed before the record that points at it, and a record's removal or new content
 * releases the blob it no longer references. Every such change runs within
 * {@link BlobReferences#change}, so that a record never points at a missing blob.
 */
@Service
public class StorageService extends BaseService<Storage> {

	private final BlobReferences references;

	private final BlobStore blobs;

	private final OwnerScope owners;

	StorageService(CrudServices services, BlobReferences references, BlobStore blobs,
			ObjectProvider<OwnerScope> owners) {
		super(Storage.class, services);
		this.owners = owners.getIfAvailable(() -> OwnerScope.NONE);
		this.references = references;
		this.blobs = blobs;
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
	 * Makes the record of a checked, staged file. Its key decides: a live record with the
	 * key is returned as it is (the staged bytes are dropped), a soft-deleted one is
	 * restored, and otherwise a record is created.
	 * @param staged the file's bytes
	 * @param name the cleaned file name
	 * @param type the detected type
	 * @return the stored file
	 */
	Accepted store(BlobStore.StagedBlob staged, String name, String type) {
		String key = FileNames.key(staged.hash(), name);
		return this.references.change(() -> {
			Optional<Storage> existing = findFirst(sameFileOfTheCaller(key), true);
			if (existing.isPresent() && existing.get().getDeletedAt() == null) {
				this.references.discard(staged);
				return new Accepted(existing.get(), false);
			}
			return this.references.commitThen(staged,
					() -> existing.isPresent() ? new Accepted(restore(existing.get().getId()), true, true)
							: new Accepted(create(new Storage(key, name, staged.size(), type, staged.hash())), true));
		});
	}

	/**
	 * The caller's own record of a file: the same key and the same owner (none for an
	 * anonymous upload), so that a file another caller stored is never handed out.
	 */
	private Map<String, Object> sameFileOfTheCaller(String key) {
		Map<String, Object> filter = new HashMap<>();
		filter.put("key", key);
		filter.put(EntityModel.OWNER_ID, this.owners.subject().orElse(null));
		return filter;
	}

	/**
	 * Gives a record new content: the new blob is committed first, the record updated,
	 * and only then the old blob removed if nothing references it.
	 * @param id the record's id
	 * @param staged the new, checked bytes
	 * @param name the cleaned file name
	 * @param type the detected type
	 * @param precondition the version the record must be at
	 * @return the updated record
	 * @throws ServiceException 404 when there is no live record with the id, 412 when it
	 * is at another version (the new blob then goes again, unless referenced)
	 */
	Storage replaceContent(String id, BlobStore.StagedBlob staged, String name, String type,
			Precondition precondition) {
		return this.references.change(() -> {
			String oldHash;
			try {
				oldHash = getById(id, false).orElseThrow(() -> ServiceException.notFound(model().name(), id)).getHash();
			}
			catch (RuntimeException ex) {
				this.references.discard(staged);
				throw ex;
			}
			Storage updated = this.references.commitThen(staged,
					() -> update(id, (storage) -> storage.replaceContent(FileNames.key(staged.hash(), name), name,
							staged.size(), type, staged.hash()), precondition));
			if (!oldHash.equals(staged.hash())) {
				this.references.releaseIfUnreferenced(oldHash);
			}
			return updated;
		});
	}

	@Override
	public Storage delete(String id, boolean permanent, Precondition precondition) {
		return this.references.change(() -> {
			Storage deleted = super.delete(id, permanent, precondition);
			if (permanent) {
				this.references.releaseIfUnreferenced(deleted.getHash());
			}
			return deleted;
		});
	}

	@Override
	public List<Storage> bulkDelete(Collection<String> ids, boolean permanent) {
		return this.references.change(() -> {
			List<Storage> deleted = super.bulkDelete(ids, permanent);
			if (permanent) {
				Set<String> hashes = new LinkedHashSet<>();
				deleted.forEach((storage) -> hashes.add(storage.getHash()));
				hashes.forEach(this.references::releaseIfUnreferenced);
			}
			return deleted;
		});
	}

	/** The content of a record's file. */
	Optional<Resource> content(Storage storage) {
		return this.blobs.open(storage.getHash());
	}

}
