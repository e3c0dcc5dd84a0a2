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
 * full disk or a reached reserve is {@code 507} (free space, then try again), anything
 * else {@code 503} (try again later). The cause is logged here, once, because the
 * response does not carry it.
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

}
