package io.flarekit.users;

import io.flarekit.core.service.CrudServices;
import io.flarekit.core.web.ResourceController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /users}: the generic list, get, create, update, delete and bulk endpoints.
 */
@RestController
@RequestMapping("/users")
class UserController extends ResourceController<User> {

	UserController(CrudServices services) {
		super(services.forEntity(User.class));
	}

}
