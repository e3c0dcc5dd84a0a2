package io.flarekit.storage;

import java.time.Instant;

import io.flarekit.core.model.BaseEntity;
import io.flarekit.core.model.UtcTimestampConverter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.hibernate.annotations.ColumnDefault;

/**
 * A description attached to a stored file, as in the original's {@code storage_info}
 * table. The generic core serves it; {@code embed=["storage"]} nests the file's record,
 * which is never bound from a request: a client that sends such a record back (as
 * react-admin does) changes only the description's own fields.
 */
@Entity
@JsonIgnoreProperties("storage")
@Table(name = "storage_info", indexes = @Index(name = "idx_storage_info_storage_id", columnList = "storage_id"))
public class StorageInfo {

	@Id
	@Column(nullable = false)
	private String id;

	@NotBlank
	@Column(name = "storage_id", nullable = false)
	private String storageId;

	/** The file's record, which the core reads when {@code embed} asks for it. */
	@ManyToOne(fetch = FetchType.LAZY)
	@JoinColumn(name = "storage_id", insertable = false, updatable = false)
	private Storage storage;

	@NotBlank
	@Size(max = 2000)
	@Column(nullable = false)
	private String description;

	@ColumnDefault(UtcTimestampConverter.SQLITE_NOW)
	private Instant createdAt;

	/**
	 * Every entity has a version; this one does not extend BaseEntity, so it declares it.
	 */
	@Version
	@Column(nullable = false)
	@ColumnDefault("0")
	private Long version;

	public String getId() {
		return this.id;
	}

	public String getStorageId() {
		return this.storageId;
	}

	public void setStorageId(String storageId) {
		this.storageId = storageId;
	}

	public String getDescription() {
		return this.description;
	}

	public void setDescription(String description) {
		this.description = description;
	}

	@Schema(accessMode = Schema.AccessMode.READ_ONLY)
	public Instant getCreatedAt() {
		return this.createdAt;
	}

	@Schema(accessMode = Schema.AccessMode.READ_ONLY, description = BaseEntity.VERSION_DESCRIPTION)
	public Long getVersion() {
		return this.version;
	}

}
