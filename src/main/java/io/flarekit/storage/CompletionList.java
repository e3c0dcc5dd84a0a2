package io.flarekit.storage;

import java.util.ArrayList;
import java.util.List;

import io.flarekit.core.error.FieldError;
import io.flarekit.core.error.ServiceException;
import tools.jackson.databind.JsonNode;

/**
 * The list of parts a client sends to complete a large upload, read from the request body
 * and checked against the parts that arrived. Each bad entry is named by its index and
 * field, so that a client can fix its list; nothing is assembled from a list that does
 * not match what arrived, ETags included.
 */
final class CompletionList {

	private CompletionList() {
	}

	/**
	 * A part as the client lists it when completing.
	 *
	 * @param partNumber the part's number
	 * @param etag the ETag the client got for it
	 */
	record CompletedPart(int partNumber, String etag) {
	}

	/**
	 * Reads {@code {"parts": [{"partNumber": …, "etag": …}, …]}}.
	 * @param body the request body, or null
	 * @return the listed parts, in the client's order
	 * @throws ServiceException 400 naming the first entry that is not of that shape
	 */
	static List<CompletedPart> read(JsonNode body) {
		JsonNode parts = (body != null) ? body.get("parts") : null;
		if (parts == null || !parts.isArray()) {
			throw ServiceException.invalid("parts", FieldError.REQUIRED,
					"must be a JSON array of {\"partNumber\": …, \"etag\": …}");
		}
		List<CompletedPart> completed = new ArrayList<>();
		for (int i = 0; i < parts.size(); i++) {
			JsonNode number = parts.get(i).get("partNumber");
			JsonNode etag = parts.get(i).get("etag");
			if (number == null || !number.isIntegralNumber() || !number.canConvertToInt()) {
				throw ServiceException.invalid("parts[" + i + "].partNumber", FieldError.REQUIRED,
						"must be an integer");
			}
			if (etag == null || !etag.isString()) {
				throw ServiceException.invalid("parts[" + i + "].etag", FieldError.REQUIRED, "must be a string");
			}
			completed.add(new CompletedPart(number.intValue(), etag.stringValue()));
		}
		return completed;
	}

	/**
	 * The arrived parts that a list names: ascending, each once, each arrived, each with
	 * the ETag it got (with or without quotes).
	 * @param listed the client's list
	 * @param arrived the parts that arrived
	 * @return the listed parts as they arrived, in order
	 * @throws ServiceException 400 naming the first bad entry
	 */
	static List<UploadParts.Part> match(List<CompletedPart> listed, List<UploadParts.Part> arrived) {
		if (listed.isEmpty()) {
			throw ServiceException.invalid("parts", FieldError.REQUIRED, "must list at least one part");
		}
		List<UploadParts.Part> matched = new ArrayList<>();
		int previous = 0;
		for (int i = 0; i < listed.size(); i++) {
			CompletedPart wanted = listed.get(i);
			String field = "parts[" + i + "]";
			if (wanted.partNumber() <= previous) {
				throw ServiceException.invalid(field + ".partNumber", FieldError.INVALID_VALUE,
						"parts must be listed in ascending order, each once");
			}
			previous = wanted.partNumber();
			UploadParts.Part part = arrived.stream()
				.filter((candidate) -> candidate.partNumber() == wanted.partNumber())
				.findFirst()
				.orElseThrow(() -> ServiceException.invalid(field + ".partNumber", FieldError.INVALID_VALUE,
						"part " + wanted.partNumber() + " has not been uploaded"));
			if (!part.etag().equals(unquote(wanted.etag()))) {
				throw ServiceException.invalid(field + ".etag", FieldError.INVALID_VALUE,
						"does not match part " + wanted.partNumber() + " as uploaded");
			}
			matched.add(part);
		}
		return matched;
	}

	private static String unquote(String etag) {
		if (etag == null) {
			return "";
		}
		String trimmed = etag.trim();
		return (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\""))
				? trimmed.substring(1, trimmed.length() - 1) : trimmed;
	}

}
