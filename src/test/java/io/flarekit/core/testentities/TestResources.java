package io.flarekit.core.testentities;

import io.flarekit.core.service.CrudServices;
import io.flarekit.core.web.ResourceController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The test entities as resources: a few lines each, as for a real one. */
final class TestResources {

	private TestResources() {
	}

	@RestController
	@RequestMapping("/test-articles")
	static class Articles extends ResourceController<Article> {

		Articles(CrudServices services) {
			super(services.forEntity(Article.class));
		}

	}

	@RestController
	@RequestMapping("/test-tags")
	static class Tags extends ResourceController<Tag> {

		Tags(CrudServices services) {
			super(services.forEntity(Tag.class));
		}

	}

	@RestController
	@RequestMapping("/test-notes")
	static class Notes extends ResourceController<Note> {

		Notes(CrudServices services) {
			super(services.forEntity(Note.class));
		}

	}

}
