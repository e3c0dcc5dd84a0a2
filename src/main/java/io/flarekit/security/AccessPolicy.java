package io.flarekit.security;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The configured rules, read and checked once at start: an invalid rule stops the start
 * with a message naming its property. A resource's missing rule is the default's, and a
 * missing default is {@code role:admin}, so nothing is open unless configured.
 */
@Component
@EnableConfigurationProperties(AccessProperties.class)
class AccessPolicy {

	static final String PREFIX = "flarekit.access";

	/** The path of the keys; only admins reach it, whatever the rules say. */
	static final String API_KEYS = "api-keys";

	private static final Pattern RESOURCE_NAME = Pattern.compile("[A-Za-z0-9._~-]+");

	private final Map<Operation, AccessRule> defaults = new EnumMap<>(Operation.class);

	private final Map<String, Map<Operation, AccessRule>> resources = new HashMap<>();

	AccessPolicy(AccessProperties properties) {
		OperationRules configured = properties.defaults();
		for (Operation operation : Operation.values()) {
			String text = (configured != null) ? configured.of(operation) : null;
			this.defaults.put(operation, (text != null)
					? AccessRule.parse(text, PREFIX + ".defaults." + operation.property()) : AccessRule.ADMIN_ONLY);
		}
		properties.resources().forEach((resource, rules) -> {
			String prefix = PREFIX + ".resources." + resource;
			if (resource.equals(API_KEYS)) {
				throw new IllegalArgumentException(
						prefix + ": /" + API_KEYS + " is for admins only and takes no rules");
			}
			if (!RESOURCE_NAME.matcher(resource).matches()) {
				throw new IllegalArgumentException(
						prefix + ": a resource is the first segment of its path, " + "such as users or storage-info");
			}
			Map<Operation, AccessRule> own = new EnumMap<>(Operation.class);
			for (Operation operation : Operation.values()) {
				String text = (rules != null) ? rules.of(operation) : null;
				if (text != null) {
					own.put(operation, AccessRule.parse(text, prefix + "." + operation.property()));
				}
			}
			this.resources.put(resource, own);
		});
	}

	/**
	 * The rule of an operation on a resource.
	 * @param resource the first segment of the path
	 * @param operation the operation, or null for a method that maps to none
	 * @return the rule; {@code role:admin} for a method that maps to no operation, and
	 * for the keys
	 */
	AccessRule rule(String resource, Operation operation) {
		if (operation == null || resource.equals(API_KEYS)) {
			return AccessRule.ADMIN_ONLY;
		}
		AccessRule own = this.resources.getOrDefault(resource, Map.of()).get(operation);
		return (own != null) ? own : this.defaults.get(operation);
	}

}
