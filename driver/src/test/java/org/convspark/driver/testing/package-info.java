/**
 * Test tools the modules above the driver share through the driver's test-jar: the test JVM's
 * strict local Spark session ({@link org.convspark.driver.testing.LocalSpark}) and a Hadoop file
 * system that fills up ({@link org.convspark.driver.testing.FullFileSystem}, the {@code full:}
 * scheme, registered by this test-jar's service file). The driver's own
 * test fixtures (data, local clusters, executor faults) stay in {@code org.convspark.driver}.
 */
package org.convspark.driver.testing;
