package io.flarekit.storage;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link BlobCoordinationTest} at PostgreSQL's default, READ COMMITTED. */
class BlobCoordinationReadCommittedTest extends BlobCoordinationTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) throws Exception {
		postgres(registry, "TRANSACTION_READ_COMMITTED");
	}

}
