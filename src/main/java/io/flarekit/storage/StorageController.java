package io.flarekit.storage;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flarekit.core.error.ErrorCode;
import io.flarekit.core.error.FieldError;
import io.flarekit.core.error.ServiceException;
import io.flarekit.core.web.ResourceController;
import io.flarekit.core.web.ResourceEndpoints;
import io.flarekit.core.web.ResourceEndpoints.Endpoint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /storage}: the generic list, get and delete endpoints, plus file upload (the
 * original's {@code images[]} form field), replacing a file's content, and downloading it
 * with ranges and conditional requests.
 */
@RestController
@RequestMapping("/storage")
@ResourceEndpoints(exclude = { Endpoint.CREATE, Endpoint.UPDATE, Endpoint.BULK_UPDATE })
class StorageController extends ResourceController<Storage> {

	private final StorageService storage;

	private final StorageUploads uploads;

	private final StorageProperties properties;

	private final JsonMapper json;

	StorageController(StorageService storage, StorageUploads uploads, StorageProperties properties, JsonMapper json) {
		super(storage);
		this.storage = storage;
		this.uploads = uploads;
		this.properties = properties;
		this.json = json;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload one or many files in the form field images[] (or file)")
	ResponseEntity<Map<String, Object>> upload(
			@RequestPart(name = "images[]", required = false) List<MultipartFile> images,
			@RequestPart(name = "file", required = false) List<MultipartFile> file) {
		List<StorageUploads.Upload> files = files(images, file);
		if (files.isEmpty()) {
			throw ServiceException.invalid("images[]", FieldError.REQUIRED, "at least one file is required");
		}
		StorageUploads.UploadResult result = this.uploads.upload(files);
		if (result.accepted().isEmpty()) {
			List<FieldError> details = result.rejected()
				.stream()
				.map((rejected) -> new FieldError("images[]", "INVALID_FILES",
						rejected.file() + " " + rejected.reason()))
				.toList();
			throw new ServiceException(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR,
					"No valid file: each must be one of " + String.join(", ", this.properties.allowedTypes())
							+ " and at most " + FileInspector.describe(this.properties.maxFileSize()),
					details);
		}
		List<ObjectNode> data = new ArrayList<>();
		for (StorageService.Accepted accepted : result.accepted()) {
			data.add(accepted.toJson(this.json));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("success", true);
		body.put("message", result.message());
		body.put("data", data);
		body.put("rejected", result.rejected());
		return ResponseEntity.status(HttpStatus.CREATED).body(body);
	}

	@PutMapping(path = "/{id}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Replace a file's content with the one file in images[] (or file)")
	ResponseEntity<Storage> replace(@PathVariable String id,
			@RequestPart(name = "images[]", required = false) List<MultipartFile> images,
			@RequestPart(name = "file", required = false) List<MultipartFile> file,
			@Parameter(description = IF_MATCH) @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) String ifMatch) {
		List<StorageUploads.Upload> files = files(images, file);
		if (files.size() != 1) {
			throw ServiceException.invalid("images[]", FieldError.REQUIRED, "exactly one file is required");
		}
		return tagged(ResponseEntity.ok(), this.uploads.replace(id, files.get(0), ifMatch(ifMatch)));
	}

	@GetMapping("/{id}/content")
	@Operation(summary = "Download a file's content; supports Range and If-None-Match")
	ResponseEntity<?> content(@PathVariable String id, WebRequest request,
			@RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		Storage record = this.storage.getById(id, false)
			.orElseThrow(() -> ServiceException.notFound(this.storage.model().name(), id));
		String etag = "\"" + record.getHash() + "\"";
		if ("*".equals(ifNoneMatch) || request.checkNotModified(etag)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
				.eTag(etag)
				.cacheControl(CacheControl.noCache().cachePrivate())
				.build();
		}
		Resource content;
		try {
			content = this.storage.content(record).orElseThrow(() -> StorageFailures.lost(record));
		}
		catch (UncheckedIOException ex) {
			throw StorageFailures.of(ex.getCause());
		}
		if (range != null && !satisfiable(range, content)) {
			throw new ServiceException(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, ErrorCode.RANGE_NOT_SATISFIABLE,
					"The file has " + record.getSize() + " bytes; the range " + range + " is outside it",
					List.of(new FieldError("Range", FieldError.INVALID_VALUE, "is outside the file")));
		}
		if (range != null && content instanceof BlobStore.RangeReadable) {
			content = RangedRegions.of(range, content);
		}
		return ResponseEntity.ok()
			.eTag(etag)
			.contentType(MediaType.parseMediaType(record.getMimeType()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline()
						.filename(record.getOriginalName(), StandardCharsets.UTF_8)
						.build()
						.toString())
			.header("X-Content-Type-Options", "nosniff")
			.header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
			.body(content);
	}

	/** Whether the Range header is valid and every range in it lies in the file. */
	private static boolean satisfiable(String header, Resource content) {
		try {
			HttpRange.toResourceRegions(HttpRange.parseRanges(header), content);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	@SafeVarargs
	private static List<StorageUploads.Upload> files(List<MultipartFile>... fields) {
		List<StorageUploads.Upload> files = new ArrayList<>();
		for (List<MultipartFile> field : fields) {
			for (MultipartFile file : (field != null) ? field : List.<MultipartFile>of()) {
				files.add(new StorageUploads.Upload(file.getOriginalFilename(), file.getContentType(), file));
			}
		}
		return files;
	}

}
