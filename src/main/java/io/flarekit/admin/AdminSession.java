package io.flarekit.admin;

import java.util.List;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/session}: who the credential sent is, and its roles, so that the
 * admin UI can check a key at login (a wrong one is a 401 here, as on every path) and
 * hide the actions the rules of {@code /specification.json} deny to those roles. Open,
 * like the OpenAPI document: it tells a caller only about itself.
 */
@RestController
class AdminSession {

	private static final String ROLE = "ROLE_";

	/**
	 * The caller.
	 *
	 * @param authenticated whether a valid credential was sent
	 * @param subject its subject (an API key's id, a token's {@code sub}), or null
	 * @param roles its roles, without the {@code ROLE_} prefix
	 */
	record Caller(boolean authenticated, String subject, List<String> roles) {
	}

	@GetMapping("/admin/session")
	Caller session() {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		if (!signedIn(caller)) {
			return new Caller(false, null, List.of());
		}
		List<String> roles = caller.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((name) -> name != null && name.startsWith(ROLE))
			.map((name) -> name.substring(ROLE.length()))
			.sorted()
			.toList();
		return new Caller(true, caller.getName(), roles);
	}

	static boolean signedIn(Authentication caller) {
		return caller != null && caller.isAuthenticated() && !(caller instanceof AnonymousAuthenticationToken);
	}

	static boolean isAdmin(Authentication caller) {
		return signedIn(caller) && caller.getAuthorities()
			.stream()
			.anyMatch((authority) -> (ROLE + "admin").equals(authority.getAuthority()));
	}

}
