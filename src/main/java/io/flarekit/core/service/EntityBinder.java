package io.flarekit.core.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.flarekit.core.error.FieldError;
import io.flarekit.core.model.EntityModel;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a JSON object from a request to an entity, one field at a time, so that every
 * bad field is reported at once rather than only the first. Server-managed fields are
 * skipped (react-admin sends whole records back), and anything the entity cannot take is
 * an error that names the field.
 *
 * @param <E> the entity type
 */
final class EntityBinder<E> {

	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,64}");

	private final EntityModel<E> model;

	private final JsonMapper mapper;

	EntityBinder(EntityModel<E> model, JsonMapper strictMapper) {
		this.model = model;
		this.mapper = strictMapper;
	}

	/**
	 * Sets the fields of an entity from a JSON object.
	 * @param entity the entity to change
	 * @param body the request body
	 * @param creating whether the entity is new (then a client may choose its id)
	 * @return what was wrong, empty when every field was taken
	 */
	List<FieldError> bind(E entity, JsonNode body, boolean creating) {
		return bind(entity, body, creating, new ArrayList<>());
	}

	/**
	 * As {@link #bind(Object, JsonNode, boolean)}, adding to {@code bound} the name of
	 * every field it set.
	 */
	List<FieldError> bind(E entity, JsonNode body, boolean creating, List<String> bound) {
		if (body == null || !body.isObject()) {
			return List.of(new FieldError("body", FieldError.INVALID_TYPE, "must be a JSON object"));
		}
		List<FieldError> errors = new ArrayList<>();
		ObjectReader updater = this.mapper.readerForUpdating(entity);
		for (Map.Entry<String, JsonNode> property : body.properties()) {
			String field = property.getKey();
			JsonNode value = property.getValue();
			if (field.equals(EntityModel.ID)) {
				if (creating && !value.isNull()) {
					bindClientId(entity, value, errors);
				}
				continue;
			}
			if (EntityModel.SERVER_MANAGED.contains(field)) {
				continue;
			}
			if (this.model.has(field) && !this.model.isExposed(field)) {
				errors.add(unknown(field));
				continue;
			}
			ObjectNode single = this.mapper.createObjectNode();
			single.set(field, value);
			try {
				updater.readValue(single);
				bound.add(field);
			}
			catch (UnrecognizedPropertyException ex) {
				errors.add(unknown(field));
			}
			catch (MismatchedInputException ex) {
				errors.add(new FieldError(field, FieldError.INVALID_TYPE, FieldError.expected(ex.getTargetType())));
			}
			catch (JacksonException ex) {
				errors.add(new FieldError(field, FieldError.INVALID_VALUE, "has an invalid value"));
			}
		}
		return errors;
	}

	private FieldError unknown(String field) {
		return new FieldError(field, FieldError.UNKNOWN_FIELD,
				"is not a field of " + this.model.name() + " that can be set");
	}

	private void bindClientId(E entity, JsonNode value, List<FieldError> errors) {
		if (value.isString() && CLIENT_ID.matcher(value.stringValue()).matches()) {
			this.model.set(entity, EntityModel.ID, value.stringValue());
		}
		else {
			errors.add(new FieldError(EntityModel.ID, FieldError.INVALID_VALUE,
					"must be 1 to 64 letters, digits or any of . _ ~ -"));
		}
	}

}
