package io.flarekit.storage;

import java.text.Normalizer;

/**
 * Makes client-supplied file names safe to store and to use in a key: the last path
 * segment only, no control characters, bounded length.
 */
final class FileNames {

	private static final int MAX_ORIGINAL = 255;

	private static final int MAX_KEY_NAME = 100;

	private FileNames() {
	}

	/**
	 * The name as the client meant it, without any path or control characters.
	 * @param name what the client sent, or null
	 * @return a name of 1 to 255 characters
	 */
	static String original(String name) {
		String base = (name != null) ? name : "";
		base = base.substring(Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\')) + 1);
		base = Normalizer.normalize(base, Normalizer.Form.NFC).replaceAll("[\\p{Cntrl}\\p{Cf}]", "").strip();
		if (base.isEmpty() || base.equals(".") || base.equals("..")) {
			base = "file";
		}
		return (base.length() > MAX_ORIGINAL) ? base.substring(0, MAX_ORIGINAL) : base;
	}

	/**
	 * The name as part of a storage key: letters (of any script), digits, dot, dash and
	 * underscore only, no leading dot, at most 100 characters with the extension kept.
	 * @param name what the client sent, or null
	 * @return a safe name, never empty
	 */
	static String forKey(String name) {
		String safe = original(name).replaceAll("[^\\p{L}\\p{N}._-]+", "_").replaceAll("^[._]+", "");
		if (safe.isEmpty()) {
			safe = "file";
		}
		if (safe.length() > MAX_KEY_NAME) {
			int dot = safe.lastIndexOf('.');
			String extension = (dot > 0 && safe.length() - dot <= 10) ? safe.substring(dot) : "";
			safe = safe.substring(0, MAX_KEY_NAME - extension.length()) + extension;
		}
		return safe;
	}

	/**
	 * The storage key of a file: the first 16 hex digits of its hash and its safe name.
	 * @param hash the content's SHA-256
	 * @param name the client's file name
	 * @return e.g. {@code 3f2a9c1b0d4e5f60-cat.png}
	 */
	static String key(String hash, String name) {
		return hash.substring(0, 16) + "-" + forKey(name);
	}

}
