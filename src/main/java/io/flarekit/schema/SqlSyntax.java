package io.flarekit.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * The little SQL parsing the schema readers need: parentheses and commas outside string
 * literals.
 */
final class SqlSyntax {

	private SqlSyntax() {
	}

	/**
	 * Where the parenthesis that closes the one at {@code open} is.
	 * @param sql some SQL
	 * @param open the index of an opening parenthesis
	 * @return the index of its closing parenthesis, or -1
	 */
	static int closingParenthesis(String sql, int open) {
		int depth = 0;
		char quote = 0;
		for (int i = open; i < sql.length(); i++) {
			char c = sql.charAt(i);
			if (quote != 0) {
				quote = (c == quote) ? 0 : quote;
			}
			else if (c == '\'') {
				quote = c;
			}
			else if (c == '(') {
				depth++;
			}
			else if (c == ')' && --depth == 0) {
				return i;
			}
		}
		return -1;
	}

	/** Splits {@code a, lower(b), coalesce(c, d)} at its top-level commas. */
	static List<String> splitTopLevel(String list) {
		List<String> parts = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < list.length(); i++) {
			char c = list.charAt(i);
			if (c == '(') {
				i = closingParenthesis(list, i);
				if (i < 0) {
					break;
				}
			}
			else if (c == '\'') {
				i = list.indexOf('\'', i + 1);
				if (i < 0) {
					break;
				}
			}
			else if (c == ',') {
				parts.add(list.substring(start, i).trim());
				start = i + 1;
			}
		}
		parts.add(list.substring(start).trim());
		return parts;
	}

}
