package io.flarekit.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.flarekit.core.error.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * Keeps a blob exactly as long as a {@code storage} record (soft-deleted ones included)
 * references its hash, so that a record never points at a missing blob. One lock orders
 * every change of references against blob removal: without it, a blob found unreferenced
 * could be removed just as a new record comes to reference it. The lock is inside the
 * process; hashing and streaming happen before it is taken.
 * <p>
 * References are counted by {@link StorageReferences}, over every owner's records: a
 * caller limited to its own records must not make another owner's blob look unreferenced.
 */
@Component
class BlobReferences {

	private static final Logger log = LoggerFactory.getLogger(BlobReferences.class);

	private final Object lock = new Object();

	private final BlobStore blobs;

	private final StorageReferences records;

	BlobReferences(BlobStore blobs, StorageReferences records) {
		this.blobs = blobs;
		this.records = records;
	}

	/**
	 * Runs a change of references while no blob is removed and no other reference
	 * changes.
	 * @param change the work; it may call the other methods of this class
	 * @return what the work returned
	 */
	<T> T change(Supplier<T> change) {
		synchronized (this.lock) {
			return change.get();
		}
	}

	/**
	 * Makes a staged blob visible, then runs the record change that references it. When
	 * the commit fails, the staged bytes are dropped; when the record change fails, the
	 * blob goes again unless another record references it. Call it within
	 * {@link #change}.
	 * @param staged the blob
	 * @param recordChange writes the record that references the blob
	 * @return what the record change returned
	 * @throws ServiceException 507 or 503 when the blob cannot be committed
	 */
	<T> T commitThen(BlobStore.StagedBlob staged, Supplier<T> recordChange) {
		requireLock();
		try {
			this.blobs.commit(staged);
		}
		catch (IOException ex) {
			this.blobs.discard(staged);
			throw StorageFailures.of(ex);
		}
		catch (RuntimeException ex) {
			this.blobs.discard(staged);
			throw ex;
		}
		try {
			return recordChange.get();
		}
		catch (RuntimeException ex) {
			releaseIfUnreferenced(staged.hash());
			throw ex;
		}
	}

	/** Drops staged bytes that no record will reference. */
	void discard(BlobStore.StagedBlob staged) {
		this.blobs.discard(staged);
	}

	/**
	 * Removes a blob when no record references it. Call it within {@link #change}, after
	 * the change that dropped a reference.
	 * @param hash the blob's hash
	 * @return whether it was removed
	 */
	boolean releaseIfUnreferenced(String hash) {
		requireLock();
		if (this.records.countByHash(hash) > 0) {
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

	/**
	 * Removes blobs that no record references and that are older than the grace period:
	 * what a crash between storing a blob and committing its record leaves behind. The
	 * grace period keeps it away from a blob whose record is just being written.
	 * @param grace how old an unreferenced blob must be
	 * @return how many blobs were removed
	 */
	int removeUnreferenced(Duration grace) {
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
			if (change(() -> releaseIfUnreferenced(hash))) {
				removed++;
			}
		}
		return removed;
	}

	private void requireLock() {
		Assert.state(Thread.holdsLock(this.lock), "Changes of blob references must run within change()");
	}

}
