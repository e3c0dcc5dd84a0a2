package io.flarekit.storage;

import java.time.Instant;

import io.flarekit.core.model.UtcTimestampConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnDefault;

/**
 * A blob's row in the database: the lock that orders, across every instance on one
 * database, each change that makes a record reference a blob against the removal of that
 * blob ({@link BlobReferences} says how). It is bookkeeping the service owns; no endpoint
 * serves it. A blob may lack a row (stored before this table existed, or left by a
 * crash): the first claim or clean-up of its hash makes one.
 */
@Entity
@Table(name = "blobs")
class BlobEntry {

	/** The SHA-256 of the content, lower-case hex, as in {@link Storage#getHash()}. */
	@Id
	@Column(nullable = false)
	private String hash;

	@Column(nullable = false)
	private Long size;

	@Column(nullable = false)
	@ColumnDefault(UtcTimestampConverter.SQLITE_NOW)
	private Instant createdAt;

	/**
	 * When a record change last locked the row to reference the blob: the clean-up leaves
	 * an unreferenced row alone for {@code orphan-grace} after it, so that a change that
	 * the database makes rerun finds its blob still there.
	 */
	@Column(nullable = false)
	@ColumnDefault(UtcTimestampConverter.SQLITE_NOW)
	private Instant claimedAt;

	protected BlobEntry() {
	}

}
