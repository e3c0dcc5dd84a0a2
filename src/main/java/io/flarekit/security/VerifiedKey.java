package io.flarekit.security;

import java.time.Instant;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a request needs to know about a key it presented, once the key has been found
 * active: who it is (its id, the subject of what it does) and its roles.
 *
 * @param id the key's id
 * @param roles its roles
 * @param expiresAt when it stops being accepted, or null
 * @param authorities its roles as {@code ROLE_<name>}, made once per key rather than once
 * per request
 */
record VerifiedKey(String id, List<String> roles, Instant expiresAt, List<GrantedAuthority> authorities) {

	VerifiedKey(String id, List<String> roles, Instant expiresAt) {
		this(id, roles, expiresAt,
				roles.stream()
					.<GrantedAuthority>map((role) -> new SimpleGrantedAuthority(AccessRule.ROLE_AUTHORITY + role))
					.toList());
	}

	static VerifiedKey of(ApiKey key) {
		return new VerifiedKey(key.getId(), List.copyOf(key.getRoles()), key.getExpiresAt());
	}

	boolean isExpired(Instant now) {
		return this.expiresAt != null && !this.expiresAt.isAfter(now);
	}

}
