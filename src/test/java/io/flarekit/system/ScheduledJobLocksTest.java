package io.flarekit.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.flarekit.testing.TestPostgres;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances, each with its own connections, lock provider and scheduler, schedule the
 * same job often on one database whose {@code shedlock} table comes from the project's
 * migrations: the job never runs on both at once, and both get to run it.
 */
class ScheduledJobLocksTest {

	@Test
	void twoSchedulersOnOnePostgresDatabaseNeverRunTheJobAtOnce() throws Exception {
		String url = TestPostgres.newDatabase("job_locks");
		assertExclusive(() -> new DriverManagerDataSource(url, TestPostgres.user(), TestPostgres.password()),
				"postgresql");
	}

	@Test
	void twoSchedulersOnOneSqliteFileNeverRunTheJobAtOnce() throws Exception {
		Path file = Files.createTempDirectory("flarekit-job-locks").resolve("locks.db");
		assertExclusive(() -> new DriverManagerDataSource("jdbc:sqlite:" + file + "?busy_timeout=5000"), "sqlite");
	}

	private void assertExclusive(DataSources dataSources, String vendor) throws Exception {
		Flyway.configure()
			.dataSource(dataSources.next())
			.locations("classpath:db/migration/" + vendor)
			.load()
			.migrate();
		AtomicInteger running = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
		List<ThreadPoolTaskScheduler> schedulers = new ArrayList<>();
		try {
			for (String instance : List.of("a", "b")) {
				LockingTaskExecutor locks = new ScheduledJobLocks()
					.lockingTaskExecutor(new ScheduledJobLocks().lockProvider(dataSources.next()));
				ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
				scheduler.setPoolSize(2);
				scheduler.initialize();
				schedulers.add(scheduler);
				scheduler.scheduleWithFixedDelay(() -> locks.executeWithLock((Runnable) () -> {
					mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
					runs.computeIfAbsent(instance, (key) -> new AtomicInteger()).incrementAndGet();
					sleep(60);
					running.decrementAndGet();
				}, new LockConfiguration(Instant.now(), "job", Duration.ofSeconds(30), Duration.ZERO)),
						Duration.ofMillis(5));
			}
			long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (System.nanoTime() < until && (runs.size() < 2 || total(runs) < 20)) {
				sleep(50);
			}
		}
		finally {
			schedulers.forEach(ThreadPoolTaskScheduler::shutdown);
		}
		assertThat(mostAtOnce).as("jobs running at once").hasValue(1);
		assertThat(runs).as("both instances ran it").containsOnlyKeys("a", "b");
		assertThat(total(runs)).isGreaterThanOrEqualTo(20);
	}

	private static int total(Map<String, AtomicInteger> runs) {
		return runs.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A new data source on the same database each time, as each instance has its own. */
	private interface DataSources {

		DataSource next();

	}

}
