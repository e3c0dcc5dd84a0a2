package io.flarekit.storage;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Removes what interrupted work leaves behind, every
 * {@code flarekit.storage.cleanup-interval}: staged bytes never committed, blobs no
 * record references (after {@code orphan-grace}), and uploads never completed (after
 * {@code uploads.stale-after}). It schedules itself from {@link StorageProperties}, the
 * one source of the interval; the first run is one interval after start.
 * <p>
 * With several instances on one database, a run on one instance keeps the others from
 * running it for nine tenths of the interval (a ShedLock row), so that the store is
 * listed about once per interval, not once per instance. A run that outlasts the
 * interval, or an instance that dies during one, frees the job after one interval: two
 * runs at once cost work but are safe, since every blob is removed under its own row's
 * lock ({@link BlobReferences}).
 */
@Component
class StorageJanitor implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(StorageJanitor.class);

	private final BlobStore blobs;

	private final BlobReferences references;

	private final MultipartUploads uploads;

	/** The job's name in the lock table. */
	static final String JOB = "storage-cleanup";

	private final StorageProperties properties;

	private final LockingTaskExecutor locks;

	StorageJanitor(BlobStore blobs, BlobReferences references, MultipartUploads uploads, StorageProperties properties,
			LockingTaskExecutor locks) {
		this.blobs = blobs;
		this.references = references;
		this.uploads = uploads;
		this.properties = properties;
		this.locks = locks;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		Duration interval = this.properties.cleanupInterval();
		registrar.addFixedDelayTask(new FixedDelayTask(this::cleanUpOnOneInstance, interval, interval));
	}

	/** Runs the clean-up unless another instance runs it or ran it lately. */
	void cleanUpOnOneInstance() {
		Duration interval = this.properties.cleanupInterval();
		try {
			this.locks.executeWithLock((Runnable) this::cleanUp,
					new LockConfiguration(Instant.now(), JOB, interval, interval.multipliedBy(9).dividedBy(10)));
		}
		catch (RuntimeException ex) {
			log.warn("The storage clean-up could not take its lock; it runs again later", ex);
		}
	}

	void cleanUp() {
		try {
			int staged = this.blobs.sweepStaging(this.properties.orphanGrace());
			int orphans = this.references.removeUnreferenced(this.properties.orphanGrace());
			int stale = this.uploads.removeStale(this.properties.uploads().staleAfter());
			if (staged + orphans + stale > 0) {
				log.info("Removed {} staged files, {} unreferenced blobs and {} stale uploads", staged, orphans, stale);
			}
		}
		catch (IOException | RuntimeException ex) {
			log.warn("The storage clean-up failed; it runs again later", ex);
		}
	}

}
