package io.flarekit.storage.s3;

import java.io.IOException;
import java.io.InputStream;

import io.flarekit.storage.BlobStore;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.core.io.AbstractResource;

/**
 * A stored object as a resource: its length is known without reading it, reading it
 * streams a GET, and a slice is a ranged GET ({@link BlobStore.RangeReadable}), so that a
 * download's Range costs only its bytes.
 */
final class S3Resource extends AbstractResource implements BlobStore.RangeReadable {

	private final S3Client s3;

	private final String bucket;

	private final String key;

	private final long length;

	S3Resource(S3Client s3, String bucket, String key, long length) {
		this.s3 = s3;
		this.bucket = bucket;
		this.key = key;
		this.length = length;
	}

	@Override
	public InputStream getInputStream() throws IOException {
		return S3Calls.call(() -> this.s3.getObject((get) -> get.bucket(this.bucket).key(this.key)));
	}

	@Override
	public InputStream read(long position, long count) throws IOException {
		if (position < 0 || count < 1 || position + count > this.length) {
			throw new IllegalArgumentException(
					"No bytes " + position + "+" + count + " in an object of " + this.length);
		}
		String range = "bytes=" + position + "-" + (position + count - 1);
		return S3Calls.call(() -> this.s3.getObject((get) -> get.bucket(this.bucket).key(this.key).range(range)));
	}

	@Override
	public long contentLength() {
		return this.length;
	}

	@Override
	public boolean exists() {
		return true;
	}

	@Override
	public String getFilename() {
		return null;
	}

	@Override
	public String getDescription() {
		return "object s3://" + this.bucket + "/" + this.key;
	}

}
