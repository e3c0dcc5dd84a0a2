/**
 * The generic services: {@link io.flarekit.core.service.BaseService} with its
 * transactions, binding request bodies, validation, and constraint failures named by
 * field.
 */
@NamedInterface("service")
package io.flarekit.core.service;

import org.springframework.modulith.NamedInterface;
