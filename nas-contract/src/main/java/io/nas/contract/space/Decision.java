package io.nas.contract.space;

import java.util.List;

/** One categorical choice of a search space: a name such as {@code block2.kernel} and its distinct options. */
public record Decision(String name, List<String> options) {

    public Decision {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a decision needs a name");
        }
        if (options == null || options.isEmpty() || options.stream().distinct().count() != options.size()) {
            throw new IllegalArgumentException("decision " + name + " needs distinct options, was " + options);
        }
        options = List.copyOf(options);
    }

    public int size() {
        return options.size();
    }

    /** The index of {@code option}, or an exception naming the decision and its options. */
    public int indexOf(String option) {
        int index = options.indexOf(option);
        if (index < 0) {
            throw new IllegalArgumentException(name + " '" + option + "' is not in the space; options " + options);
        }
        return index;
    }
}
