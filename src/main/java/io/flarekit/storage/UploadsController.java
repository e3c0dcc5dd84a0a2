package io.flarekit.storage;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /uploads}: files too large for one request, sent in parts and assembled into a
 * {@code storage} record.
 */
@RestController
@RequestMapping("/uploads")
@Tag(name = "uploads")
class UploadsController {

	private final MultipartUploads uploads;

	private final StorageUploads storage;

	private final JsonMapper json;

	UploadsController(MultipartUploads uploads, StorageUploads storage, JsonMapper json) {
		this.uploads = uploads;
		this.storage = storage;
		this.json = json;
	}

	@PostMapping
	@Operation(summary = "Start an upload; key is the file's name")
	ResponseEntity<Map<String, String>> start(@RequestParam(required = false) String key,
			@RequestBody(required = false) JsonNode body) {
		String name = key;
		if (name == null && body != null && body.get("key") != null && body.get("key").isString()) {
			name = body.get("key").stringValue();
		}
		MultipartUploads.Upload upload = this.uploads.start(name);
		Map<String, String> created = new LinkedHashMap<>();
		created.put("key", upload.key());
		created.put("uploadId", upload.uploadId());
		return ResponseEntity.status(HttpStatus.CREATED).body(created);
	}

	@PutMapping("/{uploadId}/parts/{partNumber}")
	@Operation(summary = "Send one part as the raw request body; sending a part again replaces it")
	UploadParts.Part part(@PathVariable String uploadId, @PathVariable int partNumber, InputStream body) {
		return this.uploads.putPart(uploadId, partNumber, body);
	}

	@GetMapping("/{uploadId}")
	@Operation(summary = "The parts that have arrived")
	MultipartUploads.Upload describe(@PathVariable String uploadId) {
		return this.uploads.describe(uploadId);
	}

	@PostMapping("/{uploadId}/complete")
	@Operation(summary = "Assemble the listed parts, in order, into a stored file")
	ResponseEntity<Map<String, Object>> complete(@PathVariable String uploadId, @RequestBody JsonNode body) {
		StorageService.Accepted accepted = this.uploads.complete(uploadId, CompletionList.read(body), this.storage);
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("success", true);
		response.put("message", "Upload completed successfully");
		response.put("data", List.of(accepted.toJson(this.json)));
		return ResponseEntity.status(HttpStatus.CREATED).body(response);
	}

	@DeleteMapping("/{uploadId}")
	@Operation(summary = "Abort an upload and free its parts")
	ResponseEntity<Void> abort(@PathVariable String uploadId) {
		this.uploads.describe(uploadId);
		this.uploads.abort(uploadId);
		return ResponseEntity.noContent().build();
	}

}
