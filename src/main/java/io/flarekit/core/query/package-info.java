/**
 * Lists: react-admin's list protocol (range, sort, filter, cursor), the filters as query
 * conditions, pages by offset and by keyset, and the cached totals.
 */
@NamedInterface("query")
package io.flarekit.core.query;

import org.springframework.modulith.NamedInterface;
