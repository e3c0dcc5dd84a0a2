package io.flarekit.system;

import java.time.LocalDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The table where ShedLock keeps one row per scheduled job: which instance holds the job
 * and until when. Declared as an entity only so that the migration generator makes the
 * table and {@code check-migrations} watches it; ShedLock reads and writes it with its
 * own SQL ({@link ScheduledJobLocks}), and nothing else does. The times are plain
 * {@code timestamp} columns, not the text of the other tables, because ShedLock compares
 * them with the times it binds.
 */
@Entity
@Table(name = "shedlock")
class ScheduledJobLock {

	/** The job's name. */
	@Id
	@Column(length = 64, nullable = false)
	private String name;

	@Column(nullable = false)
	private LocalDateTime lockUntil;

	@Column(nullable = false)
	private LocalDateTime lockedAt;

	/** The host name of the instance that took the lock. */
	@Column(nullable = false)
	private String lockedBy;

	protected ScheduledJobLock() {
	}

}
