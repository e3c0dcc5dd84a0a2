package io.flarekit.core.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.flarekit.core.error.FieldError;
import io.flarekit.core.error.ServiceException;
import io.flarekit.core.model.EntityModel;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Sort;

/**
 * The query parameters of react-admin's simple-rest list protocol, each a JSON string:
 * {@code range=[0,9]}, {@code sort=["name","ASC"]}, {@code filter={"email":"a@b.c"}}.
 *
 * @param range the rows asked for
 * @param sort the order
 * @param filter the conditions
 */
public record ListParams(Range range, SortOrder sort, Map<String, JsonNode> filter) {

	/** Reads and writes the parameters' JSON (also cursors); no settings of the API's. */
	static final JsonMapper JSON = JsonMapper.builder().build();

	/** The furthest a page may start: SQL offsets are 32-bit in JPA. */
	private static final long MAX_START = Integer.MAX_VALUE;

	/**
	 * Reads the parameters; absent ones take their defaults.
	 * @param range the {@code range} parameter, or null
	 * @param sort the {@code sort} parameter, or null
	 * @param filter the {@code filter} parameter, or null
	 * @param defaultSort the order when none is asked for
	 * @return the parsed parameters
	 * @throws ServiceException 400 naming the parameter that is wrong
	 */
	public static ListParams parse(String range, String sort, String filter, SortOrder defaultSort) {
		return new ListParams(parseRange(range), parseSort(sort, defaultSort), parseFilter(filter));
	}

	/**
	 * Reads the {@code embed} parameter, a JSON array of association names as
	 * react-admin's simple-rest provider sends it ({@code meta.embed}).
	 * @param text the parameter, or null
	 * @return the names, empty when absent
	 * @throws ServiceException 400 when it is not an array of strings
	 */
	public static List<String> parseEmbed(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		JsonNode node = json("embed", text);
		List<String> names = new ArrayList<>();
		if (node.isArray()) {
			node.forEach((item) -> names.add(item.isString() ? item.stringValue() : null));
		}
		if (!node.isArray() || names.contains(null)) {
			throw ServiceException.invalid("embed", FieldError.INVALID_VALUE,
					"must be a JSON array of association names, e.g. [\"storage\"]");
		}
		return List.copyOf(new LinkedHashSet<>(names));
	}

	/**
	 * Refuses, as if they did not exist, the fields a client may not ask about: a sort or
	 * a filter on an attribute that the entity's JSON does not show, so that a hidden
	 * value cannot be probed. Java callers of the service are not limited so.
	 * @param model the entity asked about
	 * @throws ServiceException 400 {@code UNKNOWN_FIELD} naming each such field
	 */
	public void requireExposed(EntityModel<?> model) {
		if (model.has(this.sort.field()) && !model.isExposed(this.sort.field())) {
			throw this.sort.unknownField(model);
		}
		List<FieldError> errors = new ArrayList<>();
		this.filter.keySet().forEach((key) -> {
			Filters.Key parsed = Filters.Key.of(model, key);
			if (parsed != null && !model.isExposed(parsed.field())) {
				errors.add(Filters.unknownKey(model, key));
			}
		});
		if (!errors.isEmpty()) {
			throw ServiceException.invalid(errors);
		}
	}

	private static Range parseRange(String text) {
		if (text == null || text.isBlank()) {
			return Range.FIRST_PAGE;
		}
		JsonNode node = json("range", text);
		if (node.isArray() && node.size() == 2 && node.get(0).canConvertToLong() && node.get(1).canConvertToLong()
				&& node.get(0).isIntegralNumber() && node.get(1).isIntegralNumber()) {
			long start = node.get(0).longValue();
			long end = node.get(1).longValue();
			if (start >= 0 && start <= end && start <= MAX_START) {
				return new Range(start, end);
			}
		}
		throw ServiceException.invalid("range", FieldError.INVALID_VALUE,
				"must be [start, end]: two integers with 0 <= start <= end and start <= " + MAX_START);
	}

	private static SortOrder parseSort(String text, SortOrder defaultSort) {
		if (text == null || text.isBlank()) {
			return defaultSort;
		}
		JsonNode node = json("sort", text);
		if (node.isArray() && node.size() == 2 && node.get(0).isString() && node.get(1).isString()) {
			String direction = node.get(1).stringValue().toUpperCase(Locale.ROOT);
			if (direction.equals("ASC") || direction.equals("DESC")) {
				return new SortOrder(node.get(0).stringValue(), Sort.Direction.valueOf(direction));
			}
		}
		throw ServiceException.invalid("sort", FieldError.INVALID_VALUE,
				"must be [field, direction] with direction ASC or DESC");
	}

	private static Map<String, JsonNode> parseFilter(String text) {
		if (text == null || text.isBlank()) {
			return Map.of();
		}
		JsonNode node = json("filter", text);
		if (!node.isObject()) {
			throw ServiceException.invalid("filter", FieldError.INVALID_TYPE, "must be a JSON object");
		}
		Map<String, JsonNode> filter = new LinkedHashMap<>();
		node.properties().forEach((entry) -> filter.put(entry.getKey(), entry.getValue()));
		return filter;
	}

	private static JsonNode json(String parameter, String text) {
		try {
			return JSON.readTree(text);
		}
		catch (JacksonException ex) {
			throw ServiceException.invalid(parameter, FieldError.INVALID_VALUE, "is not valid JSON");
		}
	}

}
