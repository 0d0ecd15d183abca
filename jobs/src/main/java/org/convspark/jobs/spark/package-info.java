/**
 * The Spark side of the command line: starting (or joining) the session a command runs in, with
 * the serializer settings the driver needs, and showing a run's progress on a terminal. No data
 * reading and no training logic lives here.
 */
package org.convspark.jobs.spark;
