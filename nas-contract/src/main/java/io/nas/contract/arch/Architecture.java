package io.nas.contract.arch;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A point of a search space: a MnasNet-style block list or a NAS-Bench-201 cell. Its canonical string is what
 * proposals, results and duplicate detection carry; its JSON form names the family.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "family")
@JsonSubTypes({
        @JsonSubTypes.Type(value = MnasArchitecture.class, name = "mnasnet"),
        @JsonSubTypes.Type(value = CellArchitecture.class, name = "nb201")})
public sealed interface Architecture permits MnasArchitecture, CellArchitecture {

    /** The canonical text form; parsing it gives this architecture back. */
    String canonical();
}
