package io.flarekit.storage;

import java.time.Instant;
import java.util.List;

import io.flarekit.core.model.UtcTimestampConverter;
import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/**
 * The SQL of the {@code blobs} table ({@link BlobEntry}), in the caller's transaction.
 * {@link #lock} is the one statement that matters: an upsert, the same text on SQLite and
 * PostgreSQL (and CockroachDB), that leaves the row existing and locked until the
 * transaction ends, however many transactions try at once.
 */
@Component
class BlobEntries {

	/**
	 * On PostgreSQL, {@code on conflict do update} takes the row's lock, waiting for a
	 * transaction that holds it or that inserted it uncommitted; when that one deleted
	 * the row, the insert goes ahead instead. At {@code REPEATABLE READ} or
	 * {@code SERIALIZABLE}, a row changed by a transaction that committed meanwhile is a
	 * serialization failure, so that no snapshot older than the lock is ever acted on. On
	 * SQLite, every write transaction holds the database's one write lock from its start
	 * ({@code BEGIN IMMEDIATE}), which orders them all.
	 */
	private static final String LOCK = "insert into blobs (hash, size, created_at, claimed_at) "
			+ "values (:hash, :size, :now, :now) on conflict (hash) do update set claimed_at = excluded.claimed_at";

	private static final UtcTimestampConverter TIMES = new UtcTimestampConverter();

	private final EntityManager entityManager;

	BlobEntries(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	/**
	 * Makes the blob's row exist and locks it until the transaction ends, stamping
	 * {@code claimed_at}.
	 * @param hash the blob's hash
	 * @param size its length, for a row made now
	 */
	void lock(String hash, long size) {
		Assert.state(TransactionSynchronizationManager.isActualTransactionActive(),
				"A blob's row is locked within a transaction");
		this.entityManager.createNativeQuery(LOCK)
			.setParameter("hash", hash)
			.setParameter("size", size)
			.setParameter("now", TIMES.convertToDatabaseColumn(Instant.now()))
			.executeUpdate();
	}

	/** Deletes the blob's row; call it with the row locked. */
	void delete(String hash) {
		this.entityManager.createQuery("delete from BlobEntry b where b.hash = :hash")
			.setParameter("hash", hash)
			.executeUpdate();
	}

	/** Whether the blob has a row (a committed one, on PostgreSQL). */
	boolean exists(String hash) {
		return !this.entityManager.createQuery("select 1 from BlobEntry b where b.hash = :hash")
			.setParameter("hash", hash)
			.setMaxResults(1)
			.getResultList()
			.isEmpty();
	}

	/**
	 * Rows that no record references and that no change claimed since a cutoff.
	 * @param cutoff the latest claim left alone
	 * @param limit the most rows returned
	 * @return each row's hash and size
	 */
	List<Object[]> unreferencedBefore(Instant cutoff, int limit) {
		return this.entityManager
			.createQuery(
					"select b.hash, b.size from BlobEntry b where b.claimedAt < :cutoff "
							+ "and not exists (select 1 from Storage s where s.hash = b.hash) order by b.hash",
					Object[].class)
			.setParameter("cutoff", cutoff)
			.setMaxResults(limit)
			.getResultList();
	}

}
