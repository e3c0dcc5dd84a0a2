package io.flarekit.core;

/**
 * One thing wrong with one field of a request, in the shape clients read from problem
 * responses.
 *
 * @param field the JSON field or query parameter, e.g. {@code email} or
 * {@code filter.age_gt}
 * @param code a stable, machine-readable code such as {@code REQUIRED}
 * @param message a sentence for people
 */
public record FieldError(String field, String code, String message) {

	public static final String REQUIRED = "REQUIRED";

	public static final String INVALID_TYPE = "INVALID_TYPE";

	public static final String INVALID_VALUE = "INVALID_VALUE";

	public static final String UNKNOWN_FIELD = "UNKNOWN_FIELD";

	public static final String DUPLICATE = "DUPLICATE";

}
