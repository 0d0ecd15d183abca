/**
 * The Spark side of the command line: starting (or, under spark-submit, joining) the session a
 * command runs in with the serializer settings the driver needs, the Kryo registrations of the
 * commands' own Spark jobs, and the console that shows a run's lines and, on a terminal, its live
 * progress. No data reading and no training logic lives here.
 */
package org.convspark.jobs.spark;
