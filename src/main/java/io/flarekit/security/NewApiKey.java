package io.flarekit.security;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.flarekit.core.error.FieldError;
import io.flarekit.core.error.ServiceException;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api-keys}, checked: {@code name} (1 to 100 characters),
 * {@code roles} (role names, possibly none) and an optional {@code expiresAt} in the
 * future. Every bad field is named in one 400, in the project's problem shape.
 *
 * @param name what the key is for
 * @param roles its roles, each once
 * @param expiresAt when it stops working, or null
 */
record NewApiKey(String name, List<String> roles, Instant expiresAt) {

	private static final Set<String> FIELDS = Set.of("name", "roles", "expiresAt");

	static NewApiKey read(JsonNode body, Instant now) {
		if (body == null || !body.isObject()) {
			throw ServiceException.invalid("body", FieldError.INVALID_TYPE, "must be a JSON object");
		}
		List<FieldError> errors = new ArrayList<>();
		for (Map.Entry<String, JsonNode> property : body.properties()) {
			if (!FIELDS.contains(property.getKey())) {
				errors.add(new FieldError(property.getKey(), FieldError.UNKNOWN_FIELD,
						"is not a field of an API key; use name, roles and expiresAt"));
			}
		}
		String name = name(body.get("name"), errors);
		List<String> roles = roles(body.get("roles"), errors);
		Instant expiresAt = expiresAt(body.get("expiresAt"), now, errors);
		if (!errors.isEmpty()) {
			throw ServiceException.invalid(errors);
		}
		return new NewApiKey(name, roles, expiresAt);
	}

	private static String name(JsonNode node, List<FieldError> errors) {
		if (node == null || node.isNull() || (node.isString() && node.stringValue().isBlank())) {
			errors.add(new FieldError("name", FieldError.REQUIRED, "must say what the key is for"));
			return null;
		}
		if (!node.isString()) {
			errors.add(new FieldError("name", FieldError.INVALID_TYPE, FieldError.expected(String.class)));
			return null;
		}
		String name = node.stringValue().strip();
		if (name.length() > 100) {
			errors.add(new FieldError("name", "INVALID_LENGTH", "must be at most 100 characters"));
		}
		return name;
	}

	private static List<String> roles(JsonNode node, List<FieldError> errors) {
		if (node == null || node.isNull()) {
			errors.add(new FieldError("roles", FieldError.REQUIRED, "must list the key's roles, such as [\"admin\"]"));
			return List.of();
		}
		if (!node.isArray()) {
			errors.add(new FieldError("roles", FieldError.INVALID_TYPE, "must be a JSON array of role names"));
			return List.of();
		}
		Set<String> roles = new LinkedHashSet<>();
		for (int i = 0; i < node.size(); i++) {
			JsonNode role = node.get(i);
			if (role.isString() && AccessRule.isRoleName(role.stringValue())) {
				roles.add(role.stringValue());
			}
			else {
				errors.add(new FieldError("roles[" + i + "]", FieldError.INVALID_VALUE,
						"must be a role name: 1 to 64 of a-z 0-9 _ . -"));
			}
		}
		if (roles.size() > 20) {
			errors.add(new FieldError("roles", FieldError.INVALID_VALUE, "must have at most 20 roles"));
		}
		return List.copyOf(roles);
	}

	private static Instant expiresAt(JsonNode node, Instant now, List<FieldError> errors) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			errors.add(new FieldError("expiresAt", FieldError.INVALID_TYPE, FieldError.expected(Instant.class)));
			return null;
		}
		try {
			Instant expiresAt = Instant.parse(node.stringValue());
			if (!expiresAt.isAfter(now)) {
				errors.add(new FieldError("expiresAt", FieldError.INVALID_VALUE, "must be in the future"));
			}
			return expiresAt;
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldError("expiresAt", FieldError.INVALID_VALUE, FieldError.expected(Instant.class)));
			return null;
		}
	}

}
