package io.flarekit.core.query;

import java.util.ArrayList;
import java.util.List;

import io.flarekit.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows that tie on the sort field come in id order, in the sort's direction, so that a
 * page never depends on the order rows happen to be stored in. Test articles have no
 * index on {@code views}: SQLite sorts them itself, and without the tie-break ties would
 * come in the order they were inserted.
 */
class SortOrderTest extends IntegrationTest {

	@Test
	void tiesAreBrokenByIdInTheSortsDirection() {
		for (String id : List.of("m", "c", "x", "a", "q")) {
			create("/test-articles", "{\"id\":\"" + id + "\",\"title\":\"T " + id + "\",\"views\":7}");
		}
		assertThat(ids("[\"views\",\"ASC\"]")).containsExactly("a", "c", "m", "q", "x");
		assertThat(ids("[\"views\",\"DESC\"]")).containsExactly("x", "q", "m", "c", "a");
	}

	private List<String> ids(String sort) {
		Response response = get("/test-articles?sort=" + q(sort));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		response.json().forEach((article) -> ids.add(article.get("id").stringValue()));
		return ids;
	}

}
