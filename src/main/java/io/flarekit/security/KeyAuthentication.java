package io.flarekit.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request made with a valid API key. Its name is the key's id, the subject that owner
 * rules will compare with a record's owner; its authorities are the key's roles as
 * {@code ROLE_<name>}, as a token from an identity provider will carry them.
 */
final class KeyAuthentication extends AbstractAuthenticationToken {

	private final VerifiedKey key;

	KeyAuthentication(VerifiedKey key) {
		super(key.authorities());
		this.key = key;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public Object getPrincipal() {
		return this.key.id();
	}

}
