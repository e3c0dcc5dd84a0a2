package io.flarekit.security;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache's promise to revocations: an answer read from the database before a
 * revocation emptied the cache is not put back after it.
 */
class KeyCacheTest {

	private static final VerifiedKey KEY = new VerifiedKey("k1", List.of("admin"), null);

	@Test
	void aLookupThatStartedBeforeARevocationCannotCacheItsAnswer() {
		KeyCache cache = new KeyCache(new KeyProperties(null, Duration.ofMinutes(1), 10, Duration.ofMinutes(1)));
		long before = cache.generation();
		cache.invalidateAll();
		cache.put("hash", KEY, before);
		assertThat(cache.get("hash")).isNull();
		cache.put("hash", KEY, cache.generation());
		assertThat(cache.get("hash")).isEqualTo(KEY);
		cache.invalidateAll();
		assertThat(cache.get("hash")).isNull();
	}

	@Test
	void aKeyIsTrustedForTheTimeToLiveOnlyAndNotAtAllWithZero() throws InterruptedException {
		KeyCache brief = new KeyCache(new KeyProperties(null, Duration.ofMillis(50), 10, Duration.ofMinutes(1)));
		brief.put("hash", KEY, brief.generation());
		assertThat(brief.get("hash")).isEqualTo(KEY);
		Thread.sleep(80);
		assertThat(brief.get("hash")).isNull();
		KeyCache none = new KeyCache(new KeyProperties(null, Duration.ZERO, 10, Duration.ofMinutes(1)));
		none.put("hash", KEY, none.generation());
		assertThat(none.get("hash")).isNull();
	}

}
