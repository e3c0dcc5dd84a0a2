package io.flarekit.core.testentities;

import io.flarekit.core.model.SoftDeletableEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;

/** A test entity with every optional behaviour: shortId, slug from title, an enum. */
@Entity
@Table(name = "test_articles")
public class Article extends SoftDeletableEntity {

	/** The states an article can be in. */
	public enum Status {

		DRAFT, PUBLISHED

	}

	@Column(unique = true, nullable = false)
	private String shortId;

	@NotBlank
	@Column(nullable = false)
	private String title;

	@Column(unique = true, nullable = false)
	private String slug;

	@Enumerated(EnumType.STRING)
	private Status status = Status.DRAFT;

	@PositiveOrZero
	private Integer views;

	public String getShortId() {
		return this.shortId;
	}

	public String getTitle() {
		return this.title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public String getSlug() {
		return this.slug;
	}

	public void setSlug(String slug) {
		this.slug = slug;
	}

	public Status getStatus() {
		return this.status;
	}

	public void setStatus(Status status) {
		this.status = status;
	}

	public Integer getViews() {
		return this.views;
	}

	public void setViews(Integer views) {
		this.views = views;
	}

}
