package io.flarekit.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.util.unit.DataSize;

/**
 * Storage settings for tests that build the storage classes by hand: the defaults, in a
 * test's own folder, with the limits a test is about.
 */
final class StorageTestProperties {

	private StorageTestProperties() {
	}

	/**
	 * Settings with blobs and uploads in a folder.
	 * @param folder the test's folder
	 * @param minFreeSpace {@code min-free-space}
	 * @param maxPartSize {@code uploads.max-part-size}
	 * @return the settings
	 */
	static StorageProperties in(Path folder, DataSize minFreeSpace, DataSize maxPartSize) {
		return new StorageProperties(StorageProperties.Type.FILESYSTEM,
				new StorageProperties.S3(null, null, "us-east-1", false), folder.resolve("blobs"), List.of("image/png"),
				DataSize.ofMegabytes(2), Duration.ofHours(1), Duration.ofMinutes(10), minFreeSpace,
				new StorageProperties.Uploads(folder.resolve("uploads"), maxPartSize, 10000, DataSize.ofGigabytes(5),
						List.of("application/zip"), Duration.ofHours(24)));
	}

	/**
	 * Large uploads with their parts on the disk, as the application makes them.
	 * @param properties the settings
	 * @return the uploads
	 */
	static MultipartUploads uploads(StorageProperties properties) {
		return new MultipartUploads(properties, new FilesystemUploadParts(properties));
	}

}
