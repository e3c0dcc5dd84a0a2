/**
 * The HTTP side: the generic {@link io.flarekit.core.web.ResourceController}, which
 * endpoints a resource offers, request ids, and the filters every request passes.
 */
@NamedInterface("web")
package io.flarekit.core.web;

import org.springframework.modulith.NamedInterface;
