package io.flarekit.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Verified keys by hash, each trusted for {@code flarekit.security.key-cache-ttl}, so
 * that a key costs a database read once per that time, not once per request. A revocation
 * through the service calls {@link #invalidateAll()} after its commit; a lookup that read
 * the database before that commit cannot put its stale answer back, because it only puts
 * while the generation it started in is still current, and the check and the put are one
 * atomic step of the map.
 */
@Component
@EnableConfigurationProperties(KeyProperties.class)
class KeyCache {

	private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	private final long ttlNanos;

	private final int maxSize;

	KeyCache(KeyProperties properties) {
		this.ttlNanos = properties.keyCacheTtl().toNanos();
		this.maxSize = properties.keyCacheSize();
	}

	/** The generation to hand back to {@link #put}: read it before the database. */
	long generation() {
		return this.generation.get();
	}

	VerifiedKey get(String hash) {
		Entry entry = this.entries.get(hash);
		if (entry == null) {
			return null;
		}
		if (System.nanoTime() - entry.storedAt() >= this.ttlNanos) {
			this.entries.remove(hash, entry);
			return null;
		}
		return entry.key();
	}

	/**
	 * Remembers a key read from the database, unless a revocation happened since
	 * {@code seenGeneration} was read.
	 */
	void put(String hash, VerifiedKey key, long seenGeneration) {
		if (this.ttlNanos == 0) {
			return;
		}
		if (this.entries.size() >= this.maxSize) {
			this.entries.clear();
		}
		this.entries.compute(hash,
				(ignored, old) -> (this.generation.get() == seenGeneration) ? new Entry(key, System.nanoTime()) : old);
	}

	/** Forgets every key: the next request with any key reads the database. */
	void invalidateAll() {
		this.generation.incrementAndGet();
		this.entries.clear();
	}

	private record Entry(VerifiedKey key, long storedAt) {
	}

}
