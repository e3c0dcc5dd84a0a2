package io.flarekit.core.web;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.flarekit.core.error.FieldError;
import io.flarekit.core.error.ServiceException;
import io.flarekit.core.model.EntityModel;
import io.flarekit.core.query.Cursor;
import io.flarekit.core.query.KeysetPage;
import io.flarekit.core.query.ListParams;
import io.flarekit.core.query.ListResult;
import io.flarekit.core.query.Range;
import io.flarekit.core.query.SortOrder;
import io.flarekit.core.web.ResourceEndpoints.Endpoint;
import io.flarekit.core.service.BaseService;
import io.flarekit.core.service.BulkUpdate;
import io.flarekit.core.service.Precondition;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.modulith.NamedInterface;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The REST endpoints of one resource, in react-admin's simple-rest dialect: list, get,
 * create, update (PUT or PATCH, both merge), delete, bulk update and bulk delete. A
 * resource is a subclass with a {@code @RequestMapping} path and a service: <pre>
 * &#64;RestController
 * &#64;RequestMapping("/users")
 * class UserController extends ResourceController&lt;User&gt; {
 *     UserController(CrudServices services) {
 *         super(services.forEntity(User.class));
 *     }
 * }
 * </pre> A resource that offers only some of these leaves the others out with
 * {@link ResourceEndpoints}.
 *
 * @param <E> the entity type
 */
@NamedInterface("web")
public abstract class ResourceController<E> {

	/**
	 * Headers that browsers may read across origins: the list protocol's, versions, and
	 * why a credential was refused.
	 */
	public static final List<String> EXPOSED_HEADERS = List.of(HttpHeaders.CONTENT_RANGE, "X-Total-Count",
			HttpHeaders.LOCATION, RequestIds.HEADER, HttpHeaders.ETAG, HttpHeaders.CONTENT_DISPOSITION,
			HttpHeaders.LINK, HttpHeaders.WWW_AUTHENTICATE);

	/** How the OpenAPI document describes {@code If-Match}. */
	protected static final String IF_MATCH = "Write only if the record's ETag is one of these (\"3\", or a list); "
			+ "* for any version. Else 412, and nothing is written";

	private final BaseService<E> service;

	private final String resource;

	private final SortOrder defaultSort;

	private final EmbeddedRecords<E> embedded;

	protected ResourceController(BaseService<E> service) {
		this.service = service;
		this.resource = resourceName(getClass()).orElse(service.model().name());
		this.defaultSort = service.model().has(EntityModel.CREATED_AT)
				? new SortOrder(EntityModel.CREATED_AT, Sort.Direction.DESC) : SortOrder.NEWEST_FIRST;
		this.embedded = new EmbeddedRecords<>(service.model(), service.jsonMapper());
	}

	/**
	 * The name a controller's resource goes by in {@code Content-Range} and in the
	 * OpenAPI document: the last segment of its {@code @RequestMapping} path.
	 * @param controller a controller class
	 * @return the name, or empty when the class maps no path
	 */
	public static Optional<String> resourceName(Class<?> controller) {
		RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
		if (mapping == null || mapping.path().length == 0) {
			return Optional.empty();
		}
		String path = mapping.path()[0];
		return Optional.of(path.substring(path.lastIndexOf('/') + 1));
	}

	protected BaseService<E> service() {
		return this.service;
	}

	/**
	 * The precondition an {@code If-Match} header states, for the service's writes.
	 * @param header the header's value, or null
	 * @return the versions the record may be at
	 */
	protected static Precondition ifMatch(String header) {
		return EntityTags.ifMatch(header);
	}

	/**
	 * A response with a record and its {@code ETag}: its version, in quotes.
	 * @param response the response so far
	 * @param record the record
	 * @return the response
	 */
	protected ResponseEntity<E> tagged(ResponseEntity.BodyBuilder response, E record) {
		return response.eTag(Precondition.entityTag(this.service.model().versionOf(record))).body(record);
	}

