package org.povertyledger.shared.importing.value;

/** Where an import came from. */
public enum ImportSource {
    /** A file uploaded to {@code POST /api/imports}. */
    HTTP,
    /** A file given to the application jar's {@code import} command. */
    COMMAND_LINE,
    /** The deterministic demo district, generated in the process. */
    DEMO_GENERATOR
}
