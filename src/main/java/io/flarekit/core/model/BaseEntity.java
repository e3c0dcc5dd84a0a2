package io.flarekit.core.model;

import java.time.Instant;

import io.flarekit.core.service.BaseService;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnDefault;

import org.springframework.modulith.NamedInterface;

/**
 * The columns most tables share: a UUIDv7 text id (so ids sort by creation), and the
 * creation and last-update times. The {@link BaseService} fills all three; clients cannot
 * set them. An entity does not have to extend this class: the service recognises the
 * attributes {@code id}, {@code createdAt}, {@code updatedAt}, {@code deletedAt},
 * {@code shortId}, {@code slug} and {@code title} by name, wherever they are declared. It
 * requires {@code id} and a JPA {@code @Version} attribute named {@code version}, which
 * Hibernate increments on every change and checks on every write, so that no update is
 * lost.
 */
@MappedSuperclass
@JsonPropertyOrder({ "id" })
@NamedInterface("model")
public abstract class BaseEntity {

	/** What the {@code version} attribute means, for the OpenAPI document. */
	public static final String VERSION_DESCRIPTION = "Counts the record's changes; its ETag is this number in quotes";

	@Id
	@Column(nullable = false)
	private String id;

	@Column(nullable = false)
	@ColumnDefault(UtcTimestampConverter.SQLITE_NOW)
	private Instant createdAt;

	private Instant updatedAt;

	@Version
	@Column(nullable = false)
	@ColumnDefault("0")
	private Long version;

	@Schema(description = "A UUIDv7 unless chosen on create")
	public String getId() {
		return this.id;
	}

	@Schema(accessMode = Schema.AccessMode.READ_ONLY)
	public Instant getCreatedAt() {
		return this.createdAt;
	}

	@Schema(accessMode = Schema.AccessMode.READ_ONLY)
	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	@Schema(accessMode = Schema.AccessMode.READ_ONLY, description = VERSION_DESCRIPTION)
	public Long getVersion() {
		return this.version;
	}

}
