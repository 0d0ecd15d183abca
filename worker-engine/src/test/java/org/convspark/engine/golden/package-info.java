/** Golden cases computed by PyTorch (test resources {@code golden/}): reading them and checking the engine against them. */
package org.convspark.engine.golden;
