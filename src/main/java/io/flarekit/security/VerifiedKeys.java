package io.flarekit.security;

import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The active key whose secret has a given hash: from the {@link KeyCache} when it was
 * verified lately, else from the database, and then remembered (unless a revocation
 * happened meanwhile, see {@link KeyCache#put}).
 */
@Component
class VerifiedKeys {

	private final ApiKeys keys;

	private final KeyCache cache;

	VerifiedKeys(ApiKeys keys, KeyCache cache) {
		this.keys = keys;
		this.cache = cache;
	}

	Optional<VerifiedKey> find(String hash) {
		VerifiedKey cached = this.cache.get(hash);
		if (cached != null) {
			return Optional.of(cached);
		}
		long generation = this.cache.generation();
		Optional<VerifiedKey> found = this.keys.findActive(hash).map(VerifiedKey::of);
		found.ifPresent((key) -> this.cache.put(hash, key, generation));
		return found;
	}

}
