package io.nas.search.reward;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The accuracy/latency Pareto front of an experiment's trials: maximize accuracy, minimize latency.
 *
 * <p>Tie rules: a point dominates another when it is at least as good in both and strictly better in one. Two
 * points equal in both dominate neither, so both stay on the front (two trials with the same figures are both
 * answers). Not thread-safe: one experiment's updates are serialized by the caller.
 */
public final class ParetoFront {

    /** One trial's figures; {@code trialId} only identifies it. */
    public record Point(String trialId, double accuracy, double latencyMs) {

        public Point {
            RewardInputs.requireFinite(accuracy, "accuracy");
            RewardInputs.requireFinite(latencyMs, "latencyMs");
        }

        public boolean dominates(Point other) {
            return accuracy >= other.accuracy && latencyMs <= other.latencyMs
                    && (accuracy > other.accuracy || latencyMs < other.latencyMs);
        }
    }

    /** Latency ascending, then accuracy descending; equal points keep insertion order (the sort is stable). */
    private static final Comparator<Point> BY_LATENCY = Comparator.comparingDouble(Point::latencyMs)
            .thenComparing(Comparator.comparingDouble(Point::accuracy).reversed());

    private final List<Point> points = new ArrayList<>();

    public ParetoFront() {
    }

    public ParetoFront(List<Point> points) {
        points.forEach(this::offer);
    }

    /** Adds the point unless a point on the front dominates it, removing those it dominates; true if it is on. */
    public boolean offer(Point point) {
        for (Point existing : points) {
            if (existing.dominates(point)) {
                return false;
            }
        }
        points.removeIf(point::dominates);
        points.add(point);
        points.sort(BY_LATENCY);
        return true;
    }

    /** Whether a point with these figures would be on the front now (nothing changes). */
    public boolean wouldAccept(Point point) {
        return points.stream().noneMatch(existing -> existing.dominates(point));
    }

    /** The front, sorted by latency ascending. */
    public List<Point> points() {
        return List.copyOf(points);
    }
}
