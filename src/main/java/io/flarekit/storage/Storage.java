package io.flarekit.storage;

import io.flarekit.core.model.SoftDeletableEntity;
import io.flarekit.core.model.TableIndex;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * A stored file: its name as the client gave it, its size and detected type, and the
 * SHA-256 that addresses its bytes in the {@link BlobStore}. Several records may share
 * one blob. Every field is set by the server: the generic JSON create and update do not
 * apply to files.
 */
@Entity
@Table(name = "storage",
		indexes = { @Index(name = "idx_storage_hash", columnList = "hash"),
				@Index(name = "idx_storage_created_at", columnList = "created_at, id") })
@TableIndex(name = "ux_storage_key_anonymous", unique = true, on = "key", where = "owner_id is null", field = "key")
@TableIndex(name = "ux_storage_owner_key", unique = true, on = "owner_id, key", where = "owner_id is not null",
		field = "key")
public class Storage extends SoftDeletableEntity {

	/**
	 * The short hash and the sanitized file name, e.g. {@code 3f2a9c1b0d4e5f60-cat.png}.
	 */
	@Column(nullable = false)
	private String key;

	@Column(nullable = false)
	private String originalName;

	@Column(nullable = false)
	private Long size;

	@Column(nullable = false)
	private String mimeType;

	/** The SHA-256 of the content, lower-case hex: the blob's address and the ETag. */
	@Column(nullable = false)
	private String hash;

	/**
	 * The subject (an API key's id, a token's {@code sub}) of the caller who uploaded it;
	 * null for an anonymous upload. Two owners who upload the same file get a record
	 * each, sharing one blob.
	 */
	private String ownerId;

	protected Storage() {
	}

	Storage(String key, String originalName, long size, String mimeType, String hash) {
		this.key = key;
		this.originalName = originalName;
		this.size = size;
		this.mimeType = mimeType;
		this.hash = hash;
	}

	void replaceContent(String key, String originalName, long size, String mimeType, String hash) {
		this.key = key;
		this.originalName = originalName;
		this.size = size;
		this.mimeType = mimeType;
		this.hash = hash;
	}

	public String getKey() {
		return this.key;
	}

	public String getOriginalName() {
		return this.originalName;
	}

	public Long getSize() {
		return this.size;
	}

	public String getMimeType() {
		return this.mimeType;
	}

	public String getHash() {
		return this.hash;
	}

	@Schema(accessMode = Schema.AccessMode.READ_ONLY)
	public String getOwnerId() {
		return this.ownerId;
	}

}
