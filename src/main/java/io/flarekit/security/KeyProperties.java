package io.flarekit.security;

import java.time.Duration;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API keys: the operator's first admin key, and how long verified keys and their last use
 * are held in memory.
 *
 * @param bootstrapAdminKey an admin key the operator chose, stored (hashed) when no
 * active admin key exists; at least 32 characters of a bearer token's alphabet
 * @param keyCacheTtl how long a verified key is trusted without asking the database: the
 * bound on how late a revocation made outside this service (another process, plain SQL)
 * is seen; revocations through the service are seen at once
 * @param keyCacheSize the most verified keys held at once
 * @param lastUsedInterval how often the last use of keys is written; at most one write
 * per key per interval, never one per request
 */
@ConfigurationProperties("flarekit.security")
record KeyProperties(String bootstrapAdminKey, @DefaultValue("1s") Duration keyCacheTtl,
		@DefaultValue("10000") int keyCacheSize, @DefaultValue("1m") Duration lastUsedInterval) {

	static final String BOOTSTRAP_KEY = "flarekit.security.bootstrap-admin-key";

	private static final Pattern TOKEN_CHARACTERS = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

	KeyProperties {
		if (bootstrapAdminKey != null && bootstrapAdminKey.length() < 32) {
			throw new IllegalArgumentException(BOOTSTRAP_KEY + " must be at least 32 characters (it has "
					+ bootstrapAdminKey.length() + "); choose a long random secret, e.g. openssl rand -base64 32");
		}
		if (bootstrapAdminKey != null
				&& (bootstrapAdminKey.length() > 512 || !TOKEN_CHARACTERS.matcher(bootstrapAdminKey).matches())) {
			throw new IllegalArgumentException(
					BOOTSTRAP_KEY + " must be at most 512 characters of A-Z a-z 0-9 - . _ ~ + / (and = at the end), "
							+ "as a bearer token can carry them");
		}
		if (keyCacheTtl.isNegative()) {
			throw new IllegalArgumentException("flarekit.security.key-cache-ttl must not be negative");
		}
		if (keyCacheSize < 1) {
			throw new IllegalArgumentException("flarekit.security.key-cache-size must be at least 1");
		}
		if (lastUsedInterval.isNegative() || lastUsedInterval.isZero()) {
			throw new IllegalArgumentException("flarekit.security.last-used-interval must be positive");
		}
	}

	@Override
	public String toString() {
		return "KeyProperties[bootstrapAdminKey=" + ((this.bootstrapAdminKey != null) ? "(set)" : "(unset)")
				+ ", keyCacheTtl=" + this.keyCacheTtl + ", keyCacheSize=" + this.keyCacheSize + ", lastUsedInterval="
				+ this.lastUsedInterval + "]";
	}

}
