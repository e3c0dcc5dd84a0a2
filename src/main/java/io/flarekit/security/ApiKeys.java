package io.flarekit.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.flarekit.core.error.ServiceException;
import io.flarekit.core.query.Cursor;
import io.flarekit.core.query.KeysetPage;
import io.flarekit.core.query.SortOrder;
import io.flarekit.core.service.BaseService;
import io.flarekit.core.service.CrudServices;

import org.springframework.stereotype.Component;

/**
 * The issued keys in the database, through the generic service of {@link ApiKey}: issue,
 * list, revoke, and find an active key by the hash of its secret. A revocation empties
 * the {@link KeyCache} once it has committed, so that the next request reads it.
 */
@Component
class ApiKeys {

	static final String ADMIN = "admin";

	private final BaseService<ApiKey> service;

	private final KeyCache cache;

	ApiKeys(CrudServices services, KeyCache cache) {
		this.service = services.forEntity(ApiKey.class);
		this.cache = cache;
	}

	/**
	 * A new key with a secret of the service's making.
	 * @return the stored key and its secret, which nothing keeps
	 */
	Issued issue(String name, List<String> roles, Instant expiresAt) {
		String secret = KeySecrets.generate();
		return new Issued(store(name, roles, secret, expiresAt), secret);
	}

	/** Stores a key whose secret is given (the operator's bootstrap key). */
	ApiKey store(String name, List<String> roles, String secret, Instant expiresAt) {
		return this.service.create(new ApiKey(name, roles, KeySecrets.hash(secret), expiresAt));
	}

	/** The keys that are not revoked, newest first (expired ones included). */
	List<ApiKey> active() {
		return active(Map.of());
	}

	/** Whether a key that is neither revoked nor expired has the admin role. */
	boolean activeAdminExists(Instant now) {
		return active(Map.of("roles_q", ADMIN)).stream()
			.anyMatch((key) -> !key.isExpired(now) && key.getRoles().contains(ADMIN));
	}

	/** Every key that is not revoked and matches the filter, page by page. */
	private List<ApiKey> active(Map<String, ?> filter) {
		List<ApiKey> keys = new ArrayList<>();
		Cursor cursor = null;
		do {
			KeysetPage<ApiKey> page = this.service.getListAfter(cursor, this.service.maxIds(), SortOrder.NEWEST_FIRST,
					filter, false, List.of());
			keys.addAll(page.records());
			cursor = page.next();
		}
		while (cursor != null);
		return keys;
	}

	/** The key, not revoked, whose secret has this hash. */
	Optional<ApiKey> findActive(String hash) {
		return this.service.findFirst(Map.of("keyHash", hash), false);
	}

	/** The key, revoked or not, whose secret has this hash. */
	Optional<ApiKey> findAny(String hash) {
		return this.service.findFirst(Map.of("keyHash", hash), true);
	}

	/**
	 * Revokes a key: it is refused from the next request on.
	 * @throws ServiceException 404 when no active key has that id
	 */
	ApiKey revoke(String id) {
		try {
			return this.service.delete(id, false);
		}
		finally {
			this.cache.invalidateAll();
		}
	}

	/**
	 * Writes when keys were last used: one write per key; a key revoked meanwhile is
	 * skipped.
	 */
	void recordUse(Map<String, Instant> lastUses) {
		lastUses.forEach((id, at) -> {
			try {
				this.service.update(id, (key) -> key.setLastUsedAt(at));
			}
			catch (ServiceException revokedMeanwhile) {
				// the key is gone; its last use no longer matters
			}
		});
	}

	/**
	 * A key just issued.
	 *
	 * @param key the stored key
	 * @param secret its secret, shown to the caller this once
	 */
	record Issued(ApiKey key, String secret) {
	}

}
