package org.povertyledger.shared.importing.value;

/** The kind of input an import read. */
public enum ImportFormat {
    CSV,
    XLSX,
    /** Commands generated in the process (the demo district): no file. */
    GENERATED
}
