package io.flarekit.core.query;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;

import org.springframework.modulith.NamedInterface;

/**
 * How the database in use lowers text for a search that ignores case ({@code q},
 * {@code field_q}). Databases disagree: SQLite's {@code lower()} folds ASCII letters
 * only, so each database's package says which SQL expression folds every letter, and that
 * expression must fold as {@link #lowerCase(String)} does, because the search text is
 * folded here in Java with it.
 */
@NamedInterface("query")
public interface CaseFolding {

	/**
	 * The column's text in lower case, in SQL.
	 * @param cb the criteria builder of the query
	 * @param text a text attribute
	 * @return the expression
	 */
	Expression<String> lower(CriteriaBuilder cb, Expression<String> text);

	/**
	 * Lower case as the database's expression makes it: each code point on its own, by
	 * the Unicode data of the running Java ({@link Character#toLowerCase(int)}), with no
	 * locale and no change of length.
	 * @param text any text
	 * @return the text in lower case
	 */
	static String lowerCase(String text) {
		return text.codePoints()
			.map(Character::toLowerCase)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
	}

}
