package io.flarekit.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tokens of an external identity provider are read. The provider itself (where its
 * keys are, which issuer to trust) is Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*}; without it, only API keys are
 * accepted.
 *
 * @param rolesClaim the claim that lists a caller's roles; a dotted name reaches into
 * nested claims, e.g. Keycloak's {@code realm_access.roles}
 */
@ConfigurationProperties("flarekit.security.jwt")
record JwtProperties(@DefaultValue("roles") String rolesClaim) {

	JwtProperties {
		if (rolesClaim.isBlank()) {
			throw new IllegalArgumentException("flarekit.security.jwt.roles-claim must name a claim");
		}
	}

}
