package io.flarekit.security;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * When keys were last used, written off the requests' path: a request only notes the time
 * in memory; every {@code flarekit.security.last-used-interval} the latest time of each
 * key used since is written, one write per key, and once more at shutdown.
 */
@Component
class KeyUsage implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(KeyUsage.class);

	private final Map<String, Instant> pending = new ConcurrentHashMap<>();

	private final ApiKeys keys;

	private final KeyProperties properties;

	KeyUsage(ApiKeys keys, KeyProperties properties) {
		this.keys = keys;
		this.properties = properties;
	}

	void used(String keyId, Instant at) {
		// most requests of a busy key come within the same millisecond as another: a read
		// then spares the write's lock on the key's entry, which every request contends
		// for
		Instant noted = this.pending.get(keyId);
		if (noted != null && !at.isAfter(noted)) {
			return;
		}
		this.pending.merge(keyId, at, (a, b) -> a.isAfter(b) ? a : b);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(new FixedDelayTask(this::flush, this.properties.lastUsedInterval(),
				this.properties.lastUsedInterval()));
	}

	@PreDestroy
	void flush() {
		Map<String, Instant> batch = new HashMap<>();
		for (String id : this.pending.keySet()) {
			Instant at = this.pending.remove(id);
			if (at != null) {
				batch.put(id, at);
			}
		}
		if (batch.isEmpty()) {
			return;
		}
		try {
			this.keys.recordUse(batch);
		}
		catch (RuntimeException ex) {
			log.warn("Could not write when {} keys were last used; it is written with the next use", batch.size(), ex);
		}
	}

}
