/**
 * The admin UI at {@code /admin}: serves the committed react-admin bundle, tells it who
 * the caller is, and restores soft-deleted records. The UI reads every resource from the
 * OpenAPI document, so a new resource needs no code here.
 */
package io.flarekit.admin;
