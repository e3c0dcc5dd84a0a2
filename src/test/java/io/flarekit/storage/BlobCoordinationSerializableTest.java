package io.flarekit.storage;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link BlobCoordinationTest} at SERIALIZABLE, where a lock may end in a refusal. */
class BlobCoordinationSerializableTest extends BlobCoordinationTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) throws Exception {
		postgres(registry, "TRANSACTION_SERIALIZABLE");
	}

}
