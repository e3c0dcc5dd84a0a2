package io.flarekit.core.query;

import org.springframework.modulith.NamedInterface;

/**
 * A slice of a list, as react-admin asks for it: rows {@code start} to {@code end}, both
 * inclusive, counted from 0.
 *
 * @param start the first row
 * @param end the last row, at least {@code start}
 */
@NamedInterface("query")
public record Range(long start, long end) {

	/** The first ten rows, react-admin's default page. */
	public static final Range FIRST_PAGE = new Range(0, 9);

	public Range {
		if (start < 0 || end < start) {
			throw new IllegalArgumentException("A range needs 0 <= start <= end, not [" + start + "," + end + "]");
		}
	}

	/** How many rows the range spans. */
	public long size() {
		return this.end - this.start + 1;
	}

	/** This range, shortened to at most {@code max} rows. */
	public Range cappedAt(int max) {
		return (this.end - this.start < max) ? this : new Range(this.start, this.start + max - 1);
	}

}
