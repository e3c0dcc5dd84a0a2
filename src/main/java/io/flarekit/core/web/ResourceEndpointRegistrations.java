package io.flarekit.core.web;

import java.lang.reflect.Method;
import java.util.List;

import io.flarekit.core.web.ResourceEndpoints.Endpoint;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Maps the generic endpoints of every {@link ResourceController} except those its
 * {@link ResourceEndpoints} leaves out.
 */
@Component
class ResourceEndpointRegistrations implements WebMvcRegistrations {

	@Override
	public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
		return new RequestMappingHandlerMapping() {

			@Override
			protected RequestMappingInfo getMappingForMethod(Method method, Class<?> handlerType) {
				return isExcluded(method, handlerType) ? null : super.getMappingForMethod(method, handlerType);
			}

		};
	}

	static boolean isExcluded(Method method, Class<?> handlerType) {
		ResourceEndpoints endpoints = AnnotatedElementUtils.findMergedAnnotation(handlerType, ResourceEndpoints.class);
		return endpoints != null && Endpoint.of(method).filter(List.of(endpoints.exclude())::contains).isPresent();
	}

}
