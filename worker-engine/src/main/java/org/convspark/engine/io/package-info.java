/**
 * The binary parameter format of models and checkpoints ({@link org.convspark.engine.io.ParameterFile}):
 * named flat {@code float[]} arrays (parameters, optimizer state) behind a magic, a format version and
 * element counts, followed by a CRC32 of everything before it. Reading is plain parsing, never Java
 * deserialization, and refuses truncated, altered, foreign or future files by name
 * ({@link org.convspark.engine.io.InvalidFileException}). What the arrays mean (which spec, which
 * step) is recorded beside them by the caller; this package only moves bytes safely, and
 * {@link org.convspark.engine.io.AtomicWrite} is how every file meant for the user is written (whole
 * or not at all, with the umask's mode).
 */
package org.convspark.engine.io;
