package io.nas.model;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Turns PyTorch's NNPACK off ({@code at::globalContext().setUserEnabledNNPACK(false)}, which DJL does not expose).
 *
 * <p>Why: before each convolution that oneDNN does not take (the 1x1 convolutions of batch-1 inference on one thread),
 * PyTorch 2.7 asks whether NNPACK is available, and on a CPU that NNPACK's start-up does not recognise (seen on AMD
 * Zen 5 under Firecracker) it logs "Could not initialize NNPACK! Reason: Unsupported hardware." every time: thousands
 * of lines a second on standard error, which cost the timed runs their repeatability and fill the service logs.
 * NNPACK never runs our convolutions anyway (it needs a batch of 16, where oneDNN is chosen first), so turning it off
 * changes no kernel.
 */
final class NnpackSwitch {

    private static final Logger LOG = Logger.getLogger(NnpackSwitch.class.getName());
    private static final String LIBRARY = "libtorch_cpu.so";
    /** {@code at::globalContext()}, {@code at::Context::setUserEnabledNNPACK(bool)} and its getter, Itanium-mangled. */
    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_NNPACK = "_ZN2at7Context20setUserEnabledNNPACKEb";
    private static final String GET_NNPACK = "_ZNK2at7Context17userEnabledNNPACKEv";

    private NnpackSwitch() {
    }

    /** Turns NNPACK off in the loaded PyTorch library; returns whether it is off, logging why not where it is not. */
    static boolean turnOff() {
        try {
            NativeLibrary torch = torch();
            torch.getFunction(SET_NNPACK).invokeVoid(new Object[] {context(torch), false});
            boolean off = isOff(torch);
            if (!off) {
                LOG.warning("PyTorch kept NNPACK on; on CPUs NNPACK does not know, it logs a warning per convolution");
            }
            return off;
        } catch (RuntimeException | LinkageError e) {
            LOG.warning("could not turn PyTorch's NNPACK off (" + e + "); on CPUs NNPACK does not know, PyTorch then "
                    + "logs a warning per convolution");
            return false;
        }
    }

    /** Whether the loaded PyTorch library has NNPACK turned off. */
    static boolean isOff() {
        return isOff(torch());
    }

    private static boolean isOff(NativeLibrary torch) {
        // A C++ bool comes back in the low byte of the return register.
        return (torch.getFunction(GET_NNPACK).invokeInt(new Object[] {context(torch)}) & 0xff) == 0;
    }

    private static Pointer context(NativeLibrary torch) {
        return torch.getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
    }

    private static NativeLibrary torch() {
        Path library = loadedLibrary().orElseThrow(() -> new IllegalStateException(LIBRARY
                + " is not mapped into this process: load the PyTorch engine first"));
        return NativeLibrary.getInstance(library.toString());
    }

    /** The path of PyTorch's CPU library as this process mapped it (DJL loads it from its cache directory). */
    private static Optional<Path> loadedLibrary() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .filter(path -> path.endsWith("/" + LIBRARY))
                    .findFirst()
                    .map(Path::of);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
