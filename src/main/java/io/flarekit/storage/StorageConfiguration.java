package io.flarekit.storage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The blob store: on the filesystem under {@code flarekit.storage.blob-dir}, unless
 * {@code flarekit.storage.type=s3} chooses the S3 one (in {@code storage.s3}); its
 * callers see only {@link BlobStore}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
class StorageConfiguration {

	@Bean
	@ConditionalOnProperty(name = "flarekit.storage.type", havingValue = "filesystem", matchIfMissing = true)
	BlobStore blobStore(StorageProperties properties) {
		return new FilesystemBlobStore(properties.blobDir().toAbsolutePath().normalize(),
				new DiskReserve(properties.minFreeSpace()));
	}

	@Bean
	@ConditionalOnProperty(name = "flarekit.storage.type", havingValue = "filesystem", matchIfMissing = true)
	UploadParts uploadParts(StorageProperties properties) {
		return new FilesystemUploadParts(properties);
	}

}
