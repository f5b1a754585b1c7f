/**
 * The messages the API and the workers exchange over the broker: job messages (API → workers), worker events
 * (workers → API), cancel requests, and the names of the exchanges and queues they travel through.
 */
package io.robustlab.contracts.message;
