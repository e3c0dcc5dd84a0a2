package io.flarekit.testing;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test S3 server keeps clear of the ports of stopped servers, whose connections the
 * JDK keeps for a few seconds: an upload written into one fails three times over while
 * the new server is up (seen once in a whole run, when a server came up on the port that
 * another test's had just left).
 */
class TestS3Test {

	@Test
	void aServerStartedOnThePortOfAStoppedOneMovesAndTakesAnEmptyUpload() throws Exception {
		TestS3 first = TestS3.start(TestS3.ACCESS_KEY, TestS3.SECRET_KEY);
		String bucket = first.newBucket("stopped");
		try (S3Client client = first.client()) {
			// several idle connections to it in the JDK's keep-alive cache
			Thread[] uploads = new Thread[4];
			for (int t = 0; t < uploads.length; t++) {
				String key = "object-" + t;
				uploads[t] = new Thread(() -> {
					for (int i = 0; i < 5; i++) {
						client.putObject((put) -> put.bucket(bucket).key(key), RequestBody.fromString("bytes"));
					}
				});
				uploads[t].start();
			}
			for (Thread upload : uploads) {
				upload.join();
			}
		}
		int port = first.port();
		first.stop();

		TestS3 second = TestS3.start(TestS3.ACCESS_KEY, TestS3.SECRET_KEY, port);
		try (S3Client client = second.client()) {
			assertThat(second.port()).isNotEqualTo(port);
			String fresh = second.newBucket("fresh");
			client.putObject((put) -> put.bucket(fresh).key("empty"), RequestBody.fromBytes(new byte[0]));
			assertThat(client.headObject((head) -> head.bucket(fresh).key("empty")).contentLength()).isZero();
		}
		finally {
			second.stop();
		}
	}

}
