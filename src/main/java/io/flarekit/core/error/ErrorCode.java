package io.flarekit.core.error;

import org.springframework.http.HttpStatus;

/**
 * The machine-readable {@code code} of every problem response, with its default status.
 * The names follow the original Flarekit's error codes.
 */
public enum ErrorCode {

	VALIDATION_ERROR(HttpStatus.BAD_REQUEST), BUSINESS_LOGIC_ERROR(HttpStatus.BAD_REQUEST),
	AUTHENTICATION_ERROR(HttpStatus.UNAUTHORIZED), AUTHORIZATION_ERROR(HttpStatus.FORBIDDEN),
	RESOURCE_NOT_FOUND(HttpStatus.NOT_FOUND), METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
	NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE), CONFLICT(HttpStatus.CONFLICT),
	PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE), UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
	DATABASE_ERROR(HttpStatus.INTERNAL_SERVER_ERROR), SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),
	SYSTEM_ERROR(HttpStatus.INTERNAL_SERVER_ERROR), REQUEST_ERROR(HttpStatus.BAD_REQUEST),
	INSUFFICIENT_STORAGE(HttpStatus.INSUFFICIENT_STORAGE),
	RANGE_NOT_SATISFIABLE(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE);

	private final HttpStatus status;

	ErrorCode(HttpStatus status) {
		this.status = status;
	}

	public HttpStatus status() {
		return this.status;
	}

	/**
	 * The code that stands for a status when nothing more specific is known.
	 * @param status an HTTP status
	 * @return the code for it
	 */
	public static ErrorCode of(int status) {
		return switch (status) {
			case 400 -> VALIDATION_ERROR;
			case 401 -> AUTHENTICATION_ERROR;
			case 403 -> AUTHORIZATION_ERROR;
			case 404 -> RESOURCE_NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 409 -> CONFLICT;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 416 -> RANGE_NOT_SATISFIABLE;
			case 503 -> SERVICE_UNAVAILABLE;
			case 507 -> INSUFFICIENT_STORAGE;
			default -> (status >= 500) ? SYSTEM_ERROR : REQUEST_ERROR;
		};
	}

}
