package org.convspark.engine.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class KernelReportTest {
    private static final String AVX512_FLAGS = "fpu sse sse2 avx avx2 fma avx512f avx512dq avx512bw";
    private static final String LIB = "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so";
    private static final String[] HASWELL = {"Haswell", "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64"};

    @Test
    void aHaswellKernelOnAnAvx512CpuWarnsAndNamesTheVariable() {
        KernelReport r = KernelReport.describe("netlib:JNIBLAS", LIB, HASWELL, "Haswell", AVX512_FLAGS, 3, 512);
        assertEquals("Haswell", r.core());
        assertEquals(256, r.kernelBits());
        assertEquals(512, r.cpuBits());
        String warning = r.warning().orElseThrow();
        assertTrue(warning.startsWith("warning: OpenBLAS runs its Haswell kernels (256-bit) on a CPU with AVX-512 "
                + "(512-bit), so GEMM-backed convolutions run at about 50% of this machine's speed: "
                + "OPENBLAS_CORETYPE=Haswell is set in the environment: unset it"), warning);
        assertEquals("engine GEMM: netlib JNIBLAS -> " + LIB + ", OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY "
                + "MAX_THREADS=64, core Haswell, 256-bit kernels; CPU: AVX-512 (512-bit); JVM: 512-bit vectors", r.line());
        assertEquals(warning, r.toJson().get("warning").asString());
    }

    @Test
    void theCpusOwnKernelIsQuiet() {
        String[] cooperlake = {"Cooperlake", "OpenBLAS 0.3.21 DYNAMIC_ARCH Cooperlake MAX_THREADS=64"};
        KernelReport r = KernelReport.describe("netlib:JNIBLAS", LIB, cooperlake, null, AVX512_FLAGS, 3, 512);
        assertEquals(512, r.kernelBits());
        assertTrue(r.warning().isEmpty(), r.line());
        assertTrue(r.toJson().get("warning").isNull());
    }

    @Test
    void withoutTheQueryTheFileNameAndTheVariableSayWhatTheyCan() {
        KernelReport forced = KernelReport.describe("netlib:JNIBLAS", LIB, null, "Haswell", AVX512_FLAGS, 3, 512);
        assertTrue(forced.line().contains("OpenBLAS 0.3.21, core Haswell (from OPENBLAS_CORETYPE), 256-bit kernels"),
                forced.line());
        assertTrue(forced.warning().isPresent());
        KernelReport unknown = KernelReport.describe("netlib:JNIBLAS", LIB, null, null, AVX512_FLAGS, 3, 512);
        assertNull(unknown.core());
        assertTrue(unknown.line().contains("core not known (run Java 17 with --add-modules=jdk.incubator.foreign"),
                unknown.line());
        assertTrue(unknown.warning().isEmpty(), "no warning on a guess");
    }

    /** python3-numpy or -torch install Debian's reference libblas3: libblas.so.3 is there, OpenBLAS is not. */
    @Test
    void theReferenceBlasWarnsAndTheEngineServesMoreLayersItself() {
        String reference = "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0";
        KernelReport r = KernelReport.describe("netlib:JNIBLAS", reference, null, "Haswell", AVX512_FLAGS, 3, 512);
        assertEquals("engine GEMM: netlib JNIBLAS -> " + reference + ", the reference BLAS (unoptimized Fortran), "
                + "scalar kernels; CPU: AVX-512 (512-bit); JVM: 512-bit vectors", r.line());
        assertTrue(r.warning().orElseThrow().startsWith("warning: netlib loaded the reference BLAS (unoptimized "
                + "Fortran) from " + reference + ", so GEMM-backed convolutions run at a small fraction of this "
                + "AVX-512 CPU's speed: install OpenBLAS (Debian/Ubuntu: apt-get install libopenblas0"), r.line());
        assertTrue(r.narrowerThanCpu());
        assertTrue(KernelReport.isReference("/usr/lib64/libblas.so.3.8.0"), "Red Hat's blas package");
        assertFalse(KernelReport.isReference("/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3"));
        assertFalse(KernelReport.isReference("/usr/lib/x86_64-linux-gnu/blis-openmp/libblas.so.3"));
        assertFalse(KernelReport.isReference(LIB));
    }

    @Test
    void javaKernelsAndANarrowJvmWarnToo() {
        KernelReport java = KernelReport.describe("netlib:Java11BLAS", null, null, null, AVX512_FLAGS, 3, 0);
        assertTrue(java.warning().orElseThrow().startsWith("warning: no native BLAS was loaded"), java.line());
        String[] zen = {"Zen", "OpenBLAS 0.3.21 Zen"};
        KernelReport narrowJvm = KernelReport.describe("netlib:JNIBLAS", LIB, zen, null, "sse2 avx avx2", 1, 0);
        assertTrue(narrowJvm.warning().isEmpty(), "an AVX2 kernel on an AVX2 CPU, JVM at UseAVX=1: 256-bit too");
        KernelReport capped = KernelReport.describe("netlib:JNIBLAS", LIB, zen, null, "sse2 avx avx2", 0, 0);
        assertTrue(capped.warning().orElseThrow().startsWith("warning: the JVM uses 128-bit vectors"), capped.line());
    }

    @Test
    void coreNamesMapToTheirWidths() {
        assertEquals(512, KernelReport.coreBits("SkylakeX"));
        assertEquals(512, KernelReport.coreBits("SAPPHIRERAPIDS"));
        assertEquals(256, KernelReport.coreBits("Haswell"));
        assertEquals(256, KernelReport.coreBits("Zen"));
        assertEquals(128, KernelReport.coreBits("Nehalem"));
        assertEquals(0, KernelReport.coreBits("Unknown"));
    }

    /**
     * In this JVM (the build passes the foreign-linker flags): the native OpenBLAS answers, and
     * under OPENBLAS_CORETYPE its core is the one the variable names.
     */
    @Test
    void thisJvmAsksTheLoadedOpenBlas() {
        KernelReport r = KernelReport.current();
        assumeTrue(r.gemm().contains("JNI") && r.line().contains("openblas"), "no native OpenBLAS here: " + r.line());
        assertFalse(r.line().contains("core not known"), r.line());
        assertEquals("openblas_get_corename", r.toJson().get("core_from").asString(), r.line());
        String forced = System.getenv("OPENBLAS_CORETYPE");
        if (forced != null) {
            assertEquals(forced.toLowerCase(), r.core().toLowerCase(), r.line());
        }
    }
}
