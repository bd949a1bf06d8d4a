package io.nas.testsupport;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Kafka clients print their whole configuration at INFO; this module's test output keeps only warnings. */
public class QuietKafkaClientLogs implements LauncherSessionListener {

    /** Held so that the level sticks: java.util.logging keeps loggers only weakly. */
    private static final Logger KAFKA = Logger.getLogger("org.apache.kafka");

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        KAFKA.setLevel(Level.WARNING);
    }
}
