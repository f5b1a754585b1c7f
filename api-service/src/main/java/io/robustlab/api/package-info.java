/**
 * The REST API and the only owner of the database: packages by feature ({@code jobs}, {@code outbox},
 * {@code messaging}, {@code results}, {@code artifacts}, {@code auth}, {@code system}).
 */
package io.robustlab.api;
