/**
 * A small, strict JSON (RFC 8259) parser and writer for everything convspark reads or writes as
 * JSON: model specs, reports, golden test cases, checkpoint headers, metrics.
 *
 * <p>Parsing builds a plain tree of {@link org.convspark.engine.json.JsonValue}s and nothing
 * else: no reflection, no data binding, no class names read from the input. Objects keep their
 * insertion order, numbers keep their literal text (so integral and fractional values stay
 * apart), every parsed value remembers its source position, and errors read
 * {@code source:line:column: problem}.
 */
package org.convspark.engine.json;
