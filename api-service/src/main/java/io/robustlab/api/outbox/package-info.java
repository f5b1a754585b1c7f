/**
 * The transactional outbox: a message is written in the same database transaction as the change it announces,
 * and a relay publishes it to the broker with publisher confirms, so a crash between commit and publish loses
 * nothing.
 */
package io.robustlab.api.outbox;
