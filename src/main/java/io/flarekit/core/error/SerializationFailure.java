package io.flarekit.core.error;

import java.sql.SQLException;
import java.util.List;

/**
 * Recognizes a transaction the database gave up so that concurrent ones could go on: a
 * serialization failure (SQLState {@code 40001}: PostgreSQL at {@code REPEATABLE READ} or
 * {@code SERIALIZABLE}, and CockroachDB or YugabyteDB at any level) or a deadlock's
 * victim ({@code 40P01}). Nothing of it was written, and the same work run again normally
 * succeeds, so the services rerun it and clients get a 503 only when the reruns run out.
 * Hibernate reports both as a {@code LockAcquisitionException} and Spring as a
 * {@code CannotAcquireLockException}, but a failure at commit reaches the caller wrapped
 * in a {@code TransactionSystemException}: the SQLState, kept as a cause, is the one sign
 * every path carries.
 */
public final class SerializationFailure {

	private static final List<String> STATES = List.of("40001", "40P01");

	private SerializationFailure() {
	}

	/**
	 * Whether the exception or one of its causes is a serialization failure or a
	 * deadlock.
	 * @param ex an exception
	 * @return whether a rerun of the transaction may succeed
	 */
	public static boolean isCause(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql && sql.getSQLState() != null && STATES.contains(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

}
