package io.flarekit.core.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A total late in its life is answered and counted again in the background, once at a
 * time, answered until that count is done (for one more time to live at most), and never
 * made current by a count that a write overtook; a total expired without a count ahead,
 * or one a write made stale, is still counted by the request. The clock and the
 * background are the test's: a count ahead runs when the test runs it.
 */
class CountAheadTest {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	private final AtomicLong now = new AtomicLong(1_000 * SECOND);

	private final List<Runnable> background = new ArrayList<>();

	private final AtomicLong rows = new AtomicLong(10);

	private final AtomicInteger counted = new AtomicInteger();

	private Executor executor = this.background::add;

	private LongSupplier count = () -> {
		this.counted.incrementAndGet();
		return this.rows.get();
	};

	private final long start = this.now.get();

	private final CountCache cache = new CountCache(Duration.ofSeconds(5), JsonMapper.builder().build(),
			(task) -> this.executor.execute(task), this.now::get);

	private long total(Map<String, ?> filter) {
		return this.cache.total(filter, false, null, () -> this.count.getAsLong());
	}

	/** Sets the clock to that many seconds after the test's start. */
	private void at(double seconds) {
		this.now.set(this.start + (long) (seconds * SECOND));
	}

	private void runBackground() {
		List<Runnable> tasks = new ArrayList<>(this.background);
		this.background.clear();
		tasks.forEach(Runnable::run);
	}

	@Test
	void aTotalInTheLastFifthOfItsLifeIsAnsweredAndCountedAgainInTheBackgroundOnce() {
		assertThat(total(Map.of())).isEqualTo(10);
		assertThat(this.counted).hasValue(1);
		this.rows.set(11);
		at(3.9);
		assertThat(total(Map.of())).isEqualTo(10);
		assertThat(this.background).as("not yet late in its life").isEmpty();
		at(4.0);
		assertThat(total(Map.of())).isEqualTo(10);
		at(4.5);
		assertThat(total(Map.of())).isEqualTo(10);
		assertThat(this.background).as("one count ahead at a time").hasSize(1);
		assertThat(this.counted).as("the requests did not count").hasValue(1);

		at(4.6);
		runBackground();
		assertThat(this.counted).hasValue(2);
		this.rows.set(12);
		at(9.5);
		assertThat(total(Map.of())).as("as old as the count's start: 4.9 s").isEqualTo(11);
		assertThat(this.background).hasSize(1);
		at(9.6);
		assertThat(total(Map.of())).as("expired while its count ahead waits").isEqualTo(11);
		at(14.5);
		assertThat(total(Map.of())).isEqualTo(11);
		assertThat(this.counted).hasValue(2);
		at(14.6);
		assertThat(total(Map.of())).as("two times to live old: the request counts").isEqualTo(12);
		assertThat(this.counted).hasValue(3);
	}

	@Test
	void aTotalExpiredWithoutACountAheadIsCountedByTheRequest() {
		assertThat(total(Map.of())).isEqualTo(10);
		this.rows.set(11);
		at(5.0);
		assertThat(total(Map.of())).isEqualTo(11);
		assertThat(this.background).isEmpty();
		assertThat(this.counted).hasValue(2);
	}

	@Test
	void aWriteStillMakesTheNextRequestCount() {
		assertThat(total(Map.of("name", "a"))).isEqualTo(10);
		this.rows.set(11);
		this.cache.written(false);
		at(4.5);
		assertThat(total(Map.of("name", "a"))).isEqualTo(11);
		assertThat(this.background).isEmpty();
		assertThat(this.counted).hasValue(2);
	}

	@Test
	void aCountAheadThatAWriteOvertookIsNotCurrent() {
		assertThat(total(Map.of())).isEqualTo(10);
		at(4.5);
		assertThat(total(Map.of())).isEqualTo(10);
		this.count = () -> {
			this.counted.incrementAndGet();
			// a write commits while the count runs, which it may miss
			this.cache.written(true);
			return this.rows.get();
		};
		runBackground();
		this.count = () -> {
			this.counted.incrementAndGet();
			return this.rows.get() + 1;
		};
		assertThat(total(Map.of())).as("counted again by the request").isEqualTo(11);
		assertThat(this.counted).hasValue(3);
	}

	@Test
	void aCountAheadDoesNotReplaceANewerTotalCountedMeanwhile() {
		assertThat(total(Map.of())).isEqualTo(10);
		at(4.5);
		total(Map.of());
		this.count = () -> {
			// a count ahead slower than a time to live: meanwhile the total runs out, and
			// a request counts rows added since the count ahead began
			this.count = () -> 20;
			at(10.0);
			assertThat(total(Map.of())).isEqualTo(20);
			return 15;
		};
		runBackground();
		assertThat(total(Map.of())).isEqualTo(20);
	}

	@Test
	void aFailedOrRefusedCountAheadLeavesTheTotalAndIsTriedAgain() {
		assertThat(total(Map.of())).isEqualTo(10);
		at(4.5);
		this.executor = (task) -> {
			throw new RejectedExecutionException("shutting down");
		};
		assertThat(total(Map.of())).isEqualTo(10);
		this.executor = this.background::add;
		assertThat(total(Map.of())).isEqualTo(10);
		assertThat(this.background).as("tried again after the refusal").hasSize(1);
		this.count = () -> {
			throw new IllegalStateException("the database is away");
		};
		runBackground();
		assertThat(total(Map.of())).isEqualTo(10);
		assertThat(this.background).as("tried again after the failure").hasSize(1);
	}

	@Test
	void anExecutorOnTheCallersThreadAnswersTheNewTotal() {
		this.executor = Runnable::run;
		assertThat(total(Map.of())).isEqualTo(10);
		this.rows.set(11);
		at(4.5);
		assertThat(total(Map.of())).isEqualTo(11);
	}

}
