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
		return shorten(base, MAX_ORIGINAL);
	}

	/**
	 * The name as part of a storage key: letters (of any script), digits, dot, dash and
	 * underscore only, no leading dot or underscore, at most 100 characters with the
	 * extension kept.
	 * @param name what the client sent, or null
	 * @return a safe name, never empty
	 */
	static String forKey(String name) {
		String safe = original(name).replaceAll("[^\\p{L}\\p{N}._-]+", "_").replaceAll("^[._]+", "");
		if (safe.isEmpty()) {
			safe = "file";
		}
		return shorten(safe, MAX_KEY_NAME);
	}

	/** Cuts a name to a length, keeping a short extension. */
	private static String shorten(String name, int max) {
		if (name.length() <= max) {
			return name;
		}
		int dot = name.lastIndexOf('.');
		String extension = (dot > 0 && name.length() - dot <= 10) ? name.substring(dot) : "";
		int cut = max - extension.length();
		if (Character.isLowSurrogate(name.charAt(cut))) {
			cut--;
		}
		return name.substring(0, cut) + extension;
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
