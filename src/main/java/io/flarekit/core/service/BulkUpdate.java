package io.flarekit.core.service;

import java.util.ArrayList;
import java.util.List;

import io.flarekit.core.error.FieldError;
import io.flarekit.core.error.ServiceException;
import tools.jackson.databind.JsonNode;

import org.springframework.modulith.NamedInterface;

/**
 * One entry of a bulk update: which record, and the fields to change.
 *
 * @param id the record's id
 * @param data the fields to change, as in a single update
 */
@NamedInterface("service")
public record BulkUpdate(String id, JsonNode data) {

	/**
	 * Reads a bulk update request body, {@code [{"id": …, "data": {…}}, …]}.
	 * @param body the request body
	 * @return the entries in order
	 * @throws ServiceException 400 naming every bad entry
	 */
	public static List<BulkUpdate> listOf(JsonNode body) {
		if (body == null || !body.isArray()) {
			throw ServiceException.invalid("body", FieldError.INVALID_TYPE,
					"must be a JSON array of {\"id\": …, \"data\": {…}}");
		}
		List<BulkUpdate> updates = new ArrayList<>();
		List<FieldError> errors = new ArrayList<>();
		for (int i = 0; i < body.size(); i++) {
			JsonNode entry = body.get(i);
			JsonNode id = entry.get("id");
			JsonNode data = entry.get("data");
			if (id == null || !id.isString() || id.stringValue().isBlank()) {
				errors.add(new FieldError("[" + i + "].id", FieldError.REQUIRED, "must be the id of a record"));
			}
			if (data == null || !data.isObject()) {
				errors.add(new FieldError("[" + i + "].data", FieldError.REQUIRED, "must be a JSON object"));
			}
			if (errors.isEmpty()) {
				updates.add(new BulkUpdate(id.stringValue(), data));
			}
		}
		if (!errors.isEmpty()) {
			throw ServiceException.invalid(errors);
		}
		return updates;
	}

}
