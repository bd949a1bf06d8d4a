package io.nas.launcher;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** Quarkus tests may load this library in several class loaders; they must still share one broker and S3 server. */
class SharedAcrossClassLoadersTest {

    @Test
    void anotherClassLoaderAttachesToTheSameServers() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        S3Server s3 = S3Server.shared();
        URL classes = KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation();

        try (URLClassLoader isolated = new ChildFirstLoader(classes, getClass().getClassLoader())) {
            Class<?> otherBroker = isolated.loadClass(KafkaBroker.class.getName());
            assertThat(otherBroker).isNotSameAs(KafkaBroker.class);
            Object attached = otherBroker.getMethod("shared").invoke(null);
            assertThat(otherBroker.getMethod("bootstrapServers").invoke(attached)).isEqualTo(broker.bootstrapServers());
            assertThat(otherBroker.getMethod("isAlive").invoke(attached)).isEqualTo(true);
            // Stopping an attached view must leave the owner's process running.
            otherBroker.getMethod("stop").invoke(attached);
            assertThat(broker.isAlive()).isTrue();

            Class<?> otherS3 = isolated.loadClass(S3Server.class.getName());
            Object attachedS3 = otherS3.getMethod("shared").invoke(null);
            assertThat(otherS3.getMethod("endpoint").invoke(attachedS3)).isEqualTo(s3.endpoint());
        }
        assertThat(broker.topics()).isNotNull();
    }

    /** Loads io.nas.launcher itself, everything else from the parent, like a Quarkus class loader does. */
    private static final class ChildFirstLoader extends URLClassLoader {

        ChildFirstLoader(URL classes, ClassLoader parent) {
            super(new URL[] {classes}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("io.nas.launcher.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }
    }
}
