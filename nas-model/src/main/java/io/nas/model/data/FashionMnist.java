package io.nas.model.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Zalando, MIT licence) from the idx files of Debian's {@code dataset-fashion-mnist}: 60,000 training
 * and 10,000 test images, 28x28 grey, 10 classes. A directory with the raw (not gzipped) files works the same way.
 */
public final class FashionMnist {

    public static final String NAME = "fashion-mnist";
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    /** The 60,000 training images: the proxy task carves its training and held-out splits from these. */
    public static ImageSet training(Path directory) throws IOException {
        return read(directory, "train");
    }

    /** The 10,000 test images; never used for the search's reward. */
    public static ImageSet test(Path directory) throws IOException {
        return read(directory, "t10k");
    }

    private static ImageSet read(Path directory, String prefix) throws IOException {
        return IdxFiles.read(find(directory, prefix + "-images-idx3-ubyte"), find(directory, prefix + "-labels-idx1-ubyte"),
                CLASS_NAMES);
    }

    private static Path find(Path directory, String name) throws NoSuchFileException {
        for (String candidate : new String[] {name + ".gz", name}) {
            Path file = directory.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new NoSuchFileException(directory.resolve(name + ".gz").toString(), null,
                "Fashion-MNIST not found (Debian: apt-get install dataset-fashion-mnist)");
    }
}
