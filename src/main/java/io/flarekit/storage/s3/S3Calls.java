package io.flarekit.storage.s3;

import java.io.IOException;
import java.util.List;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Calls to the object store, with the SDK's unchecked exceptions turned into the
 * {@link IOException} the blob store's callers handle (a 503 to the client): an
 * unreachable store, a refused credential and a server error are all "try again later" to
 * a request.
 */
final class S3Calls {

	private S3Calls() {
	}

	/** A call that returns something. */
	@FunctionalInterface
	interface Call<T> {

		T call();

	}

	static <T> T call(Call<T> call) throws IOException {
		try {
			return call.call();
		}
		catch (SdkException ex) {
			throw new IOException("The object store failed: " + ex.getMessage(), ex);
		}
	}

	static void run(Runnable call) throws IOException {
		call(() -> {
			call.run();
			return null;
		});
	}

	/** Every object under a prefix, page after page. */
	static List<S3Object> list(S3Client s3, String bucket, String prefix) throws IOException {
		return call(() -> s3.listObjectsV2Paginator((list) -> list.bucket(bucket).prefix(prefix))
			.contents()
			.stream()
			.toList());
	}

}
