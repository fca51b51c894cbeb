package org.povertyledger.command.importing;

import java.util.Map;

import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.ValidationException;

/** The file as a whole cannot be imported: not a spreadsheet, corrupt, or without the required columns. */
public class ImportFileException extends ValidationException {

    public ImportFileException(ErrorCode code, String rule, String message) {
        super(code, "file", rule, message, Map.of());
    }

    public ImportFileException(ErrorCode code, String rule, String message, Map<String, ?> details) {
        super(code, "file", rule, message, details);
    }
}
