package io.flarekit.core.error;

import java.lang.annotation.Annotation;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;

/**
 * Turns Bean Validation's violations into the field errors of a problem response.
 */
public final class Validation {

	private Validation() {
	}

	public static List<FieldError> toFieldErrors(Set<? extends ConstraintViolation<?>> violations) {
		return violations.stream()
			.map((violation) -> new FieldError(violation.getPropertyPath().toString(), codeOf(violation),
					violation.getMessage()))
			.sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::code))
			.toList();
	}

	private static String codeOf(ConstraintViolation<?> violation) {
		Class<? extends Annotation> constraint = violation.getConstraintDescriptor().getAnnotation().annotationType();
		return switch (constraint.getSimpleName()) {
			case "NotNull", "NotBlank", "NotEmpty" -> FieldError.REQUIRED;
			case "Email", "Pattern" -> "INVALID_FORMAT";
			case "Size", "Length" -> "INVALID_LENGTH";
			case "Min", "Max", "DecimalMin", "DecimalMax", "Positive", "PositiveOrZero", "Negative", "NegativeOrZero",
					"Range" ->
				"OUT_OF_RANGE";
			default -> FieldError.INVALID_VALUE;
		};
	}

}
