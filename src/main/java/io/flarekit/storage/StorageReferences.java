package io.flarekit.storage;

import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts the records that use a blob: every owner's, soft-deleted ones included. It is
 * bookkeeping, not a caller's view, so it is not limited to the caller's own records as
 * the generic services are.
 */
interface StorageReferences extends Repository<Storage, String> {

	@Transactional(readOnly = true)
	long countByHash(String hash);

}
