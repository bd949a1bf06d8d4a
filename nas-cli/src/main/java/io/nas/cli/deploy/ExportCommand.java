package io.nas.cli.deploy;

import io.nas.cli.NasCommand;
import io.nas.cli.ObjectStoreOptions;
import io.nas.storage.ObjectStore;
import io.nas.storage.TrialObjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code nas export --trial ID --out DIR}: a trained trial's parameters ({@code final.params}, DJL's format), its
 * architecture (the block string) and its metrics, from the object store. Load them with nas-model's
 * {@code NetworkBuilder} for the block string and DJL's {@code Block.loadParameters}. TorchScript is not written: the
 * network is a DJL block built in Java, which DJL's PyTorch engine cannot trace to TorchScript.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Copies a trial's parameters (final.params), architecture and metrics from the object store.")
public class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--trial", required = true, paramLabel = "ID", description = "The trial id ({experiment}-{seq}).")
    String trialId;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the files.")
    Path out;

    @Mixin
    ObjectStoreOptions objectStore;

    @Override
    public Integer call() throws Exception {
        PrintWriter print = spec.commandLine().getOut();
        int dash = trialId.lastIndexOf('-');
        if (dash < 1 || !trialId.substring(dash + 1).chars().allMatch(Character::isDigit)) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": --trial must be {experiment}-{seq}, was "
                    + trialId);
            return NasCommand.INPUT_ERROR;
        }
        TrialObjects objects = new TrialObjects(trialId.substring(0, dash), trialId);
        ObjectStore store = objectStore.connect();
        Optional<byte[]> params = store.get(objects.finalParams());
        if (params.isEmpty()) {
            spec.commandLine().getErr().printf("%s: %s holds no %s: the trial did not finish training (or it was a "
                    + "duplicate: export the trial it repeats)%n", spec.qualifiedName(), store.bucket(),
                    objects.finalParams());
            return 1;
        }
        Files.createDirectories(out);
        Files.write(out.resolve("final.params"), params.get());
        for (String key : new String[] {objects.architecture(), objects.metrics()}) {
            Optional<byte[]> content = store.get(key);
            if (content.isPresent()) {
                Files.write(out.resolve(key.substring(key.lastIndexOf('/') + 1)), content.get());
            }
        }
        print.printf(Locale.ROOT, "exported %s to %s: final.params (%d bytes), architecture.txt, metrics.json%n",
                trialId, out.toAbsolutePath(), params.get().length);
        print.flush();
        return 0;
    }
}
