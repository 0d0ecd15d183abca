package org.convspark.engine.gemm;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import com.sun.management.HotSpotDiagnosticMXBean;
import org.convspark.engine.json.JsonNull;
import org.convspark.engine.json.JsonNumber;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.json.JsonString;
import org.convspark.engine.json.JsonValue;

/**
 * Which GEMM kernel this JVM runs and whether it is as wide as the CPU allows: the backend
 * ({@link Gemm#name()}), the native library netlib loaded (read from {@code /proc/self/maps}),
 * for OpenBLAS its configuration and core name ({@link OpenBlasQuery}, else the version in the
 * file name and {@code OPENBLAS_CORETYPE}), the widest vectors of the CPU ({@code /proc/cpuinfo})
 * and of the JVM ({@code UseAVX}, the Vector API's preferred species).
 *
 * <p>Why it matters: an OpenBLAS held to a narrower kernel than the CPU has (these machines set
 * {@code OPENBLAS_CORETYPE=Haswell}, AVX2, on AVX-512 CPUs) runs every GEMM-backed convolution
 * at about half speed without a word, and the reference BLAS ({@link #isReference}) at a small
 * fraction of it; {@link #warning()} says so and what to change. Every
 * training run logs {@link #line()} and records {@link #toJson()} in {@code metrics.json}.
 */
public final class KernelReport {
    /** OpenBLAS's AVX-512 cores (its {@code dynamic.c} names, lower case). */
    private static final List<String> CORES_512 = List.of("skylakex", "cooperlake", "sapphirerapids", "zen4",
            "zen5");
    /** OpenBLAS's cores with 256-bit (AVX or AVX2) kernels. */
    private static final List<String> CORES_256 = List.of("haswell", "zen", "sandybridge", "bulldozer", "piledriver",
            "steamroller", "excavator");
    private static final Pattern OPENBLAS_FILE_VERSION = Pattern.compile("openblas[a-z]*-r(\\d+(?:\\.\\d+)+)");
    /** Tuned BLAS libraries: a {@code libblas.so.3} whose path names none of them is the reference one. */
    private static final List<String> TUNED_BLAS = List.of("openblas", "blis", "atlas", "mkl", "armpl", "flexiblas");
    /** What {@link #blas} says of the reference BLAS. */
    private static final String REFERENCE = "the reference BLAS (unoptimized Fortran)";

    private final String gemm;
    private final String library;
    private final String blas;
    private final String core;
    private final String coreSource;
    private final int kernelBits;
    private final String cpuSet;
    private final int cpuBits;
    private final int jvmBits;
    private final String coreTypeVariable;

    KernelReport(String gemm, String library, String blas, String core, String coreSource, int kernelBits,
                 String cpuSet, int cpuBits, int jvmBits, String coreTypeVariable) {
        this.gemm = gemm;
        this.library = library;
        this.blas = blas;
        this.core = core;
        this.coreSource = coreSource;
        this.kernelBits = kernelBits;
        this.cpuSet = cpuSet;
        this.cpuBits = cpuBits;
        this.jvmBits = jvmBits;
        this.coreTypeVariable = coreTypeVariable;
    }

    /** This JVM's report, computed once. */
    public static KernelReport current() {
        return Holder.CURRENT;
    }

    private static final class Holder {
        static final KernelReport CURRENT = probe(Gemm.defaultGemm());
    }

    /** Probes the process for {@code gemm}'s kernel, the CPU and the JVM. */
    static KernelReport probe(Gemm gemm) {
        String name = gemm.name();
        Path library = isNative(name) ? mappedBlas().orElse(null) : null;
        String[] queried = library == null ? null : queryOpenBlas(library);
        String flags = cpuFlags();
        return describe(name, library == null ? null : library.toString(), queried, System.getenv("OPENBLAS_CORETYPE"),
                flags, useAvx(), vectorBits());
    }

