package io.flarekit.storage;

import java.io.IOException;
import java.time.Duration;

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
 */
@Component
class StorageJanitor implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(StorageJanitor.class);

	private final BlobStore blobs;

	private final BlobReferences references;

	private final MultipartUploads uploads;

	private final StorageProperties properties;

	StorageJanitor(BlobStore blobs, BlobReferences references, MultipartUploads uploads, StorageProperties properties) {
		this.blobs = blobs;
		this.references = references;
		this.uploads = uploads;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		Duration interval = this.properties.cleanupInterval();
		registrar.addFixedDelayTask(new FixedDelayTask(this::cleanUp, interval, interval));
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
