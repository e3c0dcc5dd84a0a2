package io.flarekit.storage.s3;

import java.nio.file.Path;

import io.flarekit.FlarekitApplication;
import io.flarekit.testing.TestS3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bucket the service cannot use stops the start with two sentences naming the setting
 * to fix, not a stack trace: a bucket that does not exist, credentials the store refuses,
 * a store that does not answer.
 */
@ExtendWith(OutputCaptureExtension.class)
class S3StartupFailureTest {

	@TempDir
	Path data;

	private TestS3 server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop();
		}
	}

	@Test
	void aBucketThatDoesNotExistNamesTheSetting(CapturedOutput output) {
		TestS3 shared = TestS3.shared();
		useCredentials(TestS3.ACCESS_KEY, TestS3.SECRET_KEY);
		assertThatThrownBy(() -> start(shared.endpoint().toString(), "no-such-bucket"))
			.hasRootCauseInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
		assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
			.contains("The bucket 'no-such-bucket' (flarekit.storage.s3.bucket) does not exist")
			.contains("Create the bucket, or set flarekit.storage.s3.bucket");
	}

	@Test
	void refusedCredentialsNameTheCredentialsChain(CapturedOutput output) {
		this.server = TestS3.start("someone-else", "someone-else-secret");
		String bucket = this.server.newBucket("theirs");
		useCredentials(TestS3.ACCESS_KEY, TestS3.SECRET_KEY);
		assertThatThrownBy(() -> start(this.server.endpoint().toString(), bucket))
			.hasRootCauseInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
		assertThat(output.getOut() + output.getErr()).contains("refused the credentials for the bucket '" + bucket)
			.contains("AWS_ACCESS_KEY_ID");
	}

	@Test
	void aStoreThatDoesNotAnswerNamesTheEndpoint(CapturedOutput output) {
		this.server = TestS3.start(TestS3.ACCESS_KEY, TestS3.SECRET_KEY);
		String endpoint = this.server.endpoint().toString();
		this.server.stop();
		this.server = null;
		useCredentials(TestS3.ACCESS_KEY, TestS3.SECRET_KEY);
		assertThatThrownBy(() -> start(endpoint, "any"));
		assertThat(output.getOut() + output.getErr()).contains("flarekit.storage.s3.endpoint) cannot be reached");
	}

	private static void useCredentials(String accessKey, String secretKey) {
		System.setProperty("aws.accessKeyId", accessKey);
		System.setProperty("aws.secretAccessKey", secretKey);
	}

	private void start(String endpoint, String bucket) {
		new SpringApplicationBuilder(FlarekitApplication.class)
			.properties("server.port=0", "flarekit.database.path=" + this.data.resolve("flarekit.db"),
					"flarekit.storage.blob-dir=" + this.data.resolve("blobs"),
					"flarekit.storage.uploads.dir=" + this.data.resolve("uploads"), "flarekit.storage.type=s3",
					"flarekit.storage.s3.bucket=" + bucket, "flarekit.storage.s3.endpoint=" + endpoint,
					"flarekit.storage.s3.path-style=true")
			.run()
			.close();
	}

}
