package io.flarekit.storage.s3;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an unusable bucket at start into two sentences, what is wrong (naming the
 * setting) and what to do.
 */
class S3FailureAnalyzer extends AbstractFailureAnalyzer<S3StoreUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, S3StoreUnavailableException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
