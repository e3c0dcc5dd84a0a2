package io.flarekit.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.flarekit.storage.UploadParts;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link UploadParts} in the bucket, so that the parts of one upload may arrive at any
 * instance: {@code uploads/<id>/name} holds the name, {@code uploads/<id>/<n>.<sha256>}
 * each part, {@code uploads/<id>/tmp/<random>} a part still arriving. A part is an object
 * of its own rather than a part of an S3 multipart upload because S3 wants every part but
 * the last to be at least 5 MiB, and this API takes parts of any size, in any order, sent
 * again at will; completing streams the parts in order into the blob store, which hashes
 * them and writes the whole as an S3 multipart upload.
 */
final class S3UploadParts implements UploadParts {

	static final String UPLOADS = "uploads/";

	private static final Pattern PART = Pattern.compile("(\\d{5})\\.([0-9a-f]{64})");

	private final S3Client s3;

	private final String bucket;

	S3UploadParts(S3Client s3, String bucket) {
		this.s3 = s3;
		this.bucket = bucket;
	}

	@Override
	public void create(String uploadId, String name) throws IOException {
		S3Calls.run(() -> this.s3.putObject((put) -> put.bucket(this.bucket).key(nameKey(uploadId)),
				RequestBody.fromString(name, StandardCharsets.UTF_8)));
	}

	@Override
	public String name(String uploadId) throws IOException {
		try {
			return S3Calls.call(() -> this.s3.getObjectAsBytes((get) -> get.bucket(this.bucket).key(nameKey(uploadId)))
				.asString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			if (ex.getCause() instanceof NoSuchKeyException) {
				return null;
			}
			throw ex;
		}
	}

	@Override
	public Written write(String uploadId, InputStream body, long maxBytes) throws IOException {
		String key = UPLOADS + uploadId + "/tmp/" + UUID.randomUUID();
		StreamedUpload.Written written = StreamedUpload.write(this.s3, this.bucket, key, body, maxBytes);
		return new Written(key, written.hash(), written.size());
	}

	@Override
	public void place(String uploadId, Written written, int partNumber) throws IOException {
		String target = partKey(uploadId, new Part(partNumber, written.hash(), written.size()));
		S3Calls.run(() -> this.s3.copyObject((copy) -> copy.sourceBucket(this.bucket)
			.sourceKey(written.name())
			.destinationBucket(this.bucket)
			.destinationKey(target)));
		discard(uploadId, written);
	}

	@Override
	public void discard(String uploadId, Written written) {
		try {
			this.s3.deleteObject((delete) -> delete.bucket(this.bucket).key(written.name()));
		}
		catch (SdkException ex) {
			// removed with the upload at the latest
		}
	}

	@Override
	public void remove(String uploadId, Part part) throws IOException {
		S3Calls.run(() -> this.s3.deleteObject((delete) -> delete.bucket(this.bucket).key(partKey(uploadId, part))));
	}

	@Override
	public List<Part> parts(String uploadId) throws IOException {
		String prefix = UPLOADS + uploadId + "/";
		List<Part> parts = new ArrayList<>();
		for (S3Object object : S3Calls.list(this.s3, this.bucket, prefix)) {
			Matcher matcher = PART.matcher(object.key().substring(prefix.length()));
			if (matcher.matches()) {
				parts.add(new Part(Integer.parseInt(matcher.group(1)), matcher.group(2), object.size()));
			}
		}
		parts.sort(Comparator.comparingInt(Part::partNumber));
		return parts;
	}

	@Override
	public InputStream open(String uploadId, Part part) throws IOException {
		return S3Calls.call(() -> this.s3.getObject((get) -> get.bucket(this.bucket).key(partKey(uploadId, part))));
	}

	@Override
	public void abort(String uploadId) {
		try {
			for (S3Object object : S3Calls.list(this.s3, this.bucket, UPLOADS + uploadId + "/")) {
				this.s3.deleteObject((delete) -> delete.bucket(this.bucket).key(object.key()));
			}
		}
		catch (IOException | SdkException ex) {
			// the stale sweep removes the rest
		}
	}

	@Override
	public int removeStale(Instant cutoff) throws IOException {
		Map<String, Instant> latest = new HashMap<>();
		for (S3Object object : S3Calls.list(this.s3, this.bucket, UPLOADS)) {
			String rest = object.key().substring(UPLOADS.length());
			int slash = rest.indexOf('/');
			if (slash > 0) {
				latest.merge(rest.substring(0, slash), object.lastModified(), (a, b) -> a.isAfter(b) ? a : b);
			}
		}
		int removed = 0;
		for (Map.Entry<String, Instant> upload : latest.entrySet()) {
			if (upload.getValue().isBefore(cutoff)) {
				abort(upload.getKey());
				removed++;
			}
		}
		S3MultipartSweep.abortOlderThan(this.s3, this.bucket, UPLOADS, cutoff);
		return removed;
	}

	private static String nameKey(String uploadId) {
		return UPLOADS + uploadId + "/name";
	}

	private static String partKey(String uploadId, Part part) {
		return UPLOADS + uploadId + "/" + String.format("%05d.%s", part.partNumber(), part.etag());
	}

}
