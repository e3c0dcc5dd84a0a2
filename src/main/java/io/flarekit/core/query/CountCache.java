package io.flarekit.core.query;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import tools.jackson.databind.json.JsonMapper;

/**
 * The totals of one entity's lists, reused while nothing was written to the entity
 * through its service and the entry is younger than {@code flarekit.api.count-cache-ttl}:
 * counting scans every matching row, and react-admin asks for the total with every page.
 * Writes are announced with {@link #written} once they are committed, so that a total
 * counted before a commit is never cached as current.
 */
final class CountCache {

	/**
	 * The most totals one entity keeps; more filters than that start the cache afresh.
	 */
	private static final int MAX_ENTRIES = 1000;

	private final long ttlNanos;

	private final JsonMapper mapper;

	/** Bumped after every committed write: a filtered total from before is stale. */
	private final AtomicLong writes = new AtomicLong();

	/**
	 * Bumped after every committed write that may add or remove rows (create, delete,
	 * restore): an unfiltered total from before is stale. Updates through JSON leave it,
	 * as they cannot change which rows the list holds ({@code deletedAt} is
	 * server-managed).
	 */
	private final AtomicLong rowChanges = new AtomicLong();

	private final Map<String, CachedCount> counts = new ConcurrentHashMap<>();

	private record CachedCount(long total, long writes, long nanos) {
	}

	CountCache(Duration ttl, JsonMapper mapper) {
		this.ttlNanos = ttl.toNanos();
		this.mapper = mapper;
	}

	/**
	 * The total of a list, counted by {@code count} unless a current one is cached. One
	 * request counts while the others asking for the same total wait for it.
	 * @param filter the list's filter
	 * @param includeDeleted whether soft-deleted rows count
	 * @param owner the owner the rows are limited to, or null
	 * @param count counts in a transaction of its own, begun after this call
	 * @return the total
	 */
	long total(Map<String, ?> filter, boolean includeDeleted, String owner, LongSupplier count) {
		if (this.ttlNanos <= 0) {
			return count.getAsLong();
		}
		String key = includeDeleted + " " + owner + " " + this.mapper.valueToTree(new TreeMap<String, Object>(filter));
		// read before counting: a write committed meanwhile makes the entry stale, never
		// current
		long version = filter.isEmpty() ? this.rowChanges.get() : this.writes.get();
		if (this.counts.size() > MAX_ENTRIES) {
			this.counts.clear();
		}
		return this.counts
			.compute(key,
					(k, cached) -> isCurrent(cached, version) ? cached
							: new CachedCount(count.getAsLong(), version, System.nanoTime()))
			.total();
	}

	private boolean isCurrent(CachedCount cached, long version) {
		return cached != null && cached.writes() == version && System.nanoTime() - cached.nanos() < this.ttlNanos;
	}

	/**
	 * Marks the totals counted before now as stale.
	 * @param rowsChanged whether the write may have added or removed rows, rather than
	 * only changed fields
	 */
	void written(boolean rowsChanged) {
		if (rowsChanged) {
			this.rowChanges.incrementAndGet();
		}
		this.writes.incrementAndGet();
	}

}
