package io.flarekit.security;

import jakarta.servlet.ServletRequest;

/**
 * What the access rules decided for a request, kept on the request for what comes after:
 * the 403 message, and the owner scope that the core will apply.
 *
 * @param target the resource and operation
 * @param ownerOnly whether only an {@code owner} alternative admitted the caller, so that
 * it may reach its own records only
 * @param subject the caller's subject (a key's id), or null without a credential
 * @param rule the rules that were checked, for messages
 */
record AccessDecision(RequestTarget target, boolean ownerOnly, String subject, String rule) {

	private static final String ATTRIBUTE = AccessDecision.class.getName();

	static AccessDecision of(ServletRequest request) {
		return (AccessDecision) request.getAttribute(ATTRIBUTE);
	}

	void keepOn(ServletRequest request) {
		request.setAttribute(ATTRIBUTE, this);
	}

}
