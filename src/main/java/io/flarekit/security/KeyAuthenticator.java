package io.flarekit.security;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Turns a bearer token into a {@link KeyAuthentication} when it is an active key of this
 * service: a token that cannot be a key is refused without a lookup; a known key comes
 * from the {@link KeyCache}, others from the database. Every refusal is an
 * {@code invalid_token}, which the entry point answers with 401.
 */
@Component
class KeyAuthenticator implements AuthenticationManager {

	private final ApiKeys keys;

	private final KeyCache cache;

	private final KeyUsage usage;

	KeyAuthenticator(ApiKeys keys, KeyCache cache, KeyUsage usage) {
		this.keys = keys;
		this.cache = cache;
		this.usage = usage;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String token = ((BearerTokenAuthenticationToken) authentication).getToken();
		if (!KeySecrets.plausible(token)) {
			throw new InvalidBearerTokenException("The bearer token is not an API key of this service");
		}
		String hash = KeySecrets.hash(token);
		VerifiedKey key = this.cache.get(hash);
		if (key == null) {
			long generation = this.cache.generation();
			key = this.keys.findActive(hash)
				.map(VerifiedKey::of)
				.orElseThrow(() -> new InvalidBearerTokenException("The API key is unknown or revoked"));
			this.cache.put(hash, key, generation);
		}
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		if (key.isExpired(now)) {
			throw new InvalidBearerTokenException("The API key has expired");
		}
		this.usage.used(key.id(), now);
		return new KeyAuthentication(key);
	}

}
