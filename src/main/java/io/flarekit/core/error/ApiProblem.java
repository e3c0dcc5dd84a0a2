package io.flarekit.core.error;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.modulith.NamedInterface;

/**
 * The body of every error response: an RFC 9457 problem detail that also carries the
 * fields of the original Flarekit's errors and the {@code errors} map where react-admin's
 * forms look for server-side validation messages.
 *
 * @param type always {@code about:blank}: the status and {@code code} say what happened
 * @param title the HTTP reason phrase
 * @param status the HTTP status
 * @param detail the same sentence as {@code message}
 * @param instance the request path
 * @param code a stable, machine-readable code
 * @param message a sentence for people (react-admin shows it)
 * @param details one entry per bad field
 * @param errors {@code details} as a map from field to message
 * @param timestamp when the error happened
 * @param requestId the request's id, as in the {@code X-Request-Id} header
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@NamedInterface("error")
public record ApiProblem(URI type, String title, int status, String detail, String instance, ErrorCode code,
		String message, List<FieldError> details, Map<String, String> errors, Instant timestamp, String requestId) {

	/**
	 * A problem with the standard fields filled in.
	 * @param status the HTTP status
	 * @param title the reason phrase
	 * @param code the machine-readable code
	 * @param message a sentence for people
	 * @param details the fields at fault
	 * @param path the request path
	 * @param requestId the request id, or null
	 * @return the problem
	 */
	public static ApiProblem of(int status, String title, ErrorCode code, String message, List<FieldError> details,
			String path, String requestId) {
		Map<String, String> errors = new LinkedHashMap<>();
		details.forEach((error) -> errors.merge(error.field(), error.message(), (a, b) -> a + "; " + b));
		return new ApiProblem(URI.create("about:blank"), title, status, message, path, code, message, details, errors,
				Instant.now().truncatedTo(ChronoUnit.MILLIS), requestId);
	}

}
