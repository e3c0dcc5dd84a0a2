package io.flarekit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.slf4j.MDC;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The SQL that Hibernate really sends, filed by request: a {@link StatementInspector}
 * that every test context registers through
 * {@code spring.jpa.properties.hibernate.session_factory.statement_inspector}
 * ({@code src/test/resources/application.properties}). Hibernate calls it with each
 * statement it prepares, on the thread that serves the request, where {@code RequestIds}
 * has put the request's id in the logging context; so a test sends its own
 * {@code X-Request-Id} and reads back what that request sent, whatever else the service
 * does meanwhile. Only the last {@value #REQUESTS} requests are kept.
 */
public class SentStatements implements StatementInspector {

	private static final int REQUESTS = 256;

	/** The key under which {@code RequestIds} puts the request id. */
	private static final String REQUEST_ID = "requestId";

	private static final Map<String, List<Sent>> BY_REQUEST = new LinkedHashMap<>() {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, List<Sent>> eldest) {
			return size() > REQUESTS;
		}

	};

	@Override
	public String inspect(String sql) {
		String requestId = MDC.get(REQUEST_ID);
		if (requestId != null) {
			synchronized (BY_REQUEST) {
				BY_REQUEST.computeIfAbsent(requestId, (id) -> new ArrayList<>())
					.add(new Sent(sql, TransactionSynchronizationManager.isActualTransactionActive()));
			}
		}
		return sql;
	}

	/**
	 * The statements sent while serving a request, in order.
	 * @param requestId the request's {@code X-Request-Id}
	 * @return the statements, empty when none was recorded
	 */
	public static List<String> of(String requestId) {
		return sent(requestId).stream().map(Sent::sql).toList();
	}

	/**
	 * The statements a request sent for its own work (as {@link #ofWork}), each with
	 * whether a Spring-managed transaction was active on its thread when it was sent.
	 * @param requestId the request's {@code X-Request-Id}
	 * @return the statements, in order
	 */
	public static List<Sent> sentForWork(String requestId) {
		return sent(requestId).stream().filter((sent) -> !sent.sql().contains(" api_keys ")).toList();
	}

	private static List<Sent> sent(String requestId) {
		synchronized (BY_REQUEST) {
			return List.copyOf(BY_REQUEST.getOrDefault(requestId, List.of()));
		}
	}

	/**
	 * One statement as it was sent.
	 *
	 * @param sql its text
	 * @param inTransaction whether a transaction was active (not a read-only scope
	 * without one)
	 */
	public record Sent(String sql, boolean inTransaction) {

		@Override
		public String toString() {
			return (this.inTransaction ? "[in a transaction] " : "[no transaction] ") + this.sql;
		}

	}

	/**
	 * The statements a request sent for its own work: without the key check's read of
	 * {@code api_keys}, which happens once per {@code key-cache-ttl} in whichever request
	 * comes then.
	 * @param requestId the request's {@code X-Request-Id}
	 * @return the statements, in order
	 */
	public static List<String> ofWork(String requestId) {
		return sentForWork(requestId).stream().map(Sent::sql).toList();
	}

}