    /**
     * The report from what was found: {@code queried} is OpenBLAS's {core name, config} or null,
     * {@code cpuFlags} the CPU's flags (space-separated, empty when unknown), {@code useAvx} the
     * JVM's {@code UseAVX} (-1 unknown), {@code vectorBits} the Vector API's preferred width (0
     * when the module is absent).
     */
    static KernelReport describe(String gemm, String library, String[] queried, String coreTypeVariable,
                                 String cpuFlags, int useAvx, int vectorBits) {
        String blas = null;
        String core = null;
        String coreSource = null;
        boolean reference = library != null && isReference(library);
        if (queried != null) {
            core = queried[0];
            blas = queried[1].replace(" " + core, "").replaceAll("\\s+", " ").trim();
            coreSource = "openblas_get_corename";
        } else if (reference) {
            blas = REFERENCE;
        } else if (library != null) {
            Matcher m = OPENBLAS_FILE_VERSION.matcher(library.toLowerCase(Locale.ROOT));
            if (m.find()) {
                blas = "OpenBLAS " + m.group(1);
                if (coreTypeVariable != null && !coreTypeVariable.isBlank()) {
                    core = coreTypeVariable.trim();
                    coreSource = "OPENBLAS_CORETYPE";
                }
            }
        }
        int jvm = vectorBits > 0 ? vectorBits : useAvx >= 3 ? 512 : useAvx >= 1 ? 256 : useAvx == 0 ? 128 : 0;
        int kernel;
        if (!isNative(gemm)) {
            // netlib's Java kernels: the Vector API's width when it has them, else scalar code.
            kernel = gemm.contains("VectorBLAS") ? jvm : 32;
        } else if (reference) {
            kernel = 32; // scalar loops: no vector kernels at all
        } else {
            kernel = core == null ? 0 : coreBits(core);
        }
        List<String> flags = List.of(cpuFlags.trim().split("\\s+"));
        String set = flags.contains("avx512f") ? "AVX-512" : flags.contains("avx2") ? "AVX2"
                : flags.contains("avx") ? "AVX" : flags.contains("sse2") ? "SSE2" : null;
        int cpu = set == null ? 0 : set.equals("AVX-512") ? 512 : set.startsWith("AVX") ? 256 : 128;
        return new KernelReport(gemm, library, blas, core, coreSource, kernel, set, cpu, jvm, coreTypeVariable);
    }

    /** Whether a {@link Gemm#name()} is netlib's JNI backend, i.e. a native BLAS. */
    private static boolean isNative(String gemm) {
        return gemm.contains("JNI");
    }

    /**
     * Whether a native library is the reference BLAS: a {@code libblas.so.3} no tuned
     * implementation's directory or name claims (Debian's and Ubuntu's {@code libblas3} lives in
     * {@code .../blas/}, beside {@code openblas-pthread/}, {@code blis-openmp/} and {@code atlas/},
     * which the {@code libblas.so.3} alternative picks among). python3-numpy or -torch pull it in,
     * and then {@code libblas.so.3} exists without any OpenBLAS: ResNet-20's GEMM-backed 1x1
     * 32->64 projection at batch 128 ran forward+backward in 25.1-25.8 ms on it against 2.7 on
     * OpenBLAS (same machine, alternating).
     */
    static boolean isReference(String library) {
        String path = library.toLowerCase(Locale.ROOT);
        String file = path.substring(path.lastIndexOf('/') + 1);
        return file.startsWith("libblas.so") && TUNED_BLAS.stream().noneMatch(path::contains);
    }

    /** Whether netlib loaded the reference BLAS ({@link #isReference}). */
    private boolean onReferenceBlas() {
        return isNative(gemm) && library != null && isReference(library);
    }

    /** Vector width of an OpenBLAS core's kernels, 128 for the older ones, 0 for a name it does not know. */
    static int coreBits(String core) {
        String c = core.toLowerCase(Locale.ROOT);
        if (CORES_512.contains(c)) {
            return 512;
        }
        if (CORES_256.contains(c)) {
            return 256;
        }
        return c.isEmpty() || c.equals("unknown") ? 0 : 128;
    }

    /** One line for the run log: the GEMM, its library and kernel, the CPU's and the JVM's vector widths. */
    public String line() {
        StringBuilder s = new StringBuilder("engine GEMM: ").append(gemm.replace(':', ' '));
        if (library != null) {
            s.append(" -> ").append(library);
        }
        if (blas != null) {
            s.append(", ").append(blas);
        }
        if (core != null) {
            s.append(", core ").append(core);
            if (!"openblas_get_corename".equals(coreSource)) {
                s.append(" (from ").append(coreSource).append(')');
            }
        } else if (isNative(gemm) && !onReferenceBlas()) {
            s.append(", core not known (run Java 17 with --add-modules=jdk.incubator.foreign "
                    + "--enable-native-access=ALL-UNNAMED to ask OpenBLAS)");
        }
        if (kernelBits == 32) {
            s.append(", scalar kernels");
        } else if (kernelBits > 0) {
            s.append(", ").append(kernelBits).append("-bit kernels");
        }
        s.append("; CPU: ").append(cpuSet == null ? "vector width not known" : cpuSet + " (" + cpuBits + "-bit)");
        s.append("; JVM: ").append(jvmBits == 0 ? "vector width not known" : jvmBits + "-bit vectors");
        return s.toString();
    }

