package io.flarekit.security;

import org.springframework.test.context.TestPropertySource;

/**
 * {@code role:editor} on users and storage: editors, and admins, who pass every rule.
 */
@TestPropertySource(properties = { "flarekit.access.resources.users.list=role:editor",
		"flarekit.access.resources.users.read=role:editor", "flarekit.access.resources.users.create=role:editor",
		"flarekit.access.resources.users.update=role:editor", "flarekit.access.resources.users.delete=role:editor",
		"flarekit.access.resources.storage.list=role:editor", "flarekit.access.resources.storage.read=role:editor",
		"flarekit.access.resources.storage.create=role:editor", "flarekit.access.resources.storage.update=role:editor",
		"flarekit.access.resources.storage.delete=role:editor" })
class RoleRulesTest extends RuleMatrix {

	@Override
	boolean admits(Caller caller) {
		return caller == Caller.EDITOR || caller == Caller.ADMIN;
	}

}
