package io.flarekit.security;

import java.time.Instant;
import java.util.List;

import io.flarekit.core.error.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Makes sure an admin can reach the service on first start, before it takes requests:
 * when no active key has the admin role, the operator's
 * {@code flarekit.security.bootstrap-admin-key} is stored (hashed) as one; without it, a
 * new key is made and printed once on standard output (not into the log, which may go to
 * files). On later starts an admin key exists and nothing is printed.
 */
@Component
@ConditionalOnWebApplication
class BootstrapAdminKey implements SmartInitializingSingleton {

	static final String BOOTSTRAP_NAME = "bootstrap admin key";

	static final String GENERATED_NAME = "generated admin key";

	private static final Logger log = LoggerFactory.getLogger(BootstrapAdminKey.class);

	private final ApiKeys keys;

	/** The operator's secret, or null. */
	private final String configured;

	BootstrapAdminKey(ApiKeys keys, KeyProperties properties) {
		this.keys = keys;
		this.configured = properties.bootstrapAdminKey();
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.keys.activeAdminExists(Instant.now())) {
			return;
		}
		if (this.configured != null) {
			storeConfigured();
			return;
		}
		ApiKeys.Issued issued = this.keys.issue(GENERATED_NAME, List.of(ApiKeys.ADMIN), null);
		log.warn("No active admin key and no {}: made one, printed once on standard output (id {})",
				KeyProperties.BOOTSTRAP_KEY, issued.key().getId());
		System.out.println(banner(issued.secret()));
	}

	/**
	 * Stores the operator's key. Several instances starting at once on a new database may
	 * all find no admin key, and all but one then find the key stored, or fail to store
	 * it again: an admin key that is active now settles both.
	 */
	private void storeConfigured() {
		if (this.keys.findAny(KeySecrets.hash(this.configured)).isPresent()) {
			if (this.keys.activeAdminExists(Instant.now())) {
				return;
			}
			throw new IllegalStateException(KeyProperties.BOOTSTRAP_KEY
					+ " was stored before and has since been revoked or has expired, and no other admin key is "
					+ "active: set a new secret");
		}
		try {
			this.keys.store(BOOTSTRAP_NAME, List.of(ApiKeys.ADMIN), this.configured, null);
			log.info("No active admin key: stored {} as one", KeyProperties.BOOTSTRAP_KEY);
		}
		catch (ServiceException ex) {
			if (ex.getStatus() != HttpStatus.CONFLICT || !this.keys.activeAdminExists(Instant.now())) {
				throw ex;
			}
			log.info("Another instance stored {} as an admin key meanwhile", KeyProperties.BOOTSTRAP_KEY);
		}
	}

	private static String banner(String secret) {
		String line = "=".repeat(78);
		return String.join(System.lineSeparator(), "", line,
				"  FLAREKIT FIRST START: an admin API key was made. It is shown this once;",
				"  store it now. Send it as:  Authorization: Bearer <key>", "", "  " + secret, "",
				"  Make more keys with POST /api-keys; revoke this one with DELETE /api-keys/{id}.", line, "");
	}

}
