/**
 * Lists: react-admin's list protocol (range, sort, filter, cursor), the filters as query
 * conditions, pages by offset and by keyset, and the cached totals.
 * <p>
 * What other packages may use is marked {@code @NamedInterface("query")}; the rest serves
 * the core's other rooms only.
 */
package io.flarekit.core.query;
