package io.flarekit.core.web;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ids the service makes for requests that bring none are random UUIDs, as
 * {@link UUID#randomUUID()} makes them, without its shared generator.
 */
class RequestIdsTest {

	@Test
	void aNewIdIsARandomUuidAndNeverRepeats() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			String id = RequestIds.newId();
			UUID uuid = UUID.fromString(id);
			assertThat(uuid.version()).isEqualTo(4);
			assertThat(uuid.variant()).isEqualTo(2);
			assertThat(uuid.toString()).isEqualTo(id);
			assertThat(seen.add(id)).isTrue();
		}
	}

}
