/**
 * The generic core: everything a resource gets without code of its own. It never uses a
 * feature package or {@code system}. Each room is a named interface: {@code model},
 * {@code query}, {@code service}, {@code web} and {@code error}.
 */
package io.flarekit.core;
