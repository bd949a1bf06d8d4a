package io.nas.contract.space;

import io.nas.contract.arch.Architecture;

import java.math.BigInteger;
import java.util.List;

/**
 * What a search strategy sees of a space: an ordered list of categorical decisions. A vector with one index per
 * decision decodes to exactly one architecture, and every architecture of the space encodes back to its vector.
 */
public interface SearchSpace {

    /** The fully resolved parameters of this space. */
    SearchSpaceSpec spec();

    List<Decision> decisions();

    /** The architecture an index vector names; refuses a vector of the wrong length or an index out of range. */
    Architecture decode(List<Integer> indices);

    /** The index vector of an architecture; refuses one that is not in this space, saying which choice is not. */
    List<Integer> encode(Architecture architecture);

    /** Reads this space's canonical text form (which may name an architecture outside the space). */
    Architecture parse(String canonical);

    default String canonical(List<Integer> indices) {
        return decode(indices).canonical();
    }

    default List<Integer> encode(String canonical) {
        return encode(parse(canonical));
    }

    /** How many architectures the space holds. */
    default BigInteger size() {
        return decisions().stream().map(d -> BigInteger.valueOf(d.size())).reduce(BigInteger.ONE, BigInteger::multiply);
    }

    /** Checks an index vector against the decisions; the message names the offending decision. */
    default void requireIndices(List<Integer> indices) {
        List<Decision> decisions = decisions();
        if (indices == null || indices.size() != decisions.size()) {
            throw new IllegalArgumentException("expected " + decisions.size() + " indices, one per decision, got "
                    + (indices == null ? "none" : indices.size()));
        }
        for (int i = 0; i < indices.size(); i++) {
            Integer index = indices.get(i);
            if (index == null || index < 0 || index >= decisions.get(i).size()) {
                throw new IllegalArgumentException("index " + i + " (" + decisions.get(i).name() + ") must be in [0, "
                        + decisions.get(i).size() + "), was " + index);
            }
        }
    }
}
