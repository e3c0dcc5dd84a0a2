package io.flarekit.core.query;

import java.util.function.Supplier;

/**
 * Where {@link ListQueries} runs each of its reads: every one sends a single statement,
 * so it needs no transaction of its own, only an entity manager and a read-only
 * connection for the statement's time (or the caller's transaction when there is one).
 * The service layer decides how; the queries only say that they read.
 */
public interface StatementScope {

	/**
	 * Runs work that sends one statement.
	 * @param work the read
	 * @param <T> what it returns
	 * @return what the work returned
	 */
	<T> T readOne(Supplier<T> work);

}
