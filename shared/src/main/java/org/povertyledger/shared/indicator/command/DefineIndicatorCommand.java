package org.povertyledger.shared.indicator.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.indicator.value.DerivedMeasure;
import org.povertyledger.shared.indicator.value.Direction;
import org.povertyledger.shared.indicator.value.IndicatorCode;
import org.povertyledger.shared.indicator.value.IndicatorKind;
import org.povertyledger.shared.indicator.value.UnitOfMeasure;

/**
 * Adds an indicator to the catalogue. A DERIVED indicator names the {@link DerivedMeasure} that computes it and
 * takes its unit of measure; a REPORTED one names none.
 */
public record DefineIndicatorCommand(@TargetAggregateIdentifier IndicatorCode indicatorCode, String name,
                                     UnitOfMeasure unitOfMeasure, Direction direction, IndicatorKind kind,
                                     DerivedMeasure measure) {

    public DefineIndicatorCommand {
        Require.present("indicatorCode", indicatorCode);
        name = Require.text("name", name, 300);
        Require.present("direction", direction);
        Require.present("kind", kind);
        if (kind == IndicatorKind.DERIVED) {
            Require.present("measure", measure);
            if (unitOfMeasure != null && unitOfMeasure != measure.unitOfMeasure()) {
                throw new ValidationException("unitOfMeasure", "equals:" + measure.unitOfMeasure(),
                        "measure " + measure + " is expressed in " + measure.unitOfMeasure());
            }
            unitOfMeasure = measure.unitOfMeasure();
        } else {
            if (measure != null) {
                throw new ValidationException("measure", "absent", "a REPORTED indicator names no measure");
            }
            Require.present("unitOfMeasure", unitOfMeasure);
        }
    }
}
