package io.nas.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The one place that prepares DJL: offline mode (the native library comes from the Maven jar, never from a download),
 * the PyTorch engine, and its thread pools. Call {@link #init(int)} before anything else touches DJL; the PyTorch
 * engine reads its thread properties only while it loads.
 */
public final class DjlRuntime {

    public static final String ENGINE = "PyTorch";
    static final String OFFLINE = "ai.djl.offline";
    static final String DEFAULT_ENGINE = "ai.djl.default_engine";
    static final String INTRA_OP_THREADS = "ai.djl.pytorch.num_threads";
    static final String INTER_OP_THREADS = "ai.djl.pytorch.num_interop_threads";

    private static Engine engine;

    private DjlRuntime() {
    }

    /** {@link #init(int, int)} with the same number of intra-op and inter-op threads. */
    public static Engine init(int threads) {
        return init(threads, threads);
    }

    /**
     * Loads the PyTorch engine offline with the given thread pools; idempotent. PyTorch fixes its inter-op pool once
     * it has been used, so only the first call (or a {@code -Dai.djl.pytorch.num_interop_threads} given before it)
     * sets it; every call sets the intra-op pool, which PyTorch allows to change at any time.
     */
    public static synchronized Engine init(int intraOpThreads, int interOpThreads) {
        if (intraOpThreads < 1 || interOpThreads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was intra-op " + intraOpThreads
                    + ", inter-op " + interOpThreads);
        }
        if (engine == null) {
            System.setProperty(OFFLINE, "true");
            System.setProperty(DEFAULT_ENGINE, ENGINE);
            System.setProperty(INTRA_OP_THREADS, Integer.toString(intraOpThreads));
            System.setProperty(INTER_OP_THREADS, Integer.toString(interOpThreads));
            engine = Engine.getEngine(ENGINE);
            // Otherwise PyTorch logs a warning per convolution on CPUs that NNPACK does not know (see NnpackSwitch).
            NnpackSwitch.turnOff();
        }
        // The engine may have been loaded before this call (its properties then came too late): set the pool directly.
        if (JniUtils.getNumThreads() != intraOpThreads) {
            JniUtils.setNumThreads(intraOpThreads);
        }
        return engine;
    }

    /** Threads PyTorch uses inside one operator (a matrix multiply, a convolution). */
    public static synchronized int intraOpThreads() {
        requireInitialized();
        return JniUtils.getNumThreads();
    }

    /** Threads PyTorch uses to run independent operators side by side. */
    public static synchronized int interOpThreads() {
        requireInitialized();
        return JniUtils.getNumInteropThreads();
    }

    private static void requireInitialized() {
        if (engine == null) {
            throw new IllegalStateException("DjlRuntime.init has not been called");
        }
    }
}
