package io.flarekit.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import io.flarekit.core.error.ErrorCode;
import io.flarekit.core.error.FieldError;
import io.flarekit.core.error.ServiceException;
import io.flarekit.core.service.Precondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.InputStreamSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Takes the files of a request into storage: each is inspected, then stored or refused
 * with a reason. Inspection streams outside any lock and transaction; only the record
 * step waits for others. A request that fails on the server's side leaves nothing its
 * client was not told about.
 */
@Component
class StorageUploads {

	private static final Logger log = LoggerFactory.getLogger(StorageUploads.class);

	private final StorageService storage;

	private final FileInspector inspector;

	/** {@code POST /storage} and {@code PUT /storage/{id}}. */
	private final FileInspector.Limits requestLimits;

	/** A large upload's assembled parts. */
	private final FileInspector.Limits assembledLimits;

	StorageUploads(StorageService storage, FileInspector inspector, StorageProperties properties) {
		this.storage = storage;
		this.inspector = inspector;
		this.requestLimits = new FileInspector.Limits(properties.maxFileSize(), properties.allowedTypes());
		this.assembledLimits = new FileInspector.Limits(properties.uploads().maxTotalSize(),
				properties.uploads().allowedTypes());
	}

	/**
	 * A file from a request.
	 *
	 * @param fileName the name the client gave
	 * @param declaredType the content type the client declared, or null
	 * @param content the bytes
	 */
	record Upload(String fileName, String declaredType, InputStreamSource content) {
	}

	/**
	 * A file that was not stored, and why.
	 *
	 * @param file the client's file name
	 * @param reason a sentence for people
	 */
	record Rejected(String file, String reason) {
	}

	/**
	 * What became of the files of one request.
	 *
	 * @param accepted the stored ones, in request order
	 * @param rejected the refused ones, in request order
	 */
	record UploadResult(List<StorageService.Accepted> accepted, List<Rejected> rejected) {

		/**
		 * What happened, in words: {@code 2 files uploaded}, {@code 1 file uploaded, 1
		 * rejected}, {@code 1 file already stored}.
		 * @return the response's message
		 */
		String message() {
			long uploaded = this.accepted.stream().filter(StorageService.Accepted::appended).count();
			StringJoiner message = new StringJoiner(", ");
			count(message, uploaded, "uploaded");
			count(message, this.accepted.size() - uploaded, "already stored");
			count(message, this.rejected.size(), "rejected");
			return (message.length() > 0) ? message.toString() : "No file uploaded";
		}

		/** Adds a count; the first one names what is counted. */
		private static void count(StringJoiner message, long count, String what) {
			if (count > 0) {
				String files = (message.length() > 0) ? "" : (count == 1) ? " file" : " files";
				message.add(count + files + " " + what);
			}
		}

	}

	/**
	 * Stores every acceptable file; the others are listed with the reason. When storing
	 * one fails (a full disk, say), the files of the request stored before it are taken
	 * back, so that a failed request leaves nothing its client was not told about.
	 * @param files the files of the request
	 * @return what was stored and what was not
	 */
	UploadResult upload(List<Upload> files) {
		List<StorageService.Accepted> accepted = new ArrayList<>();
		List<Rejected> rejected = new ArrayList<>();
		try {
			for (Upload file : files) {
				String name = FileNames.original(file.fileName());
				FileInspector.Inspection inspection = inspect(file);
				if (inspection.accepted()) {
					accepted.add(this.storage.store(inspection.staged(), name, inspection.type()));
				}
				else {
					rejected.add(new Rejected(name, inspection.problem()));
				}
			}
		}
		catch (RuntimeException ex) {
			takeBack(accepted);
			throw ex;
		}
		return new UploadResult(accepted, rejected);
	}

	/**
	 * Undoes what a failed request stored: new records go, restored ones are deleted
	 * again.
	 */
	private void takeBack(List<StorageService.Accepted> accepted) {
		for (StorageService.Accepted stored : accepted) {
			if (!stored.appended()) {
				continue;
			}
			try {
				this.storage.delete(stored.record().getId(), !stored.restored());
			}
			catch (RuntimeException ex) {
				log.error("Could not take back {} after a failed upload; it stays stored", stored.record().getId(), ex);
			}
		}
	}

	/**
	 * Stores an assembled large upload as a record, like any upload.
	 * @param content the bytes, read to the end
	 * @param fileName the upload's name
	 * @return the stored file
	 * @throws ServiceException 400 when its type is not allowed, 413 when it is too large
	 */
	StorageService.Accepted storeAssembled(InputStream content, String fileName) {
		FileInspector.Inspection inspection;
		try {
			inspection = this.inspector.inspect(content, null, this.assembledLimits);
		}
		catch (IOException ex) {
			throw StorageFailures.of(ex);
		}
		if (inspection.tooLarge()) {
			throw new ServiceException(HttpStatus.CONTENT_TOO_LARGE, ErrorCode.PAYLOAD_TOO_LARGE,
					"The assembled file " + inspection.problem(), List.of());
		}
		if (!inspection.accepted()) {
			throw ServiceException.invalid("parts", "INVALID_FILES", inspection.problem());
		}
		return this.storage.store(inspection.staged(), FileNames.original(fileName), inspection.type());
	}

	/**
	 * Replaces the content of a record with a checked file, see
	 * {@link StorageService#replaceContent}.
	 * @param id the record's id
	 * @param file the new content
	 * @param precondition the version the record must be at (HTTP's If-Match)
	 * @return the updated record
	 * @throws ServiceException 404 when there is no live record with the id, 400 when the
	 * file is refused, 412 when the record is at another version
	 */
	Storage replace(String id, Upload file, Precondition precondition) {
		this.storage.getById(id, false).orElseThrow(() -> ServiceException.notFound(this.storage.model().name(), id));
		FileInspector.Inspection inspection = inspect(file);
		if (!inspection.accepted()) {
			throw new ServiceException(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR, inspection.problem(),
					List.of(new FieldError("images[]", "INVALID_FILES", inspection.problem())));
		}
		return this.storage.replaceContent(id, inspection.staged(), FileNames.original(file.fileName()),
				inspection.type(), precondition);
	}

	/** Inspects a file of a request against the limits of {@code POST /storage}. */
	private FileInspector.Inspection inspect(Upload file) {
		try (InputStream in = file.content().getInputStream()) {
			return this.inspector.inspect(in, file.declaredType(), this.requestLimits);
		}
		catch (IOException ex) {
			throw StorageFailures.of(ex);
		}
	}

}
