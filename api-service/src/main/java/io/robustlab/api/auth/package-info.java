/**
 * Who is calling: API keys ({@code Authorization: Bearer <key>} or {@code X-API-Key}), each belonging to a
 * project; every query is scoped to the caller's project.
 */
package io.robustlab.api.auth;
