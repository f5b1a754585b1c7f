/** What every feature shares: the clock, RFC 9457 problem responses, OpenAPI. */
package io.robustlab.api.system;
