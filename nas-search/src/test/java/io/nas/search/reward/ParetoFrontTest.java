package io.nas.search.reward;

import io.nas.search.reward.ParetoFront.Point;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ParetoFrontTest {

    @Test
    void keepsNonDominatedPointsSortedByLatency() {
        ParetoFront front = new ParetoFront();

        assertThat(front.offer(new Point("a", 0.70, 10.0))).isTrue();
        assertThat(front.offer(new Point("b", 0.80, 20.0))).isTrue();
        assertThat(front.offer(new Point("c", 0.60, 5.0))).isTrue();
        assertThat(front.offer(new Point("d", 0.65, 15.0))).as("slower and less accurate than a").isFalse();

        assertThat(front.points()).extracting(Point::trialId).containsExactly("c", "a", "b");
    }

    @Test
    void aDominatingPointRemovesWhatItDominates() {
        ParetoFront front = new ParetoFront(List.of(new Point("a", 0.70, 10.0), new Point("b", 0.80, 20.0),
                new Point("c", 0.60, 5.0)));

        assertThat(front.offer(new Point("e", 0.85, 9.0))).isTrue();

        assertThat(front.points()).extracting(Point::trialId).containsExactly("c", "e");
    }

    @Test
    void tiesInOneObjectiveAreDecidedByTheOther() {
        ParetoFront front = new ParetoFront();
        front.offer(new Point("a", 0.70, 10.0));

        assertThat(front.offer(new Point("same-latency-worse", 0.69, 10.0))).isFalse();
        assertThat(front.offer(new Point("same-accuracy-faster", 0.70, 9.0))).isTrue();
        assertThat(front.points()).extracting(Point::trialId).containsExactly("same-accuracy-faster");
    }

    @Test
    void anEqualPointIsOnTheFrontToo() {
        ParetoFront front = new ParetoFront();
        front.offer(new Point("a", 0.70, 10.0));

        assertThat(front.wouldAccept(new Point("twin", 0.70, 10.0))).isTrue();
        assertThat(front.offer(new Point("twin", 0.70, 10.0))).isTrue();

        assertThat(front.points()).extracting(Point::trialId).containsExactly("a", "twin");
    }
}
