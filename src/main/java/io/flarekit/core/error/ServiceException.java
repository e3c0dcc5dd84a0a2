package io.flarekit.core.error;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.modulith.NamedInterface;

/**
 * A failure that the client caused or must know about, with the status and details that
 * its problem response carries. The original Flarekit's {@code ServiceError}.
 */
@NamedInterface("error")
public class ServiceException extends RuntimeException {

	private final HttpStatus status;

	private final ErrorCode code;

	private final List<FieldError> details;

	public ServiceException(HttpStatus status, ErrorCode code, String message, List<FieldError> details) {
		super(message);
		this.status = status;
		this.code = code;
		this.details = List.copyOf(details);
	}

	public static ServiceException notFound(String resource, String id) {
		return new ServiceException(HttpStatus.NOT_FOUND, ErrorCode.RESOURCE_NOT_FOUND,
				"No " + resource + " record has id '" + id + "'", List.of());
	}

	public static ServiceException invalid(List<FieldError> details) {
		String message = (details.size() == 1) ? details.get(0).field() + ": " + details.get(0).message()
				: "The request has " + details.size() + " invalid fields";
		return new ServiceException(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR, message, details);
	}

	public static ServiceException invalid(String field, String code, String message) {
		return invalid(List.of(new FieldError(field, code, message)));
	}

	public static ServiceException badRequest(String message) {
		return new ServiceException(HttpStatus.BAD_REQUEST, ErrorCode.BUSINESS_LOGIC_ERROR, message, List.of());
	}

	public static ServiceException conflict(String message, List<FieldError> details) {
		return new ServiceException(HttpStatus.CONFLICT, ErrorCode.CONFLICT, message, details);
	}

	/**
	 * This failure as one entry of a bulk request: fields become {@code [i].data.field}.
	 * @param index the entry's position
	 * @return the same failure, its fields prefixed
	 */
	public ServiceException forEntry(int index) {
		String prefix = "[" + index + "].data.";
		List<FieldError> prefixed = this.details.stream()
			.map((detail) -> new FieldError(prefix + detail.field(), detail.code(), detail.message()))
			.toList();
		return new ServiceException(this.status, this.code, "Entry " + index + ": " + getMessage(), prefixed);
	}

	public HttpStatus getStatus() {
		return this.status;
	}

	public ErrorCode getCode() {
		return this.code;
	}

	public List<FieldError> getDetails() {
		return this.details;
	}

}
