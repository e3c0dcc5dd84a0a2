package io.flarekit.admin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.flarekit.core.error.ErrorCode;
import io.flarekit.core.error.ServiceException;
import io.flarekit.core.service.BaseService;
import io.flarekit.core.service.CrudServices;
import io.flarekit.core.web.ResourceController;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/restore/{resource}/{id}}: brings a soft-deleted record back, for the
 * admin UI's trash. The API has no restore of its own, and no access rule names one, so
 * this is for admins only, whatever the rules say. It goes through the resource's own
 * service ({@link BaseService#restore}), the one its controller writes with, so that its
 * cached totals are renewed.
 */
@RestController
class RestoreController {

	private final ListableBeanFactory beans;

	private final CrudServices services;

	private volatile Map<String, BaseService<?>> byResource;

	RestoreController(ListableBeanFactory beans, CrudServices services) {
		this.beans = beans;
		this.services = services;
	}

	@PostMapping("/admin/restore/{resource}/{id}")
	Object restore(@PathVariable String resource, @PathVariable String id) {
		if (!AdminSession.isAdmin(SecurityContextHolder.getContext().getAuthentication())) {
			throw new ServiceException(HttpStatus.FORBIDDEN, ErrorCode.AUTHORIZATION_ERROR,
					"Only an admin may restore records", List.of());
		}
		BaseService<?> service = services().get(resource);
		if (service == null) {
			throw new ServiceException(HttpStatus.NOT_FOUND, ErrorCode.RESOURCE_NOT_FOUND,
					"No resource is named '" + resource + "'", List.of());
		}
		return service.restore(id);
	}

	/** The service of every resource, by the name its path gives it; found once. */
	private Map<String, BaseService<?>> services() {
		Map<String, BaseService<?>> found = this.byResource;
		if (found == null) {
			found = new HashMap<>();
			for (Object controller : this.beans.getBeansOfType(ResourceController.class).values()) {
				Class<?> type = ClassUtils.getUserClass(controller);
				Class<?> entity = ResolvableType.forClass(type).as(ResourceController.class).resolveGeneric(0);
				String name = ResourceController.resourceName(type).orElse(null);
				if (entity != null && name != null) {
					found.put(name, serviceOf(entity));
				}
			}
			this.byResource = found;
		}
		return found;
	}

	/** A resource's own service bean when it has one (files do), else the generic one. */
	private BaseService<?> serviceOf(Class<?> entity) {
		Object own = this.beans.getBeanProvider(ResolvableType.forClassWithGenerics(BaseService.class, entity))
			.getIfUnique();
		return (own != null) ? (BaseService<?>) own : this.services.forEntity(entity);
	}

}
