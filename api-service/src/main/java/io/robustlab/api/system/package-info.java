/**
 * What every feature shares: the clock, RFC 9457 problem responses (from controllers, the security layer and the
 * servlet container alike), the request body limit, OpenAPI.
 */
package io.robustlab.api.system;
