package io.flarekit.core.query;

import java.util.List;

import org.springframework.modulith.NamedInterface;

/**
 * One page of a list and the number of rows the whole list has.
 *
 * @param <E> the entity type
 * @param records the rows of the page
 * @param start the position of the first row in the whole list
 * @param total how many rows match the filter in all
 */
@NamedInterface("query")
public record ListResult<E>(List<E> records, long start, long total) {

	/**
	 * The {@code Content-Range} header value of react-admin's simple-rest protocol, with
	 * the end clamped to what was returned.
	 * @param resource the name of the resource, e.g. {@code users}
	 * @return e.g. {@code users 0-9/42}, or {@code users *}{@code /42} for an empty page
	 */
	public String contentRange(String resource) {
		if (this.records.isEmpty()) {
			return resource + " */" + this.total;
		}
		return resource + " " + this.start + "-" + (this.start + this.records.size() - 1) + "/" + this.total;
	}

}
