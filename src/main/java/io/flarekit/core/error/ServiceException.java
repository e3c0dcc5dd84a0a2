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

	private static final String VERSION = "version";

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
	 * A 412: the record is not at the version the request expected (or another write came
	 * in between), so nothing was written. The detail names {@code version}.
	 * @param message what happened, naming the record and its current version when known
	 * @param detail what is wrong with the expected version
	 * @return the failure
	 */
	public static ServiceException preconditionFailed(String message, String detail) {
		return new ServiceException(HttpStatus.PRECONDITION_FAILED, ErrorCode.PRECONDITION_FAILED, message,
				List.of(new FieldError(VERSION, FieldError.VERSION_MISMATCH, detail)));
	}

	/**
	 * This failure as one entry of a bulk request: fields become {@code [i].data.field},
	 * except a precondition's {@code version}, which is the entry's own:
	 * {@code [i].version}.
	 * @param index the entry's position
	 * @return the same failure, its fields prefixed
	 */
	public ServiceException forEntry(int index) {
		String prefix = "[" + index + "]" + ((this.code == ErrorCode.PRECONDITION_FAILED) ? "." : ".data.");
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
