package io.flarekit;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class FlarekitApplication {

	public static void main(String[] args) {
		SpringApplication.run(FlarekitApplication.class, args);
	}

}
