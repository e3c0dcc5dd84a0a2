package io.flarekit.core.error;

import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;

import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Recognizes JPA's optimistic lock failure: another write changed the record between this
 * write's read and its flush, so the {@code where version = ?} of its statement matched
 * no row. It is the client's lost update, not the database's failure (nor a busy one to
 * retry blindly): the same 412 as an {@code If-Match} that no longer matches.
 */
public final class ConcurrentChange {

	private ConcurrentChange() {
	}

	/**
	 * Whether an optimistic lock failure caused the exception, as Hibernate, JPA or
	 * Spring reports it (at a flush, or at the commit of a caller's transaction).
	 * @param ex an exception
	 * @return whether it or one of its causes is one
	 */
	public static boolean isCause(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof OptimisticLockException || t instanceof StaleStateException
					|| t instanceof OptimisticLockingFailureException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The 412 for a write that lost the race.
	 * @param record what was written, e.g. "The User record"
	 * @return the failure
	 */
	public static ServiceException failure(String record) {
		return ServiceException.preconditionFailed(record + " was changed by another request while this one wrote it, "
				+ "so nothing was written; read it again before writing", "was changed meanwhile");
	}

}
