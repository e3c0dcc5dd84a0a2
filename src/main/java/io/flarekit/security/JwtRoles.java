package io.flarekit.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Reads a caller's roles from a token of an identity provider: the claim that
 * {@code flarekit.security.jwt.roles-claim} names, a list of strings (or one string of
 * names separated by spaces or commas). A dotted name reaches into nested claims, as
 * Keycloak's {@code realm_access.roles}; a top-level claim of that exact name wins. The
 * roles become {@code ROLE_<name>} authorities, as an API key's do, and the subject is
 * {@code sub}, so access rules need not know where a caller came from.
 */
final class JwtRoles implements Converter<Jwt, AbstractAuthenticationToken> {

	private final String claim;

	JwtRoles(String claim) {
		this.claim = claim;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		List<SimpleGrantedAuthority> authorities = roles(jwt.getClaims()).stream()
			.map((role) -> new SimpleGrantedAuthority(AccessRule.ROLE_AUTHORITY + role))
			.toList();
		return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
	}

	List<String> roles(Map<String, Object> claims) {
		Object value = claims.containsKey(this.claim) ? claims.get(this.claim) : nested(claims);
		if (value instanceof Collection<?> names) {
			return names.stream()
				.filter(String.class::isInstance)
				.map(String.class::cast)
				.filter(JwtRoles::isName)
				.toList();
		}
		if (value instanceof String names) {
			return Arrays.stream(names.split("[\\s,]+")).filter(JwtRoles::isName).toList();
		}
		return List.of();
	}

	private Object nested(Map<String, Object> claims) {
		Object value = claims;
		for (String part : this.claim.split("\\.")) {
			if (!(value instanceof Map<?, ?> map)) {
				return null;
			}
			value = map.get(part);
		}
		return value;
	}

	private static boolean isName(String role) {
		return !role.isBlank();
	}

}
