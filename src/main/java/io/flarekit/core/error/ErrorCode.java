package io.flarekit.core.error;

import org.springframework.modulith.NamedInterface;

/**
 * The machine-readable {@code code} of every problem response; the status travels beside
 * it. The names follow the original Flarekit's error codes.
 */
@NamedInterface("error")
public enum ErrorCode {

	VALIDATION_ERROR, BUSINESS_LOGIC_ERROR, AUTHENTICATION_ERROR, AUTHORIZATION_ERROR, RESOURCE_NOT_FOUND,
	METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, CONFLICT, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, DATABASE_ERROR,
	SERVICE_UNAVAILABLE, SYSTEM_ERROR, REQUEST_ERROR, INSUFFICIENT_STORAGE, RANGE_NOT_SATISFIABLE, PRECONDITION_FAILED;

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
			case 412 -> PRECONDITION_FAILED;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 416 -> RANGE_NOT_SATISFIABLE;
			case 503 -> SERVICE_UNAVAILABLE;
			case 507 -> INSUFFICIENT_STORAGE;
			default -> (status >= 500) ? SYSTEM_ERROR : REQUEST_ERROR;
		};
	}

}
