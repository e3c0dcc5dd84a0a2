package io.flarekit.security;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.flarekit.core.model.SoftDeletableEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * An API key the service issued. Only the SHA-256 of its secret is kept, so a copy of the
 * database gives no usable key. A revoked key keeps its row, with {@code deletedAt} as
 * the time of revocation, so that the list of issued keys stays auditable and a revoked
 * secret can never be stored again.
 */
@Entity
@Table(name = "api_keys", indexes = { @Index(name = "ux_api_keys_key_hash", columnList = "key_hash", unique = true),
		@Index(name = "idx_api_keys_created_at", columnList = "created_at, id") })
public class ApiKey extends SoftDeletableEntity {

	@NotBlank
	@Size(max = 100)
	@Column(nullable = false)
	private String name;

	/** Role names separated by commas, e.g. {@code admin,editor}; may be empty. */
	@Size(max = 1000)
	@Column(nullable = false)
	private String roles;

	/** Lower-case hex SHA-256 of the whole secret, prefix included. */
	@Column(nullable = false)
	private String keyHash;

	private Instant expiresAt;

	private Instant lastUsedAt;

	protected ApiKey() {
	}

	ApiKey(String name, List<String> roles, String keyHash, Instant expiresAt) {
		this.name = name;
		this.roles = String.join(",", roles);
		this.keyHash = keyHash;
		this.expiresAt = expiresAt;
	}

	String getName() {
		return this.name;
	}

	List<String> getRoles() {
		return this.roles.isEmpty() ? List.of() : Arrays.asList(this.roles.split(","));
	}

	String getKeyHash() {
		return this.keyHash;
	}

	Instant getExpiresAt() {
		return this.expiresAt;
	}

	Instant getLastUsedAt() {
		return this.lastUsedAt;
	}

	void setLastUsedAt(Instant lastUsedAt) {
		this.lastUsedAt = lastUsedAt;
	}

	boolean isExpired(Instant now) {
		return this.expiresAt != null && !this.expiresAt.isAfter(now);
	}

}
