package io.flarekit.security;

import java.util.function.Supplier;

import io.flarekit.security.AccessRule.Grant;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

/**
 * Decides a request by the configured rules: the rule of its operation on its resource,
 * and the rules of {@code include-deleted} and {@code permanent-delete} when it asks for
 * them; every rule that applies must admit the caller. The decision is kept on the
 * request (see {@link AccessDecision}).
 */
@Component
class ResourceAccess implements AuthorizationManager<RequestAuthorizationContext> {

	private final AccessPolicy policy;

	ResourceAccess(AccessPolicy policy) {
		this.policy = policy;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		HttpServletRequest request = context.getRequest();
		RequestTarget target = RequestTarget.of(request);
		Authentication caller = authentication.get();
		AccessRule rule = this.policy.rule(target.resource(), target.operation());
		Grant grant = rule.admit(caller);
		String rules = rule.text();
		if (grant != Grant.NONE && target.includeDeleted()) {
			AccessRule extra = this.policy.rule(target.resource(), Operation.INCLUDE_DELETED);
			grant = narrower(grant, extra.admit(caller));
			rules += "; includeDeleted=true: " + extra.text();
		}
		if (grant != Grant.NONE && target.permanent()) {
			AccessRule extra = this.policy.rule(target.resource(), Operation.PERMANENT_DELETE);
			grant = narrower(grant, extra.admit(caller));
			rules += "; permanent=true: " + extra.text();
		}
		new AccessDecision(target, grant == Grant.OWN, subject(caller), rules).keepOn(request);
		return new AuthorizationDecision(grant != Grant.NONE);
	}

	private static Grant narrower(Grant a, Grant b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static String subject(Authentication caller) {
		return AccessRule.signedIn(caller) ? caller.getName() : null;
	}

}
