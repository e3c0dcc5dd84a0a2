package io.flarekit.core.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.flarekit.core.web.ResourceEndpoints.Endpoint;

/**
 * Marks the {@link ResourceController} method that serves a generic endpoint, so that the
 * endpoint is found by this mark, never by the method's name: a rename cannot silently
 * break {@link ResourceEndpoints} or the OpenAPI document.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface ServesEndpoint {

	Endpoint value();

}
