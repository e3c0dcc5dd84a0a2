package io.flarekit.security;

import java.util.Optional;

import io.flarekit.core.service.OwnerScope;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The core's {@link OwnerScope} from the access decision of the current request: its
 * caller's subject when only an {@code owner} alternative admitted it.
 */
@Component
class RequestOwnerScope implements OwnerScope {

	@Override
	public Optional<String> owner() {
		if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
			return Optional.empty();
		}
		AccessDecision decision = AccessDecision.of(attributes.getRequest());
		return (decision != null && decision.ownerOnly()) ? Optional.ofNullable(decision.subject()) : Optional.empty();
	}

}
