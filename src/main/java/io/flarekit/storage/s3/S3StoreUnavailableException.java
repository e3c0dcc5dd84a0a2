package io.flarekit.storage.s3;

/**
 * The bucket cannot be used at start. Carries what is wrong and what to do, which
 * {@link S3FailureAnalyzer} prints instead of a stack trace.
 */
class S3StoreUnavailableException extends RuntimeException {

	private final String action;

	S3StoreUnavailableException(String message, String action, Throwable cause) {
		super(message, cause);
		this.action = action;
	}

	String getAction() {
		return this.action;
	}

}