	// Swagger reads a parameter's example as JSON, so one that looks like JSON is quoted:
	// otherwise "Try it out" sends an array where the parameter is a string.
	@ServesEndpoint(Endpoint.LIST)
	@GetMapping
	@Operation(summary = "List records: one page, sorted and filtered",
			description = "A page by offset (range) carries its total in Content-Range; when more rows follow, "
					+ "a Link header (rel=\"next\") gives the next page by keyset (cursor and limit), "
					+ "which costs the same however far a client walks, and has no total")
	ResponseEntity<List<E>> list(
			@Parameter(description = "Rows to return, [start, end] inclusive, as JSON; capped at the maximum page size",
					example = "\"[0,9]\"") @RequestParam(required = false) String range,
			@Parameter(description = "[field, ASC or DESC] as JSON; default [\"createdAt\",\"DESC\"]",
					example = "\"[\\\"createdAt\\\",\\\"DESC\\\"]\"") @RequestParam(required = false) String sort,
			@Parameter(description = "Conditions as a JSON object: field (equal; a list means IN; null means IS NULL), "
					+ "field_eq, field_neq, field_gt, field_gte, field_lt, field_lte, field_q (contains, ignoring case), "
					+ "q (contains, in any text field)",
					example = "\"{\\\"q\\\":\\\"ada\\\"}\"") @RequestParam(required = false) String filter,
			@Parameter(description = "Include soft-deleted records") @RequestParam(
					defaultValue = "false") boolean includeDeleted,
			@Parameter(description = "To-one associations to nest in each record, as a JSON array",
					example = "\"[\\\"storage\\\"]\"") @RequestParam(required = false) String embed,
			@Parameter(description = "Keyset paging instead of range: the token from the Link header of the page "
					+ "before, or empty for the first page") @RequestParam(required = false) String cursor,
			@Parameter(
					description = "Rows per keyset page (with cursor); default 10, capped at the maximum page size") @RequestParam(
							required = false) Integer limit,
			HttpServletRequest request) {
		ListParams params = ListParams.parse(range, sort, filter, this.defaultSort);
		params.requireExposed(this.service.model());
		List<String> associations = ListParams.parseEmbed(embed);
		if (cursor != null) {
			return keysetPage(range, cursor, limit, params, includeDeleted, associations, request);
		}
		if (limit != null) {
			throw ServiceException.invalid(NextPageLink.LIMIT, FieldError.INVALID_VALUE,
					"goes with cursor; a page by offset is asked for with range");
		}
		ListResult<E> result = this.service.getList(params.range(), params.sort(), params.filter(), includeDeleted,
				associations);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_RANGE, result.contentRange(this.resource))
			.header("X-Total-Count", Long.toString(result.total()));
		List<E> records = result.records();
		if (!records.isEmpty() && result.start() + records.size() < result.total()) {
			Cursor next = this.service.cursorAfter(records.get(records.size() - 1), params.sort());
			response.header(HttpHeaders.LINK, NextPageLink.header(request, next, records.size()));
		}
		return response.body(this.embedded.of(records, associations));
	}

	private ResponseEntity<List<E>> keysetPage(String range, String cursor, Integer limit, ListParams params,
			boolean includeDeleted, List<String> associations, HttpServletRequest request) {
		if (range != null) {
			throw ServiceException.invalid("range", FieldError.INVALID_VALUE,
					"cannot be combined with cursor; a keyset page is sized with limit");
		}
		int size = (limit != null) ? limit : (int) Range.FIRST_PAGE.size();
		Cursor from = cursor.isEmpty() ? null : Cursor.parse(cursor);
		KeysetPage<E> page = this.service.getListAfter(from, size, params.sort(), params.filter(), includeDeleted,
				associations);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (page.next() != null) {
			response.header(HttpHeaders.LINK, NextPageLink.header(request, page.next(), page.records().size()));
		}
		return response.body(this.embedded.of(page.records(), associations));
	}

	/**
	 * One record, with its ETag; 304 when {@code If-None-Match} names it. With
	 * {@code embed} it has no ETag: the nested records have versions of their own.
	 */
	@ServesEndpoint(Endpoint.GET)
	@GetMapping("/{id}")
	@Operation(summary = "Get one record")
	ResponseEntity<E> get(@PathVariable String id,
			@Parameter(description = "Also find a soft-deleted record") @RequestParam(
					defaultValue = "false") boolean includeDeleted,
			@Parameter(description = "To-one associations to nest, as a JSON array",
					example = "\"[\\\"storage\\\"]\"") @RequestParam(required = false) String embed,
			@Parameter(description = "304 Not Modified, without a body, if the record's ETag is one of these "
					+ "(weak or strong), or *") @RequestHeader(name = HttpHeaders.IF_NONE_MATCH,
							required = false) String ifNoneMatch) {
		List<String> associations = ListParams.parseEmbed(embed);
		E record = this.service.getById(id, includeDeleted, associations)
			.orElseThrow(() -> ServiceException.notFound(this.service.model().name(), id));
		if (!associations.isEmpty()) {
			return ResponseEntity.ok(this.embedded.of(List.of(record), associations).get(0));
		}
		long version = this.service.model().versionOf(record);
		if (EntityTags.notModified(ifNoneMatch, version)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(Precondition.entityTag(version)).build();
		}
		return tagged(ResponseEntity.ok(), record);
	}

	@ServesEndpoint(Endpoint.CREATE)
	@PostMapping
	@Operation(summary = "Create a record",
			description = "Server-managed fields (createdAt, updatedAt, deletedAt, shortId) are ignored; "
					+ "an id may be chosen, else a UUIDv7 is made")
	ResponseEntity<E> create(@RequestBody JsonNode body) {
		E created = this.service.create(body);
		return tagged(ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{id}")
			.buildAndExpand(this.service.model().idOf(created))
			.toUri()), created);
	}

	@ServesEndpoint(Endpoint.UPDATE)
	@RequestMapping(path = "/{id}", method = { RequestMethod.PUT, RequestMethod.PATCH })
	@Operation(summary = "Update a record: the given fields are merged (PUT and PATCH alike)",
			description = "Server-managed fields, id included, are ignored, so a whole record may be sent back")
	ResponseEntity<E> update(@PathVariable String id, @RequestBody JsonNode body,
			@Parameter(description = IF_MATCH) @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) String ifMatch) {
		return tagged(ResponseEntity.ok(), this.service.update(id, body, ifMatch(ifMatch)));
	}

	@ServesEndpoint(Endpoint.DELETE)
	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a record: softly when it has deletedAt, unless permanent=true")
	ResponseEntity<E> delete(@PathVariable String id,
			@Parameter(description = "true removes the row; false asks for a soft delete") @RequestParam(
					required = false) Boolean permanent,
			@Parameter(description = IF_MATCH) @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) String ifMatch) {
		boolean removing = (permanent != null) ? permanent : !this.service.model().isSoftDeletable();
		return tagged(ResponseEntity.ok(), this.service.delete(id, removing, ifMatch(ifMatch)));
	}

	@ServesEndpoint(Endpoint.BULK_UPDATE)
	@PatchMapping
	@Operation(summary = "Update several records, all or none")
	List<E> bulkUpdate(@RequestBody JsonNode body) {
		List<BulkUpdate> updates = BulkUpdate.listOf(body);
		if (updates.size() > this.service.maxIds()) {
			throw ServiceException.invalid("body", FieldError.INVALID_VALUE,
					"must have at most " + this.service.maxIds() + " entries");
		}
		return this.service.bulkUpdate(updates);
	}

	@ServesEndpoint(Endpoint.BULK_DELETE)
	@DeleteMapping
	@Operation(summary = "Delete several records, all or none; unknown ids are skipped")
	List<E> bulkDelete(@Parameter(description = "Comma-separated ids", example = "a,b") @RequestParam String ids,
			@Parameter(description = "true removes the rows; false asks for a soft delete") @RequestParam(
					required = false) Boolean permanent) {
		List<String> list = Arrays.stream(ids.split(",")).map(String::trim).filter((id) -> !id.isEmpty()).toList();
		if (list.isEmpty() || list.size() > this.service.maxIds()) {
			throw ServiceException.invalid("ids", FieldError.INVALID_VALUE,
					"must be 1 to " + this.service.maxIds() + " comma-separated ids");
		}
		return (permanent != null) ? this.service.bulkDelete(list, permanent) : this.service.bulkDelete(list);
	}

}
