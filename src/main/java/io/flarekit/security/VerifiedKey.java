package io.flarekit.security;

import java.time.Instant;
import java.util.List;

/**
 * What a request needs to know about a key it presented, once the key has been found
 * active: who it is (its id, the subject of what it does) and its roles.
 *
 * @param id the key's id
 * @param roles its roles
 * @param expiresAt when it stops being accepted, or null
 */
record VerifiedKey(String id, List<String> roles, Instant expiresAt) {

	static VerifiedKey of(ApiKey key) {
		return new VerifiedKey(key.getId(), List.copyOf(key.getRoles()), key.getExpiresAt());
	}

	boolean isExpired(Instant now) {
		return this.expiresAt != null && !this.expiresAt.isAfter(now);
	}

}
