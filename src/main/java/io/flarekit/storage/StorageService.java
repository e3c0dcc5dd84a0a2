package io.flarekit.storage;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

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
 * made visible, with its row in {@code blobs} locked, in the transaction that writes the
 * record pointing at it, and a record's removal or new content releases the blob it no
 * longer references once that has committed ({@link BlobReferences}), so that a record
 * never points at a missing blob, whichever instance serves which request.
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
	 * restored, and otherwise a record is created. The key is looked up with the blob's
	 * row locked, so that two instances storing the same file make one record.
	 * @param staged the file's bytes
	 * @param name the cleaned file name
	 * @param type the detected type
	 * @return the stored file
	 */
	Accepted store(BlobStore.StagedBlob staged, String name, String type) {
		String key = FileNames.key(staged.hash(), name);
		BlobReferences.Claim claim = this.references.claim(staged);
		return claim.settle(() -> inTransaction(() -> {
			claim.lock();
			Optional<Storage> existing = findFirst(sameFileOfTheCaller(key), true);
			if (existing.isPresent() && existing.get().getDeletedAt() == null) {
				claim.drop();
				return new Accepted(existing.get(), false);
			}
			claim.commit();
			return existing.isPresent() ? new Accepted(restore(existing.get().getId()), true, true)
					: new Accepted(create(new Storage(key, name, staged.size(), type, staged.hash())), true);
		}));
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
	 * Gives a record new content: the new blob is committed and the record updated in one
	 * transaction, and once it has committed the old blob is removed if nothing
	 * references it.
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
		BlobReferences.Claim claim = this.references.claim(staged);
		AtomicReference<Storage> old = new AtomicReference<>();
		Storage updated = claim.settle(() -> inTransaction(() -> {
			claim.lock();
			Storage current = getById(id, false).orElseThrow(() -> ServiceException.notFound(model().name(), id));
			// the record itself changes below, in the same persistence context
			old.set(new Storage(current.getKey(), current.getOriginalName(), current.getSize(), current.getMimeType(),
					current.getHash()));
			claim.commit();
			return update(id, (storage) -> storage.replaceContent(FileNames.key(staged.hash(), name), name,
					staged.size(), type, staged.hash()), precondition);
		}));
		if (!old.get().getHash().equals(staged.hash())) {
			this.references.release(old.get().getHash(), old.get().getSize());
		}
		return updated;
	}

	@Override
	public Storage delete(String id, boolean permanent, Precondition precondition) {
		Storage deleted = super.delete(id, permanent, precondition);
		if (permanent) {
			this.references.release(deleted.getHash(), deleted.getSize());
		}
		return deleted;
	}

	@Override
	public List<Storage> bulkDelete(Collection<String> ids, boolean permanent) {
		List<Storage> deleted = super.bulkDelete(ids, permanent);
		if (permanent) {
			Map<String, Long> blobs = new LinkedHashMap<>();
			deleted.forEach((storage) -> blobs.put(storage.getHash(), storage.getSize()));
			blobs.forEach(this.references::release);
		}
		return deleted;
	}

	/** The content of a record's file. */
	Optional<Resource> content(Storage storage) {
		return this.blobs.open(storage.getHash());
	}

}
