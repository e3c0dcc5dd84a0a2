package io.flarekit.core.testentities;

import java.time.Instant;

import io.flarekit.core.model.BaseEntity;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.SQLUpdate;
import org.hibernate.jdbc.Expectation;

/**
 * A test entity that declares its own columns and has no {@code deletedAt} or
 * {@code updatedAt}: deletes are permanent. Its version is declared here too. Its
 * {@code UPDATE} is its own ({@link SQLUpdate}, Hibernate's parameter order: the
 * properties by name, then the id and the version read), so its updates are written
 * whole, as the core writes every entity that an update of its changed columns cannot
 * serve.
 */
@Entity
@Table(name = "test_tags")
@SQLUpdate(sql = "update test_tags set created_at = ?, name = ?, version = ? where id = ? and version = ?",
		verify = Expectation.RowCount.class)
public class Tag {

	@Id
	private String id;

	@NotBlank
	@Column(nullable = false)
	private String name;

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

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	@Schema(accessMode = Schema.AccessMode.READ_ONLY, description = BaseEntity.VERSION_DESCRIPTION)
	public Long getVersion() {
		return this.version;
	}

}
