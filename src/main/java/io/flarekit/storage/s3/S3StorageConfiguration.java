package io.flarekit.storage.s3;

import io.flarekit.storage.BlobStore;
import io.flarekit.storage.StorageProperties;
import io.flarekit.storage.UploadParts;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The S3 blob store, when {@code flarekit.storage.type=s3}: one client over the JDK's
 * HTTP client (no Netty, no Apache client), credentials from the AWS SDK's default chain,
 * and the bucket checked at start so that a wrong bucket or credential stops the service
 * with a sentence naming the setting ({@link S3FailureAnalyzer}) rather than failing each
 * request later.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "flarekit.storage.type", havingValue = "s3")
class S3StorageConfiguration {

	@Bean(destroyMethod = "close")
	S3Client s3Client(StorageProperties properties) {
		StorageProperties.S3 settings = properties.s3();
		S3ClientBuilder builder = S3Client.builder()
			.httpClient(UrlConnectionHttpClient.create())
			.credentialsProvider(DefaultCredentialsProvider.builder().build())
			.region(Region.of(settings.region()))
			.forcePathStyle(settings.pathStyle())
			// only the checksums S3 requires: R2, MinIO and others differ on the newer
			// ones
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
		if (settings.endpoint() != null) {
			builder.endpointOverride(settings.endpoint());
		}
		S3Client client = builder.build();
		try {
			S3BucketCheck.check(client, settings);
		}
		catch (RuntimeException ex) {
			client.close();
			throw ex;
		}
		return client;
	}

	@Bean
	BlobStore blobStore(S3Client s3, StorageProperties properties) {
		return new S3BlobStore(s3, properties.s3().bucket());
	}

	@Bean
	UploadParts uploadParts(S3Client s3, StorageProperties properties) {
		return new S3UploadParts(s3, properties.s3().bucket());
	}

}
