package io.flarekit.security;

/**
 * Nothing configured: every operation is for admins only.
 */
class AdminByDefaultTest extends RuleMatrix {

	@Override
	boolean admits(Caller caller) {
		return caller == Caller.ADMIN;
	}

}
