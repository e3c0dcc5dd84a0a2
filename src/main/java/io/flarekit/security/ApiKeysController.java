package io.flarekit.security;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api-keys}, for admins only (whatever the access rules say): issue a key (its
 * secret is in the answer this once), list the active keys without secrets or hashes,
 * revoke one.
 */
@RestController
@RequestMapping("/" + AccessPolicy.API_KEYS)
@Tag(name = "api-keys")
class ApiKeysController {

	private final ApiKeys keys;

	ApiKeysController(ApiKeys keys) {
		this.keys = keys;
	}

	@PostMapping
	@Operation(summary = "Issue a key: the secret is in key, shown this once")
	ResponseEntity<IssuedKey> issue(@RequestBody(required = false) JsonNode body) {
		NewApiKey wanted = NewApiKey.read(body, Instant.now());
		ApiKeys.Issued issued = this.keys.issue(wanted.name(), wanted.roles(),
				(wanted.expiresAt() != null) ? wanted.expiresAt().truncatedTo(ChronoUnit.MILLIS) : null);
		ApiKey key = issued.key();
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new IssuedKey(key.getId(), key.getName(), key.getRoles(), key.getExpiresAt(), key.getCreatedAt(),
					issued.secret()));
	}

	@GetMapping
	@Operation(summary = "The keys that are not revoked, newest first; never their secrets")
	List<KeyView> list() {
		return this.keys.active().stream().map(KeyView::of).toList();
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Revoke a key: it is refused from the next request on")
	KeyView revoke(@PathVariable String id) {
		return KeyView.of(this.keys.revoke(id));
	}

	/** A key as listed: never its secret or hash. */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	record KeyView(String id, String name, List<String> roles, Instant expiresAt, Instant lastUsedAt, Instant createdAt,
			Instant revokedAt) {

		static KeyView of(ApiKey key) {
			return new KeyView(key.getId(), key.getName(), key.getRoles(), key.getExpiresAt(), key.getLastUsedAt(),
					key.getCreatedAt(), key.getDeletedAt());
		}

	}

	/** A key just issued, with its secret. */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	record IssuedKey(String id, String name, List<String> roles, Instant expiresAt, Instant createdAt, String key) {

	}

}
