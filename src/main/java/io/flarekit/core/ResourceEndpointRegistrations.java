package io.flarekit.core;

import java.lang.reflect.Method;
import java.util.Arrays;

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
		if (method.getDeclaringClass() != ResourceController.class) {
			return false;
		}
		ResourceEndpoints endpoints = AnnotatedElementUtils.findMergedAnnotation(handlerType, ResourceEndpoints.class);
		return endpoints != null && Arrays.stream(endpoints.exclude())
			.anyMatch((endpoint) -> endpoint.method().equals(method.getName()));
	}

}
