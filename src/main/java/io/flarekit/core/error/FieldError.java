package io.flarekit.core.error;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.modulith.NamedInterface;

/**
 * One thing wrong with one field of a request, in the shape clients read from problem
 * responses.
 *
 * @param field the JSON field or query parameter, e.g. {@code email} or
 * {@code filter.age_gt}
 * @param code a stable, machine-readable code such as {@code REQUIRED}
 * @param message a sentence for people
 */
@NamedInterface("error")
public record FieldError(String field, String code, String message) {

	public static final String REQUIRED = "REQUIRED";

	public static final String INVALID_TYPE = "INVALID_TYPE";

	public static final String INVALID_VALUE = "INVALID_VALUE";

	public static final String UNKNOWN_FIELD = "UNKNOWN_FIELD";

	public static final String DUPLICATE = "DUPLICATE";

	/**
	 * Says what a field takes, for a value of the wrong type.
	 * @param type the Java type the field has
	 * @return a phrase such as "must be a string"
	 */
	public static String expected(Class<?> type) {
		if (type == null) {
			return "has the wrong type";
		}
		if (type.isEnum()) {
			return "must be one of: " + Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name())
				.collect(Collectors.joining(", "));
		}
		if (type == String.class) {
			return "must be a string";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class
				|| type == Short.class || type == short.class) {
			return "must be an integer";
		}
		if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class
				|| type == BigDecimal.class) {
			return "must be a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "must be true or false";
		}
		if (type == Instant.class) {
			return "must be an ISO-8601 timestamp such as 2024-01-31T12:00:00Z";
		}
		return "has the wrong type";
	}

	/**
	 * The code of a 412's detail: not a bad value of the field, but a record that is no
	 * longer at the version a conditional write expected.
	 */
	public static final String VERSION_MISMATCH = "VERSION_MISMATCH";

}
