package io.nas.model.data;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The real Fashion-MNIST training images, read once per test JVM. */
public final class FashionMnistFixture {

    private static ImageSet training;

    private FashionMnistFixture() {
    }

    public static synchronized ImageSet training() {
        if (training == null) {
            try {
                training = FashionMnist.training(FashionMnist.DEFAULT_DIRECTORY);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return training;
    }
}
