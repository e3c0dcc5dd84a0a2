package io.flarekit.storage.s3;

import java.io.ByteArrayInputStream;
import java.util.List;

import io.flarekit.storage.BlobStore;
import io.flarekit.storage.BlobStore.StagedBlob;
import io.flarekit.storage.BlobStoreContract;
import io.flarekit.testing.TestS3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The S3 blob store on a real S3 server (S3Proxy): the contract every blob store keeps,
 * plus what is its own (multipart staging, the open multipart uploads a crash leaves).
 */
class S3BlobStoreTest extends BlobStoreContract {

	private final S3Client client = TestS3.shared().client();

	private String bucket;

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Override
	protected BlobStore newStore() {
		this.bucket = TestS3.shared().newBucket("contract");
		return new S3BlobStore(this.client, this.bucket);
	}

	@Override
	protected BlobStore otherStore() {
		return new S3BlobStore(this.client, TestS3.shared().newBucket("other"));
	}

	@Override
	protected List<String> stagingFiles() {
		return keys(S3BlobStore.STAGING);
	}

	@Override
	protected List<String> blobFiles() {
		return keys(S3BlobStore.BLOBS);
	}

	@Test
	void contentLongerThanOnePartIsStagedAsAMultipartUploadAndReadsBack() throws Exception {
		byte[] content = randomBytes(StreamedUpload.PART_SIZE * 2 + 12345, 3);
		StagedBlob staged = this.store.stage(new ByteArrayInputStream(content), content.length);
		assertThat(staged.hash()).isEqualTo(sha256(content));
		this.store.commit(staged);
		try (var in = this.store.open(staged.hash()).orElseThrow().getInputStream()) {
			assertThat(in.readAllBytes()).isEqualTo(content);
		}
		assertThat(openUploads()).isZero();
	}

	@Test
	void tooLargeContentAfterTheFirstPartAbortsItsMultipartUpload() {
		byte[] content = new byte[StreamedUpload.PART_SIZE + 10];
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> this.store.stage(new ByteArrayInputStream(content), StreamedUpload.PART_SIZE + 5))
			.isInstanceOf(BlobStore.BlobTooLargeException.class);
		assertThat(openUploads()).isZero();
		assertThat(stagingFiles()).isEmpty();
	}

	@Test
	void theSweepAbortsMultipartUploadsACrashLeftOpen() throws Exception {
		this.client.createMultipartUpload((create) -> create.bucket(this.bucket).key(S3BlobStore.STAGING + "crashed"));
		assertThat(openUploads()).isOne();
		assertThat(this.store.sweepStaging(java.time.Duration.ofHours(1))).as("young").isZero();
		Thread.sleep(5);
		assertThat(this.store.sweepStaging(java.time.Duration.ZERO)).isOne();
		assertThat(openUploads()).isZero();
	}

	private int openUploads() {
		return this.client.listMultipartUploads((list) -> list.bucket(this.bucket)).uploads().size();
	}

	private List<String> keys(String prefix) {
		return this.client.listObjectsV2((list) -> list.bucket(this.bucket).prefix(prefix))
			.contents()
			.stream()
			.map(S3Object::key)
			.toList();
	}

}
