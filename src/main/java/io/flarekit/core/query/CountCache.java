package io.flarekit.core.query;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The totals of one entity's lists, reused while nothing was written to the entity
 * through its service and the entry is younger than {@code flarekit.api.count-cache-ttl}:
 * counting scans every matching row, and react-admin asks for the total with every page.
 * Writes are announced with {@link #written} once they are committed, so that a total
 * counted before a commit is never cached as current.
 * <p>
 * A total still in use late in its life is counted again ahead of time, in the
 * background, and answered until that count is done, so that its expiry does not stop
 * every request that asks for it behind one count (a scan of every matching row) at once:
 * that wait was the p99 of searches.
 */
final class CountCache {

	private static final Logger log = LoggerFactory.getLogger(CountCache.class);

	/**
	 * The most totals one entity keeps; more filters than that start the cache afresh.
	 */
	private static final int MAX_ENTRIES = 1000;

	private final long ttlNanos;

	/** The age after which a total that is asked for is counted again ahead of time. */
	private final long refreshNanos;

	private final JsonMapper mapper;

	private final Executor refresher;

	private final LongSupplier clock;

	/** The totals being counted ahead of time: one count at a time for each. */
	private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

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

	/**
	 * @param ttl how long a total may be reused
	 * @param mapper makes a filter into a key
	 * @param refresher runs the counts ahead of time
	 * @param clock {@link System#nanoTime}, or a test's
	 */
	CountCache(Duration ttl, JsonMapper mapper, Executor refresher, LongSupplier clock) {
		this.ttlNanos = ttl.toNanos();
		this.refreshNanos = this.ttlNanos - this.ttlNanos / 5;
		this.mapper = mapper;
		this.refresher = refresher;
		this.clock = clock;
	}

	/**
	 * The total of a list, counted by {@code count} unless a current one is cached. One
	 * request counts while the others asking for the same total wait for it. A current
	 * total in the last fifth of its life is answered and counted again in the
	 * background; until that count is done, for at most one more time to live, it is
	 * still answered.
	 * @param filter the list's filter
	 * @param includeDeleted whether soft-deleted rows count
	 * @param owner the owner the rows are limited to, or null
	 * @param count counts in a transaction of its own, begun when it is called, on any
	 * thread
	 * @return the total
	 */
	long total(Map<String, ?> filter, boolean includeDeleted, String owner, LongSupplier count) {
		if (this.ttlNanos <= 0) {
			return count.getAsLong();
		}
		String key = includeDeleted + " " + owner + " " + this.mapper.valueToTree(new TreeMap<String, Object>(filter));
		boolean unfiltered = filter.isEmpty();
		long version = version(unfiltered);
		if (this.counts.size() > MAX_ENTRIES) {
			this.counts.clear();
		}
		CachedCount cached = this.counts.get(key);
		if (cached != null && cached.writes() == version) {
			long age = age(cached);
			if (age < this.ttlNanos) {
				if (age < this.refreshNanos) {
					return cached.total();
				}
				countAhead(key, unfiltered, count);
				// the new total where the count has run already (an executor that runs it
				// on this thread)
				return this.counts.getOrDefault(key, cached).total();
			}
			if (age < 2 * this.ttlNanos && this.refreshing.contains(key)) {
				// expired while its count ahead runs (slow under load): still answered
				return cached.total();
			}
		}
		return this.counts.compute(key, (k, now) -> isCurrent(now, version) ? now : counted(version, count)).total();
	}

	/**
	 * The version a total is counted at: read before counting, so that a write committed
	 * meanwhile makes the entry stale, never current.
	 */
	private long version(boolean unfiltered) {
		return unfiltered ? this.rowChanges.get() : this.writes.get();
	}

	/** A count, as old as the moment it began. */
	private CachedCount counted(long version, LongSupplier count) {
		long began = this.clock.getAsLong();
		return new CachedCount(count.getAsLong(), version, began);
	}

	private boolean isCurrent(CachedCount cached, long version) {
		return cached != null && cached.writes() == version && age(cached) < this.ttlNanos;
	}

	private long age(CachedCount cached) {
		return this.clock.getAsLong() - cached.nanos();
	}

	/**
	 * Counts a total again in the background, unless that is under way already; the new
	 * total replaces only an entry counted before it began.
	 */
	private void countAhead(String key, boolean unfiltered, LongSupplier count) {
		if (!this.refreshing.add(key)) {
			return;
		}
		try {
			this.refresher.execute(() -> {
				try {
					CachedCount fresh = counted(version(unfiltered), count);
					this.counts.merge(key, fresh,
							(old, counted) -> (old.nanos() - counted.nanos() < 0) ? counted : old);
				}
				catch (RuntimeException ex) {
					log.warn("Counting a list's total ahead of time failed; a request will count it when it expires",
							ex);
				}
				finally {
					this.refreshing.remove(key);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// shutting down: the total expires and a request counts it, as without this
			this.refreshing.remove(key);
		}
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
