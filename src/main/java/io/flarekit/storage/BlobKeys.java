package io.flarekit.storage;

/**
 * Where a blob sits below its store's root, the same on a disk and in a bucket:
 * {@code ab/cd/abcd…}, its SHA-256 in lower-case hex under two folders of its first
 * digits, so that no folder holds more than a few thousand entries. One place, so that
 * every store checks a hash the same way before it becomes a path or a key.
 */
public final class BlobKeys {

	private BlobKeys() {
	}

	/**
	 * A blob's place below the root, with {@code /} between its parts.
	 * @param hash its SHA-256, lower-case hex
	 * @return {@code ab/cd/<hash>}
	 * @throws IllegalArgumentException when the hash is not 64 lower-case hex digits
	 */
	public static String of(String hash) {
		if (!isHash(hash)) {
			throw new IllegalArgumentException("Not a SHA-256 in lower-case hex: " + abbreviate(hash));
		}
		return hash.substring(0, 2) + "/" + hash.substring(2, 4) + "/" + hash;
	}

	/** Whether a name is a SHA-256 in lower-case hex. */
	public static boolean isHash(String value) {
		return isHex(value, 64);
	}

	/** Whether a name is {@code length} lower-case hex digits. */
	static boolean isHex(String value, int length) {
		if (value == null || value.length() != length) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

	private static String abbreviate(String value) {
		if (value == null) {
			return "null";
		}
		return (value.length() <= 80) ? "'" + value + "'" : "'" + value.substring(0, 80) + "…'";
	}

}
