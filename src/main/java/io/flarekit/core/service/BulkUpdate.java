package io.flarekit.core.service;

import java.util.ArrayList;
import java.util.List;

import io.flarekit.core.error.FieldError;
import io.flarekit.core.error.ServiceException;
import tools.jackson.databind.JsonNode;

import org.springframework.modulith.NamedInterface;

/**
 * One entry of a bulk update: which record, the fields to change, and the version the
 * record must be at, if the client says.
 *
 * @param id the record's id
 * @param data the fields to change, as in a single update
 * @param version the version the record must be at, or {@code null} for any
 */
@NamedInterface("service")
public record BulkUpdate(String id, JsonNode data, Long version) {

	/** An entry that changes the record whatever its version. */
	public BulkUpdate(String id, JsonNode data) {
		this(id, data, null);
	}

	/** What this entry expects of its record. */
	Precondition precondition() {
		return (this.version != null) ? Precondition.version(this.version) : Precondition.NONE;
	}

	/**
	 * Reads a bulk update request body, {@code [{"id": …, "version": 3, "data": {…}},
	 * …]}; {@code version} is optional.
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
			JsonNode version = entry.get("version");
			if (id == null || !id.isString() || id.stringValue().isBlank()) {
				errors.add(new FieldError("[" + i + "].id", FieldError.REQUIRED, "must be the id of a record"));
			}
			if (data == null || !data.isObject()) {
				errors.add(new FieldError("[" + i + "].data", FieldError.REQUIRED, "must be a JSON object"));
			}
			boolean versioned = version != null && !version.isNull();
			if (versioned && !(version.isIntegralNumber() && version.canConvertToLong() && version.longValue() >= 0)) {
				errors.add(new FieldError("[" + i + "].version", FieldError.INVALID_TYPE,
						"must be a non-negative integer: the version the record was read at"));
			}
			if (errors.isEmpty()) {
				updates.add(new BulkUpdate(id.stringValue(), data, versioned ? version.longValue() : null));
			}
		}
		if (!errors.isEmpty()) {
			throw ServiceException.invalid(errors);
		}
		return updates;
	}

}
