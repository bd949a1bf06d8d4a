package io.nas.search.controller;

import io.nas.search.Draw;

import java.util.List;
import java.util.SplittableRandom;

/** A distribution over a space's index vectors that the sampler draws candidates from. */
public interface Policy {

    /** One candidate and its natural-log probability; the same stream state gives the same draw. */
    Draw sample(SplittableRandom random);

    /** The natural-log probability of an index vector; equal to what {@link #sample} reported for it. */
    double logProbability(List<Integer> indices);
}
