package io.flarekit.storage;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

/** Real image bytes for the storage tests, and multipart bodies to send them in. */
final class Files4Test {

	private Files4Test() {
	}

	static byte[] image(String format, int width, int seed) {
		BufferedImage image = new BufferedImage(width, width, BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < width; x++) {
			for (int y = 0; y < width; y++) {
				image.setRGB(x, y, (x * 31 + y * 17 + seed * 101) & 0xffffff);
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, format, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static byte[] png(int seed) {
		return image("png", 4, seed);
	}

	/** The smallest WebP container Tika recognises by its magic bytes. */
	static byte[] webp() {
		byte[] bytes = new byte[] { 'R', 'I', 'F', 'F', 26, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L', 13, 0, 0,
				0, 0x2f, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, (byte) 0x88, (byte) 0x88, (byte) 0xfe, 0x07, 0 };
		return bytes;
	}

	/** A multipart/form-data body. */
	static final class Multipart {

		static final String BOUNDARY = "flarekit-test-boundary";

		private final List<byte[]> parts = new ArrayList<>();

		Multipart file(String field, String fileName, String contentType, byte[] content) {
			StringBuilder head = new StringBuilder("--" + BOUNDARY + "\r\n");
			head.append("Content-Disposition: form-data; name=\"")
				.append(field)
				.append("\"; filename=\"")
				.append(fileName)
				.append("\"\r\n");
			if (contentType != null) {
				head.append("Content-Type: ").append(contentType).append("\r\n");
			}
			head.append("\r\n");
			this.parts.add(head.toString().getBytes(StandardCharsets.UTF_8));
			this.parts.add(content);
			this.parts.add("\r\n".getBytes(StandardCharsets.UTF_8));
			return this;
		}

		byte[] body() {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			this.parts.forEach(out::writeBytes);
			out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
			return out.toByteArray();
		}

		static String contentType() {
			return "multipart/form-data; boundary=" + BOUNDARY;
		}

	}

}
