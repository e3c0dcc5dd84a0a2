package io.flarekit.security;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The active key whose secret has a given hash: from the {@link KeyCache} when it was
 * verified lately, else from the database, and then remembered (unless a revocation
 * happened meanwhile, see {@link KeyCache#put}).
 * <p>
 * When a key's entry expires, the requests that carry it arrive together: one of them
 * reads the database, and those that come while it does wait for its answer instead of
 * each reading the same row (at 32 connections, up to 32 reads a second per key). A
 * request waits only for a read that started in the same cache generation as itself, so
 * that a request made after a revocation through the service never gets an answer read
 * before it.
 */
@Component
class VerifiedKeys {

	private final Function<String, Optional<VerifiedKey>> database;

	private final KeyCache cache;

	private final ConcurrentHashMap<String, Lookup> lookups = new ConcurrentHashMap<>();

	@Autowired
	VerifiedKeys(ApiKeys keys, KeyCache cache) {
		this((hash) -> keys.findActive(hash).map(VerifiedKey::of), cache);
	}

	/**
	 * Keys read by a function of their hash.
	 * @param database the active key with a hash, read from the database
	 * @param cache where verified keys are remembered
	 */
	VerifiedKeys(Function<String, Optional<VerifiedKey>> database, KeyCache cache) {
		this.database = database;
		this.cache = cache;
	}

	Optional<VerifiedKey> find(String hash) {
		VerifiedKey cached = this.cache.get(hash);
		if (cached != null) {
			return Optional.of(cached);
		}
		long generation = this.cache.generation();
		Lookup mine = new Lookup(generation, new CompletableFuture<>());
		Lookup running = this.lookups.putIfAbsent(hash, mine);
		if (running != null) {
			return (running.generation() == generation) ? running.answer() : read(hash, generation);
		}
		try {
			Optional<VerifiedKey> found = read(hash, generation);
			mine.result().complete(found);
			return found;
		}
		catch (RuntimeException ex) {
			mine.result().completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.lookups.remove(hash, mine);
		}
	}

	private Optional<VerifiedKey> read(String hash, long generation) {
		Optional<VerifiedKey> found = this.database.apply(hash);
		found.ifPresent((key) -> this.cache.put(hash, key, generation));
		return found;
	}

	/** A database read in progress, and the cache generation it started in. */
	private record Lookup(long generation, CompletableFuture<Optional<VerifiedKey>> result) {

		/** Its answer, or its failure as it was thrown. */
		Optional<VerifiedKey> answer() {
			try {
				return this.result.join();
			}
			catch (CompletionException ex) {
				if (ex.getCause() instanceof RuntimeException failure) {
					throw failure;
				}
				throw ex;
			}
		}

	}

}
