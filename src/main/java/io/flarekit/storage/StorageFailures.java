package io.flarekit.storage;

import java.io.IOException;
import java.util.List;

import io.flarekit.core.error.DiskFull;
import io.flarekit.core.error.ErrorCode;
import io.flarekit.core.error.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;

/**
 * Turns a failure to write or read file contents into the answer a client can act on: a
 * full disk or a reached reserve is {@code 507} (free space, then try again), a lost blob
 * {@code 404} (upload the file again), anything else {@code 503} (try again later). The
 * cause is logged here, once, because the response does not carry it.
 */
final class StorageFailures {

	private static final Logger log = LoggerFactory.getLogger(StorageFailures.class);

	private StorageFailures() {
	}

	/**
	 * The error response for a failed file operation.
	 * @param ex what the blob store or the uploads folder threw
	 * @return a 507 or a 503, to throw
	 */
	static ServiceException of(IOException ex) {
		if (ex instanceof DiskReserve.Reached) {
			log.warn(ex.getMessage());
		}
		else {
			log.error("The blob store failed", ex);
		}
		boolean full = ex instanceof DiskReserve.Reached || DiskFull.isCause(ex);
		HttpStatus status = full ? HttpStatus.INSUFFICIENT_STORAGE : HttpStatus.SERVICE_UNAVAILABLE;
		return new ServiceException(status, full ? ErrorCode.INSUFFICIENT_STORAGE : ErrorCode.SERVICE_UNAVAILABLE,
				full ? "There is no space left to store the file" : "The file could not be stored; try again later",
				List.of());
	}

	/**
	 * The error response for a record whose blob is gone: a restore from a backup taken
	 * while files changed (deployment.md), or a blob removed by hand. The content has no
	 * representation, so {@code 404}, with the two ways to mend the record; logged as an
	 * error, because a file was lost.
	 * @param record the record whose blob the store does not have
	 * @return the 404, to throw
	 */
	static ServiceException lost(Storage record) {
		log.error("The blob {} of storage record {} is missing from the blob store", record.getHash(), record.getId());
		return new ServiceException(HttpStatus.NOT_FOUND, ErrorCode.RESOURCE_NOT_FOUND,
				"The content of storage record '" + record.getId()
						+ "' is missing from the blob store; upload it again with PUT /storage/" + record.getId()
						+ ", or delete the record",
				List.of());
	}

}
