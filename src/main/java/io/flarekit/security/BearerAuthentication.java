package io.flarekit.security;

import java.util.regex.Pattern;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Sends each bearer token to what can check it: a token shaped like a JWT to the identity
 * provider's decoder (signature, expiry and issuer), when one is configured; anything
 * else to the service's own API keys. Either way the caller ends up with the same kind of
 * authorities, {@code ROLE_<name>}, and a subject.
 */
final class BearerAuthentication implements AuthenticationManager {

	/**
	 * A compact JWS or unsecured JWT: a base64url JSON header, then two more segments.
	 */
	private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");

	private final AuthenticationManager keys;

	private final JwtAuthenticationProvider jwts;

	/**
	 * The authentication of bearer tokens.
	 * @param keys checks the service's API keys
	 * @param decoder the identity provider's decoder, or null when none is configured
	 * @param rolesClaim the claim that lists a caller's roles
	 */
	BearerAuthentication(AuthenticationManager keys, JwtDecoder decoder, String rolesClaim) {
		this.keys = keys;
		if (decoder != null) {
			this.jwts = new JwtAuthenticationProvider(decoder);
			this.jwts.setJwtAuthenticationConverter(new JwtRoles(rolesClaim));
		}
		else {
			this.jwts = null;
		}
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String token = ((BearerTokenAuthenticationToken) authentication).getToken();
		if (this.jwts != null && JWT.matcher(token).matches()) {
			return this.jwts.authenticate(authentication);
		}
		return this.keys.authenticate(authentication);
	}

}
