package io.flarekit.storage.s3;

import java.io.IOException;
import java.time.Instant;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Aborts S3 multipart uploads that a crash or a cut connection left open: their parts
 * take space (and cost) in the bucket without being listed as objects.
 */
final class S3MultipartSweep {

	private S3MultipartSweep() {
	}

	/**
	 * Aborts the open multipart uploads under a prefix started before a moment.
	 * @return how many were aborted
	 */
	static int abortOlderThan(S3Client s3, String bucket, String prefix, Instant cutoff) throws IOException {
		int aborted = 0;
		for (MultipartUpload upload : S3Calls
			.call(() -> s3.listMultipartUploadsPaginator((list) -> list.bucket(bucket).prefix(prefix))
				.uploads()
				.stream()
				.toList())) {
			if (upload.initiated() != null && upload.initiated().isBefore(cutoff)) {
				S3Calls.run(() -> s3.abortMultipartUpload(
						(abort) -> abort.bucket(bucket).key(upload.key()).uploadId(upload.uploadId())));
				aborted++;
			}
		}
		return aborted;
	}

}
