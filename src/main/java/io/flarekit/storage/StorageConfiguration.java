package io.flarekit.storage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The blob store: on the filesystem under {@code flarekit.storage.blob-dir}. Another
 * implementation (S3-compatible, say) replaces this bean without touching its callers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
class StorageConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BlobStore blobStore(StorageProperties properties) {
		return new FilesystemBlobStore(properties.blobDir().toAbsolutePath().normalize(),
				new DiskReserve(properties.minFreeSpace()));
	}

}
