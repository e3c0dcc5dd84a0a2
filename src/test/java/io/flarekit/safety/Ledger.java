package io.flarekit.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a load test's workers were told, record by record: the state of each record that
 * its last acknowledged write left, and, for a record whose last write was cut off by a
 * kill, the state that write may have left instead. Each record has one writer, so
 * nothing else may change it.
 */
final class Ledger {

	/** The state of a deleted record. */
	static final String GONE = "(deleted)";

	private final Map<String, String> acknowledged = new ConcurrentHashMap<>();

	private final Map<String, String> inDoubt = new ConcurrentHashMap<>();

	/** A write to the record was acknowledged. */
	void acknowledge(String id, String state) {
		this.acknowledged.put(id, state);
	}

	/**
	 * A write to the record got no answer: the kill cut it off, it may have committed.
	 */
	void doubt(String id, String attempted) {
		this.inDoubt.put(id, attempted);
	}

	int size() {
		return this.acknowledged.size();
	}

	/**
	 * Compares every record with what the workers were told.
	 * @param actual the state a record has now
	 * @return the records that differ, described; empty when all agree
	 */
	List<String> differences(State actual) throws Exception {
		List<String> differences = new ArrayList<>();
		for (Map.Entry<String, String> entry : this.acknowledged.entrySet()) {
			String id = entry.getKey();
			String now = actual.of(id);
			String doubtful = this.inDoubt.get(id);
			if (!now.equals(entry.getValue()) && !now.equals(doubtful)) {
				differences.add(id + " is " + now + ", acknowledged as " + entry.getValue()
						+ ((doubtful != null) ? " (or " + doubtful + " from a write the kill cut off)" : ""));
			}
		}
		return differences;
	}

	/** How to read a record's state. */
	@FunctionalInterface
	interface State {

		String of(String id) throws Exception;

	}

}
