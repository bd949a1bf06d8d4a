package io.nas.contract.space;

/** Makes the search space a spec describes. */
public final class SearchSpaces {

    private SearchSpaces() {
    }

    public static SearchSpace of(SearchSpaceSpec spec) {
        SearchSpaceSpec resolved = spec.resolved();
        return resolved.family().equals(SearchSpaceSpec.NB201)
                ? new CellSearchSpace(resolved)
                : new MnasSearchSpace(resolved);
    }

    /** The space of a named preset, e.g. {@code mnasnet-cpu}. */
    public static SearchSpace of(String preset) {
        return of(SearchSpaceSpec.preset(preset));
    }

    /** The MnasNet space of a named preset; refuses a preset of another family, naming it. */
    public static MnasSearchSpace mnas(String preset) {
        if (of(preset) instanceof MnasSearchSpace mnas) {
            return mnas;
        }
        throw new IllegalArgumentException("preset " + preset + " is not a mnasnet space");
    }
}
