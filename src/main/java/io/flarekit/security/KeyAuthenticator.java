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
 * service that has not expired: a token that cannot be a key is refused without a lookup;
 * the others are found by their hash ({@link VerifiedKeys}). Every refusal is an
 * {@code invalid_token}, which the entry point answers with 401.
 */
@Component
class KeyAuthenticator implements AuthenticationManager {

	private final VerifiedKeys keys;

	private final KeyUsage usage;

	KeyAuthenticator(VerifiedKeys keys, KeyUsage usage) {
		this.keys = keys;
		this.usage = usage;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String token = ((BearerTokenAuthenticationToken) authentication).getToken();
		if (!KeySecrets.plausible(token)) {
			throw new InvalidBearerTokenException("The bearer token is not an API key of this service");
		}
		VerifiedKey key = this.keys.find(KeySecrets.hash(token))
			.orElseThrow(() -> new InvalidBearerTokenException("The API key is unknown or revoked"));
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		if (key.isExpired(now)) {
			throw new InvalidBearerTokenException("The API key has expired");
		}
		this.usage.used(key.id(), now);
		return new KeyAuthentication(key);
	}

}
