package org.povertyledger.command.demo;

import java.util.List;

/**
 * A commune-level unit of the demo district.
 *
 * @param code five-digit unit code
 * @param weight relative number of households
 * @param town whether it is a township (urban area)
 * @param especiallyDifficult whether the demo treats it as an especially difficult commune (the faster fall
 *        of minority poverty is modelled there)
 * @param ethnicMix shares of ethnic groups, in the order of {@link DemoDistrict#ETHNIC_GROUPS}
 */
public record Commune(String code, String name, int weight, boolean town, boolean especiallyDifficult,
                      double[] ethnicMix, List<String> villages) {
}
