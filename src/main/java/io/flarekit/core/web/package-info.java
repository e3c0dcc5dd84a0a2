/**
 * The HTTP side: the generic {@link io.flarekit.core.web.ResourceController}, which
 * endpoints a resource offers, request ids, and the filters every request passes.
 * <p>
 * What other packages may use is marked {@code @NamedInterface("web")}; the rest serves
 * the core's other rooms only.
 */
package io.flarekit.core.web;
