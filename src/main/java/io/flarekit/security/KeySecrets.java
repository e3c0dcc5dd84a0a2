package io.flarekit.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Makes API key secrets and the hashes they are stored and found by. A secret is
 * {@code fk_} and 256 random bits in base64url: too much entropy to guess, so one fast
 * SHA-256 protects the stored copy as well as a slow KDF would (docs/decisions.md).
 */
final class KeySecrets {

	static final String PREFIX = "fk_";

	/** What a bearer token may look like to be worth a lookup: RFC 6750's token68. */
	private static final Pattern LOOKS_LIKE_A_KEY = Pattern.compile("[A-Za-z0-9._~+/-]{32,512}=*");

	private static final SecureRandom RANDOM = new SecureRandom();

	/** A digest per thread: looking one up costs more than hashing a key. */
	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	});

	private KeySecrets() {
	}

	/** A new secret: {@code fk_} and 32 random bytes, base64url without padding. */
	static String generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Whether a token has the shape of a key the service could have stored (issued or an
	 * operator's bootstrap key); others are refused without a lookup.
	 */
	static boolean plausible(String token) {
		return token != null && token.length() <= 600 && LOOKS_LIKE_A_KEY.matcher(token).matches();
	}

	/** The lower-case hex SHA-256 of a secret, as stored. */
	static String hash(String secret) {
		// digest() resets the digest, so a thread's next hash starts clean
		return HexFormat.of().formatHex(SHA_256.get().digest(secret.getBytes(StandardCharsets.UTF_8)));
	}

	/** Compares two stored hashes in time that does not depend on where they differ. */
	static boolean sameHash(String a, String b) {
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
	}

}
