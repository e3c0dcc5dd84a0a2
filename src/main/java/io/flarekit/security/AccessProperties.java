package io.flarekit.security;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may do what, per resource and operation: {@code flarekit.access.defaults.<op>} and
 * {@code flarekit.access.resources.<resource>.<op>}. Each rule is a comma-separated list
 * of alternatives: {@code public}, {@code authenticated}, {@code owner},
 * {@code role:<name>}. {@link AccessPolicy} checks them at start.
 *
 * @param defaults the rules of every resource that does not set its own
 * @param resources rules by resource: the first segment of its path
 */
@ConfigurationProperties("flarekit.access")
record AccessProperties(@DefaultValue OperationRules defaults, Map<String, OperationRules> resources) {

	AccessProperties {
		resources = (resources != null) ? Map.copyOf(resources) : Map.of();
	}

}
