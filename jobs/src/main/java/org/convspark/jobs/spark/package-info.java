/**
 * The Spark side of the command line: starting (or, under spark-submit, joining) the session a
 * command runs in with the serializer settings the driver needs, and the Kryo registrations of
 * the commands' own Spark jobs. No data reading, no training logic and no terminal output (that
 * is {@code jobs.terminal}) lives here.
 */
package org.convspark.jobs.spark;
