package io.flarekit.storage.s3;

import io.flarekit.storage.StorageProperties;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Checks at start that the bucket exists and the credentials may use it, and says which
 * setting to fix when not.
 */
final class S3BucketCheck {

	private static final String CREDENTIALS = "the AWS SDK's default credentials chain (AWS_ACCESS_KEY_ID and "
			+ "AWS_SECRET_ACCESS_KEY, aws.accessKeyId and aws.secretAccessKey, a profile in ~/.aws, "
			+ "a container or instance role)";

	private S3BucketCheck() {
	}

	/**
	 * Asks for the bucket.
	 * @throws S3StoreUnavailableException when it cannot be used, naming the setting
	 */
	static void check(S3Client s3, StorageProperties.S3 settings) {
		String bucket = settings.bucket();
		String where = (settings.endpoint() != null) ? settings.endpoint().toString() : "AWS";
		try {
			s3.headBucket((head) -> head.bucket(bucket));
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				throw new S3StoreUnavailableException(
						"The bucket '" + bucket + "' (flarekit.storage.s3.bucket) does not exist at " + where + ".",
						"Create the bucket, or set flarekit.storage.s3.bucket to an existing one.", ex);
			}
			if (ex.statusCode() == 403 || ex.statusCode() == 401 || ex.statusCode() == 400) {
				throw new S3StoreUnavailableException(
						"The object store at " + where + " refused the credentials for " + "the bucket '" + bucket
								+ "' (HTTP " + ex.statusCode() + ").",
						"Give credentials that may read and write the bucket through " + CREDENTIALS
								+ "; check flarekit.storage.s3.region.",
						ex);
			}
			throw unreachable(where, ex);
		}
		catch (SdkClientException ex) {
			if (String.valueOf(ex.getMessage()).contains("credentials")) {
				throw new S3StoreUnavailableException("No credentials for the object store were found.",
						"Provide them through " + CREDENTIALS + ".", ex);
			}
			throw unreachable(where, ex);
		}
	}

	private static S3StoreUnavailableException unreachable(String where, SdkException ex) {
		return new S3StoreUnavailableException(
				"The object store at " + where + " (flarekit.storage.s3.endpoint) cannot be reached: "
						+ ex.getMessage(),
				"Start the store, or fix flarekit.storage.s3.endpoint, flarekit.storage.s3.region "
						+ "and flarekit.storage.s3.path-style.",
				ex);
	}

}
