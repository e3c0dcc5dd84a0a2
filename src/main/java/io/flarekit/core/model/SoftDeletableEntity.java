package io.flarekit.core.model;

import java.time.Instant;

import io.flarekit.core.service.BaseService;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.persistence.MappedSuperclass;

import org.springframework.modulith.NamedInterface;

/**
 * A {@link BaseEntity} whose rows are hidden, not removed, when deleted: the
 * {@link BaseService} sets {@code deletedAt} and leaves such rows out of every read
 * unless asked to include them. A permanent delete still removes the row.
 */
@MappedSuperclass
@NamedInterface("model")
public abstract class SoftDeletableEntity extends BaseEntity {

	private Instant deletedAt;

	@Schema(accessMode = Schema.AccessMode.READ_ONLY)
	public Instant getDeletedAt() {
		return this.deletedAt;
	}

}
