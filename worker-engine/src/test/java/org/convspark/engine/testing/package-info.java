/** Test support shared by the engine's tests: finite-difference gradient checks. */
package org.convspark.engine.testing;
