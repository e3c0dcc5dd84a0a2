package io.flarekit.system;

import java.time.Duration;
import java.util.List;

import io.flarekit.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler runs each job at the interval its settings give, not at a default written
 * anywhere else: odd values here, so that no default can pass for them.
 */
@TestPropertySource(properties = { "flarekit.storage.cleanup-interval=7m", "flarekit.database.optimize-interval=97m" })
class SchedulingConfigurationTest extends IntegrationTest {

	@Autowired
	ScheduledTaskHolder scheduler;

	@Test
	void theStorageCleanUpRunsEveryCleanupInterval() {
		assertRunsEvery("StorageJanitor", Duration.ofMinutes(7));
	}

	@Test
	void thePlannerStatisticsAreRefreshedEveryOptimizeInterval() {
		assertRunsEvery("QueryPlannerStatistics", Duration.ofMinutes(97));
	}

	/**
	 * The job, a method of the named class, is one fixed-delay task that runs every
	 * interval, the first time one interval after start (at start, a job does its own
	 * first run if it needs one).
	 */
	private void assertRunsEvery(String job, Duration interval) {
		List<FixedDelayTask> tasks = this.scheduler.getScheduledTasks()
			.stream()
			.map(ScheduledTask::getTask)
			.filter((task) -> task.toString().contains("." + job))
			.map(FixedDelayTask.class::cast)
			.toList();
		assertThat(tasks).as("tasks of %s among %s", job, this.scheduler.getScheduledTasks()).hasSize(1);
		assertThat(tasks.get(0).getIntervalDuration()).as("interval").isEqualTo(interval);
		assertThat(tasks.get(0).getInitialDelayDuration()).as("first delay").isEqualTo(interval);
	}

}
