package org.povertyledger.shared.geography.query;

import java.util.List;
import java.util.Set;

import org.povertyledger.shared.geography.value.UnitFlag;
import org.povertyledger.shared.geography.value.UnitLevel;

/** One unit of the tree with its children on the tree's date. */
public record UnitNode(String unitCode, String name, UnitLevel level, Set<UnitFlag> flags, List<UnitNode> children) {
}
