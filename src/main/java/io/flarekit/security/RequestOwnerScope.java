package io.flarekit.security;

import java.util.Optional;

import io.flarekit.core.service.OwnerScope;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The core's {@link OwnerScope} from the access decision of the current request: the
 * caller's subject, which records it creates are stamped with, and which limits it to its
 * own records when only an {@code owner} alternative admitted it.
 */
@Component
class RequestOwnerScope implements OwnerScope {

	@Override
	public Optional<String> owner() {
		AccessDecision decision = decision();
		return (decision != null && decision.ownerOnly()) ? Optional.ofNullable(decision.subject()) : Optional.empty();
	}

	@Override
	public Optional<String> subject() {
		AccessDecision decision = decision();
		return (decision != null) ? Optional.ofNullable(decision.subject()) : Optional.empty();
	}

	/** The access decision of the request this thread serves, if any. */
	private static AccessDecision decision() {
		if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
			return null;
		}
		return AccessDecision.of(attributes.getRequest());
	}

}
