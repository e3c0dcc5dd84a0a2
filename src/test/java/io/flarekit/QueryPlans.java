package io.flarekit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQLite's plan for a statement exactly as Hibernate sent it (see
 * {@link SentStatements}), with its parameters bound to the values the request gave.
 * SQLite is built with {@code SQLITE_ENABLE_STAT4}, so a plan may depend on the bound
 * values; each {@code ?} is therefore bound by what stands before it: {@code limit ?} and
 * {@code offset ?} to the page's size and offset, {@code column <op> ?} to the value
 * given for that column. A parameter that none of these names fails the test.
 */
public final class QueryPlans {

	/**
	 * What stands right before a parameter: {@code limit}, {@code offset}, or a
	 * comparison.
	 */
	private static final Pattern BEFORE = Pattern
		.compile("(?i)(?:\\b(limit|offset)|(?:\\w+\\.)?(\\w+)\\s*(?:<=|>=|<>|!=|=|<|>))\\s*$");

	private QueryPlans() {
	}

	/**
	 * The one statement of a request that matches.
	 * @param statements what the request sent
	 * @param which picks the statement
	 * @param description for the failure message
	 * @return the statement
	 */
	public static String single(List<String> statements, Predicate<String> which, String description) {
		List<String> matching = statements.stream().filter(which).toList();
		if (matching.size() != 1) {
			throw new AssertionError("Expected one " + description + " among the statements sent, got " + matching
					+ " of " + statements);
		}
		return matching.get(0);
	}

	/**
	 * {@code EXPLAIN QUERY PLAN} of a statement with its parameters bound.
	 * @param connection where to plan it
	 * @param sql the statement as sent
	 * @param values by {@code limit}, {@code offset} or column name (without alias)
	 * @return the plan's details, joined with {@code "; "}
	 */
	public static String explain(Connection connection, String sql, Map<String, ?> values) throws SQLException {
		List<String> plan = new ArrayList<>();
		try (PreparedStatement explain = connection.prepareStatement("explain query plan " + sql)) {
			int index = 0;
			for (String name : parameters(sql)) {
				if (!values.containsKey(name)) {
					throw new AssertionError("No value for parameter " + (index + 1) + " (" + name + ") of " + sql);
				}
				explain.setObject(++index, values.get(name));
			}
			try (ResultSet rows = explain.executeQuery()) {
				while (rows.next()) {
					plan.add(rows.getString(4));
				}
			}
		}
		return String.join("; ", plan);
	}

	/** What each parameter of a statement stands for, in order. */
	static List<String> parameters(String sql) {
		List<String> names = new ArrayList<>();
		boolean quoted = false;
		for (int i = 0; i < sql.length(); i++) {
			char c = sql.charAt(i);
			if (c == '\'') {
				quoted = !quoted;
			}
			else if (c == '?' && !quoted) {
				Matcher before = BEFORE.matcher(sql).region(0, i);
				if (!before.find()) {
					throw new AssertionError("Cannot tell what parameter " + (names.size() + 1) + " stands for in "
							+ sql.substring(0, i + 1) + "…");
				}
				names.add((before.group(1) != null) ? before.group(1).toLowerCase(Locale.ROOT) : before.group(2));
			}
		}
		return names;
	}

}
