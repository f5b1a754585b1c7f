package io.robustlab.api.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a client may send.
 *
 * @param maxRequestBody the largest request body accepted, refused with {@code 413} before it is read (by its
 *                       {@code Content-Length}, or while it streams in when it has none); a spec must also fit
 *                       {@code robustlab.jobs.max-spec-bytes}
 */
@ConfigurationProperties("robustlab.http")
record HttpProperties(@DefaultValue("1MB") DataSize maxRequestBody) {
}
