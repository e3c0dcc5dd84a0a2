package io.flarekit.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.flarekit.core.error.ErrorCode;
import io.flarekit.core.error.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps a blob exactly as long as a {@code storage} record (soft-deleted ones included)
 * references its hash, so that a record never points at a missing blob, with any number
 * of instances on one database and one blob store. Nothing here lives in one JVM: the
 * blob's row in {@code blobs} ({@link BlobEntries#lock}) is the lock.
 * <ul>
 * <li>A change that makes a record reference a blob locks the blob's row, makes the
 * staged bytes visible and writes the record, in one transaction ({@link Claim}).</li>
 * <li>Removing a blob ({@link #collect}) locks its row, counts the records that reference
 * it, and only when there are none deletes the bytes and then the row, in one transaction
 * that writes no record.</li>
 * <li>Dropping a reference (a permanent delete, new content) takes no blob lock: it
 * cannot hurt a blob. Once its transaction has committed, the old blob is collected.</li>
 * </ul>
 * Whoever holds the row first, the other waits: a collection that comes second sees the
 * new record (at {@code READ COMMITTED} its count is a new statement after the lock; at
 * {@code REPEATABLE READ} or {@code SERIALIZABLE} the lock fails as a serialization
 * failure and the whole collection is retried later), and a claim that comes second finds
 * the bytes gone and makes its own staged copy visible again. Bytes are deleted only
 * after the count, under the lock, and never in a transaction that changes records, so no
 * rollback can bring back a record whose blob is gone. The interleavings are written out
 * in docs/decisions.md. References are counted over every owner's records: a caller
 * limited to its own records must not make another owner's blob look unreferenced.
 */
@Component
class BlobReferences {

	private static final Logger log = LoggerFactory.getLogger(BlobReferences.class);

	private final BlobStore blobs;

	private final StorageReferences records;

	private final BlobEntries entries;

	private final TransactionTemplate transactions;

	BlobReferences(BlobStore blobs, StorageReferences records, BlobEntries entries,
			PlatformTransactionManager transactionManager) {
		this.blobs = blobs;
		this.records = records;
		this.entries = entries;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Takes a staged blob towards a record that will reference it.
	 * @param staged the checked bytes
	 * @return the claim, to {@link Claim#settle} around the record's transaction
	 */
	Claim claim(BlobStore.StagedBlob staged) {
		return new Claim(staged);
	}

	/**
	 * Removes a blob that a committed change stopped referencing, unless another record
	 * references it. Within a caller's transaction nothing is removed (that transaction
	 * may yet roll back): the clean-up removes it after {@code orphan-grace}.
	 * @param hash the blob's hash
	 * @param size its length
	 */
	void release(String hash, long size) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			log.debug("Blob {} is released within a caller's transaction; the clean-up removes it", hash);
			return;
		}
		try {
			collect(hash, size);
		}
		catch (RuntimeException ex) {
			log.warn("Could not remove the blob {}; the clean-up will try again", hash, ex);
		}
	}

	/**
	 * Removes a blob if no record references it: locks its row (making one if there is
	 * none), counts the references, deletes the bytes and then the row, in a transaction
	 * of its own.
	 * @param hash the blob's hash
	 * @param size its length, for a row made now
	 * @return whether it was removed
	 */
	boolean collect(String hash, long size) {
		Boolean removed = this.transactions.execute((status) -> {
			this.entries.lock(hash, size);
			if (this.records.countByHash(hash) > 0) {
				return false;
			}
			try {
				this.blobs.delete(hash);
			}
			catch (IOException ex) {
				log.warn("Could not remove the unreferenced blob {}; the clean-up will try again", hash, ex);
				status.setRollbackOnly();
				return false;
			}
			this.entries.delete(hash);
			return true;
		});
		return Boolean.TRUE.equals(removed);
	}

	/**
	 * Removes what no record references: rows no change claimed for the grace period (a
	 * release that failed or was left to this), then blobs older than it that have
	 * neither a row nor a record (bytes made visible by a transaction that a crash rolled
	 * back). The grace period keeps it away from a claim whose transaction is being run
	 * again.
	 * @param grace how long an unreferenced blob is left alone
	 * @return how many blobs were removed
	 */
	int removeUnreferenced(Duration grace) {
		Instant cutoff = Instant.now().minus(grace);
		int removed = 0;
		for (Object[] row : this.transactions.execute((status) -> this.entries.unreferencedBefore(cutoff, 10_000))) {
			removed += collectQuietly((String) row[0], ((Number) row[1]).longValue());
		}
		List<BlobStore.StoredBlob> candidates = new ArrayList<>();
		try {
			this.blobs.forEach((blob) -> {
				if (blob.storedAt().isBefore(cutoff)) {
					candidates.add(blob);
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		for (BlobStore.StoredBlob blob : candidates) {
			if (this.records.countByHash(blob.hash()) == 0 && !this.entries.exists(blob.hash())) {
				removed += collectQuietly(blob.hash(), blob.size());
			}
		}
		return removed;
	}

	private int collectQuietly(String hash, long size) {
		try {
			return collect(hash, size) ? 1 : 0;
		}
		catch (RuntimeException ex) {
			log.warn("Could not remove the unreferenced blob {}; the clean-up will try again", hash, ex);
			return 0;
		}
	}

	/**
	 * A staged blob on its way to being referenced by a record. Within the record's
	 * transaction, {@link #lock} and then {@link #commit}; around that transaction,
	 * {@link #settle}. The transaction may run more than once (the database may refuse
	 * it): the staged bytes are made visible on the first run, and later runs check,
	 * under the lock, that they are still there.
	 */
	final class Claim {

		private final BlobStore.StagedBlob staged;

		/** Whether the staged bytes were made visible, or dropped. */
		private boolean committed;

		private boolean discarded;

		private Claim(BlobStore.StagedBlob staged) {
			this.staged = staged;
		}

		/** Locks the blob's row until the transaction ends. */
		void lock() {
			BlobReferences.this.entries.lock(this.staged.hash(), this.staged.size());
		}

		/**
		 * Makes the bytes visible under their hash; call it after {@link #lock}, in the
		 * transaction that writes the referencing record.
		 * @throws ServiceException 507 or 503 when they cannot be stored, 503 when a run
		 * of the transaction that the database refused left them visible and a clean-up
		 * removed them since
		 */
		void commit() {
			if (!this.committed && !this.discarded) {
				try {
					BlobReferences.this.blobs.commit(this.staged);
					this.committed = true;
				}
				catch (IOException ex) {
					drop();
					throw StorageFailures.of(ex);
				}
			}
			else if (BlobReferences.this.blobs.open(this.staged.hash()).isEmpty()) {
				throw new ServiceException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE,
						"The file was removed by another request while this one was stored; upload it again",
						List.of());
			}
		}

		/** Drops the staged bytes, when the record already references a stored copy. */
		void drop() {
			if (!this.committed && !this.discarded) {
				BlobReferences.this.blobs.discard(this.staged);
				this.discarded = true;
			}
		}

		/**
		 * Runs the record's transaction; afterwards the staged bytes are gone. When it
		 * fails after making them visible, the blob goes again unless another record
		 * references it.
		 * @param transaction the transaction that locks, commits and writes the record
		 * @return what it returned
		 */
		<T> T settle(Supplier<T> transaction) {
			try {
				return transaction.get();
			}
			catch (RuntimeException ex) {
				if (this.committed) {
					release(this.staged.hash(), this.staged.size());
				}
				throw ex;
			}
			finally {
				drop();
			}
		}

	}

}
