package io.flarekit.safety;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.imageio.ImageIO;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the load workers of the kill tests share: reading an answer as the acknowledgement
 * of a write, telling a failure the kill explains from one it does not, and making small
 * files the service accepts.
 */
final class Acknowledgements {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** The multipart boundary of {@link #multipart}. */
	static final String BOUNDARY = "load-test-boundary";

	private Acknowledgements() {
	}

	/**
	 * The body of an answer that acknowledges a write.
	 * @throws AssertionError when the answer is another
	 */
	static JsonNode acknowledged(HttpResponse<String> response, int status, String request) {
		assertThat(response.statusCode()).as("%s answered %s", request, response.body()).isEqualTo(status);
		return JSON.readTree(response.body());
	}

	/**
	 * Ends a worker on a failure: a connection that fails once the kill has begun is
	 * expected; anything else is recorded.
	 * @return null, for a worker's {@code Callable}
	 */
	static Object stop(Throwable failure, AtomicBoolean killing, Queue<String> unexpected, String worker) {
		if (!explainedByTheKill(failure, killing)) {
			unexpected.add(worker + ((killing.get()) ? " (during the kill)" : " (before the kill)") + ": " + failure);
		}
		if (failure instanceof InterruptedException) {
			Thread.currentThread().interrupt();
		}
		return null;
	}

	/** Whether a failure is a connection that failed once the kill had begun. */
	static boolean explainedByTheKill(Throwable failure, AtomicBoolean killing) {
		return failure instanceof IOException && killing.get();
	}

	/** A small PNG, different for each seed. */
	static byte[] png(int seed) throws IOException {
		BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
		image.setRGB(seed % 8, (seed / 8) % 8, seed);
		image.setRGB(0, 0, seed * 31);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	/** A multipart body with one PNG in the form field {@code images[]}. */
	static byte[] multipart(String name, byte[] content) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"images[]\"; filename=\"" + name
				+ "\"\r\nContent-Type: image/png\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		out.writeBytes(content);
		out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	/** SHA-256 in lower-case hex, as the service names blobs. */
	static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
