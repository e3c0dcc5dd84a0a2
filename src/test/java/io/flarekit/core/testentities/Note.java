package io.flarekit.core.testentities;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarekit.core.model.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;

/**
 * A test entity with a field JSON never shows ({@code secret}) and one it shows but never
 * takes ({@code rating}): neither may be written, and the hidden one may not be filtered,
 * sorted or searched on either.
 */
@Entity
@Table(name = "test_notes")
public class Note extends BaseEntity {

	@NotBlank
	@Column(nullable = false)
	private String title;

	@JsonIgnore
	private String secret;

	@JsonProperty(access = JsonProperty.Access.READ_ONLY)
	private Integer rating;

	public String getTitle() {
		return this.title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public String getSecret() {
		return this.secret;
	}

	public void setSecret(String secret) {
		this.secret = secret;
	}

	public Integer getRating() {
		return this.rating;
	}

	public void setRating(Integer rating) {
		this.rating = rating;
	}

}
