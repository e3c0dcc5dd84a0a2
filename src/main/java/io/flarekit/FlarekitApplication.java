package io.flarekit;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.Jackson2EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.data.autoconfigure.web.DataWebAutoConfiguration;

/**
 * The service. Two auto-configurations are left out because nothing uses them and each
 * costs start-up time: Spring Data's web support (no controller takes a {@code Pageable},
 * {@code Sort} or an entity as a parameter) and actuator's Jackson 2 mapper (the
 * endpoints write with Jackson 3; Jackson 2 is on the class path only for springdoc's
 * model reader). See docs/decisions.md, "Start-up".
 */
@SpringBootApplication(exclude = { DataWebAutoConfiguration.class, Jackson2EndpointAutoConfiguration.class })
public class FlarekitApplication {

	public static void main(String[] args) {
		SpringApplication.run(FlarekitApplication.class, args);
	}

}
