package io.flarekit.core.query;

import java.util.List;

import org.springframework.modulith.NamedInterface;

/**
 * One page of a keyset walk: the rows, and the cursor of the page after it when there is
 * one. It has no total: counting is what a far walk avoids.
 *
 * @param <E> the entity type
 * @param records the rows of the page
 * @param next where the next page starts, or null after the last page
 */
@NamedInterface("query")
public record KeysetPage<E>(List<E> records, Cursor next) {
}
