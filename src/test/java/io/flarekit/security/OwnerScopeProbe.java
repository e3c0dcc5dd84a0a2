package io.flarekit.security;

import java.util.Collections;
import java.util.Map;

import io.flarekit.core.service.OwnerScope;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A test-only endpoint that shows what the core would read from {@link OwnerScope}.
 */
@RestController
class OwnerScopeProbe {

	private final OwnerScope scope;

	OwnerScopeProbe(OwnerScope scope) {
		this.scope = scope;
	}

	@GetMapping("/owner-scope")
	Map<String, String> owner() {
		return Collections.singletonMap("owner", this.scope.owner().orElse(null));
	}

}
