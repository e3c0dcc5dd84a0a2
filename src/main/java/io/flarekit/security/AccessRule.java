package io.flarekit.security;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * One configured rule: alternatives, any of which admits a caller. {@code owner} admits
 * any authenticated caller, but only to records it owns (see {@link Grant#OWN}). The
 * admin role passes every rule, so that no configuration can lock the admins out.
 *
 * @param text the rule as configured
 * @param open {@code public}: anyone, with or without a credential
 * @param authenticated {@code authenticated}: any valid credential
 * @param owner {@code owner}: a valid credential, for its own records
 * @param roles {@code role:<name>}: a credential with one of these roles
 */
record AccessRule(String text, boolean open, boolean authenticated, boolean owner, Set<String> roles) {

	static final String ROLE_AUTHORITY = "ROLE_";

	static final AccessRule ADMIN_ONLY = new AccessRule("role:" + ApiKeys.ADMIN, false, false, false,
			Set.of(ApiKeys.ADMIN));

	private static final Pattern ROLE_NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

	/** How far a rule admits a caller. */
	enum Grant {

		/** Not at all. */
		NONE,
		/** To the records it owns only. */
		OWN,
		/** To every record. */
		ALL

	}

	/**
	 * Reads a rule.
	 * @param text the configured value
	 * @param property the property it came from, for the message
	 * @return the rule
	 * @throws IllegalArgumentException naming the property when the rule is not valid
	 */
	static AccessRule parse(String text, String property) {
		boolean open = false;
		boolean authenticated = false;
		boolean owner = false;
		Set<String> roles = new LinkedHashSet<>();
		String[] alternatives = text.split(",", -1);
		for (String raw : alternatives) {
			String alternative = raw.strip();
			if (alternative.equals("public")) {
				open = true;
			}
			else if (alternative.equals("authenticated")) {
				authenticated = true;
			}
			else if (alternative.equals("owner")) {
				owner = true;
			}
			else if (alternative.startsWith("role:") && isRoleName(alternative.substring(5))) {
				roles.add(alternative.substring(5));
			}
			else {
				throw new IllegalArgumentException(property + ": '" + alternative + "' in '" + text
						+ "' is not a rule; use public, authenticated, owner or role:<name> (a-z 0-9 _ . -), "
						+ "separated by commas");
			}
		}
		return new AccessRule(text.strip(), open, authenticated, owner, Set.copyOf(roles));
	}

	/**
	 * How far this rule admits a caller.
	 * @param caller the request's authentication; anonymous or null without a credential
	 * @return the grant
	 */
	Grant admit(Authentication caller) {
		if (this.open) {
			return Grant.ALL;
		}
		if (!signedIn(caller)) {
			return Grant.NONE;
		}
		if (this.authenticated || hasRole(caller, this.roles) || hasRole(caller, ADMIN_ONLY.roles)) {
			return Grant.ALL;
		}
		return this.owner ? Grant.OWN : Grant.NONE;
	}

	/**
	 * Whether a role name is valid: 1 to 64 of a-z 0-9 _ . -, starting with a letter or
	 * digit.
	 */
	static boolean isRoleName(String name) {
		return ROLE_NAME.matcher(name).matches();
	}

	/**
	 * Whether a request's authentication is a valid credential, not the anonymous one.
	 */
	static boolean signedIn(Authentication caller) {
		return caller != null && caller.isAuthenticated() && !(caller instanceof AnonymousAuthenticationToken);
	}

	private static boolean hasRole(Authentication caller, Set<String> roles) {
		for (GrantedAuthority authority : caller.getAuthorities()) {
			String name = authority.getAuthority();
			if (name != null && name.startsWith(ROLE_AUTHORITY)
					&& roles.contains(name.substring(ROLE_AUTHORITY.length()))) {
				return true;
			}
		}
		return false;
	}

}
