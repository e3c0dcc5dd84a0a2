/**
 * The generic services: {@link io.flarekit.core.service.BaseService} with its
 * transactions, binding request bodies, validation, and constraint failures named by
 * field.
 * <p>
 * What other packages may use is marked {@code @NamedInterface("service")}; the rest
 * serves the core's other rooms only.
 */
package io.flarekit.core.service;