    /** One warning line when the GEMM's kernel (or the JVM) is narrower than the CPU allows. */
    public Optional<String> warning() {
        if (cpuBits == 0) {
            return Optional.empty();
        }
        if (!isNative(gemm)) {
            return Optional.of("warning: no native BLAS was loaded (netlib found no libblas.so.3), so GEMM-backed "
                    + "convolutions run on netlib's Java kernels at a fraction of this " + cpuSet + " CPU's speed: "
                    + "install OpenBLAS (Debian/Ubuntu: apt-get install libopenblas0) on every node");
        }
        if (onReferenceBlas()) {
            return Optional.of("warning: netlib loaded " + REFERENCE + " from " + library + ", so GEMM-backed "
                    + "convolutions run at a small fraction of this " + cpuSet + " CPU's speed: install OpenBLAS "
                    + "(Debian/Ubuntu: apt-get install libopenblas0, which takes over libblas.so.3; if it does not, "
                    + "update-alternatives --config libblas.so.3-x86_64-linux-gnu) on every node");
        }
        if (kernelBits > 0 && kernelBits < cpuBits) {
            String advice = coreTypeVariable != null && !coreTypeVariable.isBlank()
                    ? "OPENBLAS_CORETYPE=" + coreTypeVariable + " is set in the environment: unset it (or name an "
                    + cpuSet + " core such as SkylakeX) if this OpenBLAS supports this CPU"
                    : "use an OpenBLAS that knows this CPU (a newer release, or one built with DYNAMIC_ARCH)";
            return Optional.of("warning: OpenBLAS runs its " + core + " kernels (" + kernelBits + "-bit) on a CPU with "
                    + cpuSet + " (" + cpuBits + "-bit), so GEMM-backed convolutions run at about "
                    + (kernelBits * 100 / cpuBits) + "% of this machine's speed: " + advice);
        }
        if (jvmBits > 0 && jvmBits < cpuBits) {
            return Optional.of("warning: the JVM uses " + jvmBits + "-bit vectors on a CPU with " + cpuSet + " ("
                    + cpuBits + "-bit), so the engine's Vector API kernels run narrower than they could: remove "
                    + "-XX:UseAVX or -XX:MaxVectorSize limits from the Java options");
        }
        return Optional.empty();
    }

    /**
     * For {@code metrics.json}: {@code {"line", "gemm", "library", "blas", "core", "core_from",
     * "kernel_bits", "cpu", "cpu_bits", "jvm_bits", "warning"}} (null where not known).
     */
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("line", line())
                .put("gemm", gemm)
                .put("library", text(library))
                .put("blas", text(blas))
                .put("core", text(core))
                .put("core_from", text(coreSource))
                .put("kernel_bits", bits(kernelBits))
                .put("cpu", text(cpuSet))
                .put("cpu_bits", bits(cpuBits))
                .put("jvm_bits", bits(jvmBits))
                .put("warning", text(warning().orElse(null)))
                .build();
    }

    /**
     * Whether the GEMM runs narrower vectors than the CPU has (a capped or missing native BLAS):
     * the engine then serves more layers on its own Vector API kernels.
     */
    public boolean narrowerThanCpu() {
        return cpuBits > 0 && kernelBits > 0 && kernelBits < cpuBits;
    }

    public String gemm() {
        return gemm;
    }

    public String core() {
        return core;
    }

    public int kernelBits() {
        return kernelBits;
    }

    public int cpuBits() {
        return cpuBits;
    }

    @Override
    public String toString() {
        return line();
    }

    private static JsonValue text(String s) {
        return s == null ? JsonNull.INSTANCE : JsonString.of(s);
    }

    private static JsonValue bits(int bits) {
        return bits == 0 ? JsonNull.INSTANCE : JsonNumber.of(bits);
    }

    /** The BLAS library mapped into this process (the real file, e.g. {@code libopenblasp-r0.3.21.so}), if any. */
    private static Optional<Path> mappedBlas() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            List<String> files = lines.map(l -> l.indexOf('/') < 0 ? "" : l.substring(l.indexOf('/')))
                    .filter(f -> f.toLowerCase(Locale.ROOT).contains("blas") && !f.contains("netlibblasjni"))
                    .distinct().collect(Collectors.toList());
            return files.stream().filter(f -> f.toLowerCase(Locale.ROOT).contains("openblas")
                            && !f.endsWith("libblas.so.3")).findFirst()
                    .or(() -> files.stream().findFirst()).map(Path::of);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String[] queryOpenBlas(Path library) {
        boolean foreign = ModuleLayer.boot().findModule("jdk.incubator.foreign").isPresent();
        if (!foreign || !library.getFileName().toString().toLowerCase(Locale.ROOT).contains("openblas")) {
            return null;
        }
        try {
            return OpenBlasQuery.query(library).orElse(null);
        } catch (RuntimeException | LinkageError e) {
            // Native access not enabled (IllegalCallerException) or no such symbols: fall back.
            return null;
        }
    }

    private static String cpuFlags() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1)).orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static int useAvx() {
        try {
            HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return Integer.parseInt(bean.getVMOption("UseAVX").getValue());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static int vectorBits() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return 0;
        }
        return PreferredVector.bits();
    }
}
