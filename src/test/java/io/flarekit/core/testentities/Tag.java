package io.flarekit.core.testentities;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;

/**
 * A test entity that declares its own columns and has no {@code deletedAt} or
 * {@code updatedAt}: deletes are permanent.
 */
@Entity
@Table(name = "test_tags")
public class Tag {

	@Id
	private String id;

	@NotBlank
	@Column(nullable = false)
	private String name;

	private Instant createdAt;

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

}
