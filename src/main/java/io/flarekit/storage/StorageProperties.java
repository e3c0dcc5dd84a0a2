package io.flarekit.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where file contents go and what is accepted.
 *
 * @param type where blobs and upload parts live: the local disk, or an S3-compatible
 * object store (then {@code s3} says which)
 * @param s3 the bucket when {@code type} is {@code s3}
 * @param blobDir the folder of the filesystem blob store, created on start
 * @param allowedTypes the types {@code POST /storage} accepts, detected from the bytes
 * @param maxFileSize the largest file {@code POST /storage} and {@code PUT /storage/{id}}
 * accept; larger ones are rejected with a reason
 * @param orphanGrace how old a blob that no record references must be before the clean-up
 * removes it (what a crash between storing a blob and committing its record leaves)
 * @param cleanupInterval how often the clean-up runs
 * @param minFreeSpace the free disk space that files may not take, so that the database
 * can still write when uploads have filled the disk
 * @param uploads the large, multipart uploads
 */
@ConfigurationProperties("flarekit.storage")
public record StorageProperties(@DefaultValue("filesystem") Type type, @DefaultValue S3 s3,
		@DefaultValue("./data/blobs") Path blobDir, @DefaultValue( {
				"image/jpeg", "image/png", "image/gif", "image/webp" }) List<String> allowedTypes,
		@DefaultValue("2MB") DataSize maxFileSize, @DefaultValue("1h") Duration orphanGrace,
		@DefaultValue("10m") Duration cleanupInterval, @DefaultValue("64MB") DataSize minFreeSpace,
		@DefaultValue Uploads uploads){

	public StorageProperties {
		if (cleanupInterval.isNegative() || cleanupInterval.isZero()) {
			throw new IllegalArgumentException("flarekit.storage.cleanup-interval must be positive");
		}
		if (type == Type.S3 && (s3.bucket() == null || s3.bucket().isBlank())) {
			throw new IllegalArgumentException("flarekit.storage.s3.bucket must be set when flarekit.storage.type=s3");
		}
	}

	/** Where blobs and upload parts live. */
	public enum Type {

		/** A folder on the local disk: {@code blob-dir} and {@code uploads.dir}. */
		FILESYSTEM,

		/** A bucket of an S3-compatible object store: {@code s3.*}. */
		S3

	}

	/**
	 * An S3-compatible bucket. Credentials come from the AWS SDK's default chain
	 * (environment, system properties, profiles, container and instance roles), never
	 * from these settings.
	 *
	 * @param bucket the bucket; it must exist
	 * @param endpoint the store's URL when it is not AWS (R2, MinIO, Ceph); null for AWS
	 * @param region the region; {@code auto} suits R2, and stores that ignore it
	 * @param pathStyle whether the bucket goes in the path rather than the host name
	 * (MinIO and most self-hosted stores need it)
	 */
	public record S3(String bucket, URI endpoint, @DefaultValue("us-east-1") String region,
			@DefaultValue("false") boolean pathStyle) {
	}

	/**
	 * Large files sent in parts.
	 *
	 * @param dir where parts wait until the upload completes
	 * @param maxPartSize the largest part
	 * @param maxParts the most parts an upload may have
	 * @param maxTotalSize the largest assembled file
	 * @param allowedTypes the types an assembled file may have
	 * @param staleAfter how long an upload may stay incomplete before its parts are
	 * removed
	 */
	public record Uploads(@DefaultValue("./data/uploads") Path dir, @DefaultValue("64MB") DataSize maxPartSize,
			@DefaultValue("10000") int maxParts, @DefaultValue("5GB") DataSize maxTotalSize, @DefaultValue( {
					"image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4", "video/webm", "application/pdf",
					"application/zip" }) List<String> allowedTypes,
			@DefaultValue("24h") Duration staleAfter){
	}

}
