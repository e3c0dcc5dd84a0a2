package io.flarekit.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

import org.apache.tika.Tika;

import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Decides whether a file may be stored from its bytes, not from what the client says: it
 * stages the file in the blob store (which hashes it on the way and stops past the size
 * limit), then checks the type that Tika detects against the allow-list and against the
 * declared type. A refused file is not kept.
 */
@Component
class FileInspector {

	private final BlobStore blobs;

	private final Tika tika = new Tika();

	FileInspector(BlobStore blobs) {
		this.blobs = blobs;
	}

	/**
	 * What a file may be.
	 *
	 * @param maxSize the largest file accepted
	 * @param allowedTypes the detected types accepted
	 */
	record Limits(DataSize maxSize, List<String> allowedTypes) {
	}

	/**
	 * What the inspection found.
	 *
	 * @param staged the staged bytes, ready to commit; null when refused
	 * @param type the detected type; null when too large to detect
	 * @param problem why the file is refused, a sentence that follows its name; null when
	 * accepted
	 * @param tooLarge whether it was refused for its size
	 */
	record Inspection(BlobStore.StagedBlob staged, String type, String problem, boolean tooLarge) {

		boolean accepted() {
			return this.problem == null;
		}

	}

	/**
	 * Streams a file into the staging area and checks its size and its type.
	 * @param content the bytes; read at most one byte past the size limit
	 * @param declaredType the content type the client declared, or null
	 * @param limits its size and types
	 * @return the staged file, or why it is refused (then nothing is kept)
	 * @throws IOException when the file cannot be staged
	 */
	Inspection inspect(InputStream content, String declaredType, Limits limits) throws IOException {
		BlobStore.StagedBlob staged;
		try {
			staged = this.blobs.stage(content, limits.maxSize().toBytes());
		}
		catch (BlobStore.BlobTooLargeException ex) {
			return new Inspection(null, null, "is larger than " + describe(limits.maxSize()), true);
		}
		List<String> allowed = limits.allowedTypes();
		String type;
		try (InputStream bytes = staged.open()) {
			type = this.tika.detect(bytes);
		}
		String problem = null;
		if (staged.size() == 0) {
			problem = "is empty";
		}
		else if (!allowed.contains(type)) {
			problem = "is " + type + "; allowed: " + String.join(", ", allowed);
		}
		else if (declaredType != null && !declaredType.isBlank()
				&& !declaredType.equalsIgnoreCase("application/octet-stream")
				&& !canonical(baseType(declaredType)).equalsIgnoreCase(type)) {
			problem = "was declared as " + baseType(declaredType) + " but its content is " + type;
		}
		if (problem != null) {
			this.blobs.discard(staged);
			return new Inspection(null, type, problem, false);
		}
		return new Inspection(staged, type, null, false);
	}

	/** Common misspellings clients declare for a type Tika names otherwise. */
	private static String canonical(String type) {
		return switch (type.toLowerCase(Locale.ROOT)) {
			case "image/jpg", "image/pjpeg" -> "image/jpeg";
			default -> type;
		};
	}

	private static String baseType(String contentType) {
		int semicolon = contentType.indexOf(';');
		return ((semicolon >= 0) ? contentType.substring(0, semicolon) : contentType).trim();
	}

	/**
	 * A size limit as people read it in a reason: {@code 2 MB}, {@code 3 KB}.
	 * @param size the limit
	 * @return the text
	 */
	static String describe(DataSize size) {
		long bytes = size.toBytes();
		if (bytes % (1024 * 1024) == 0) {
			return (bytes / (1024 * 1024)) + " MB";
		}
		return (bytes % 1024 == 0) ? (bytes / 1024) + " KB" : bytes + " bytes";
	}

}
