package io.flarekit.system;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /}: tells a client it has reached the API, as the original does.
 */
@RestController
class WelcomeController {

	@GetMapping("/")
	Map<String, Object> welcome() {
		Map<String, Object> welcome = new LinkedHashMap<>();
		welcome.put("success", true);
		welcome.put("message", "Welcome to Flarekit APIs!");
		return welcome;
	}

}
