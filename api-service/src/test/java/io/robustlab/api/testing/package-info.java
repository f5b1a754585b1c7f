/** What the API's integration tests run on: a fresh PostgreSQL database and a broker namespace of their own. */
package io.robustlab.api.testing;
