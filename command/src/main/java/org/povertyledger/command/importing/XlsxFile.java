package org.povertyledger.command.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.importing.value.ImportFormat;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * An XLSX workbook read with POI's streaming (SAX) reader: only the first sheet, one row at a time. Shared
 * strings are held in memory (POI's read-only table); rows are not. Formula cells are reported as formulas,
 * never evaluated or replaced by their cached result, so a row holding one is refused.
 */
final class XlsxFile extends SpreadsheetFile {

    XlsxFile(Path path) {
        super(path);
    }

    @Override
    public ImportFormat format() {
        return ImportFormat.XLSX;
    }

    @Override
    void read(RowConsumer consumer) throws InterruptedException {
        checkArchive();
        try (OPCPackage pkg = OPCPackage.open(path().toFile(), PackageAccess.READ)) {
            XSSFReader reader;
            ReadOnlySharedStringsTable strings;
            Iterator<InputStream> sheets;
            try {
                reader = new XSSFReader(pkg);
                strings = new ReadOnlySharedStringsTable(pkg, false);
                sheets = reader.getSheetsData();
            } catch (OpenXML4JException | RuntimeException notAWorkbook) {
                throw new ImportFileException(ErrorCode.IMPORT_FILE_UNSUPPORTED, "csv-or-xlsx",
                        "the file is a ZIP archive but not an XLSX workbook");
            }
            if (!sheets.hasNext()) {
                throw new ImportFileException(ErrorCode.IMPORT_FILE_CORRUPT, "xlsx-readable", "the workbook has no sheet");
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                SheetHandler handler = new SheetHandler(strings, consumer);
                parser.setContentHandler(handler);
                try {
                    parser.parse(new InputSource(sheet));
                } catch (SAXException e) {
                    if (e.getException() instanceof InterruptedException interrupted) {
                        throw interrupted;
                    }
                    if (e.getException() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw corrupt(e);
                }
            }
        } catch (ImportFileException e) {
            throw e;
        } catch (NotOfficeXmlFileException e) {
            throw new ImportFileException(ErrorCode.IMPORT_FILE_UNSUPPORTED, "csv-or-xlsx",
                    "the file is a ZIP archive but not an XLSX workbook");
        } catch (InvalidFormatException | IOException | SAXException | org.apache.poi.ooxml.POIXMLException
                 | org.apache.poi.util.RecordFormatException
                 | IllegalArgumentException | IllegalStateException e) {
            throw corrupt(e);
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException("no XML parser", e);
        }
    }

    /**
     * A damaged archive (a truncated upload) is corrupt; a readable archive without a workbook (a .docx, a
     * plain .zip) is not a spreadsheet at all.
     */
    private void checkArchive() {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(path().toFile())) {
            if (zip.getEntry("[Content_Types].xml") == null) {
                throw new ImportFileException(ErrorCode.IMPORT_FILE_UNSUPPORTED, "csv-or-xlsx",
                        "the file is a ZIP archive but not an XLSX workbook");
            }
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    private static ImportFileException corrupt(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("Zip bomb") || message.contains("max entry size")
                    || message.contains("exceeds the maximum")) {
                // POI's ZipSecureFile limits (povertyledger.limits.import.xlsx-*), checked while inflating
                return new ImportFileException(ErrorCode.IMPORT_TOO_LARGE, "xlsx-inflation",
                        "the XLSX archive inflates beyond the permitted size or ratio (a zip bomb?); nothing was read");
            }
        }
        return new ImportFileException(ErrorCode.IMPORT_FILE_CORRUPT, "xlsx-readable",
                "the XLSX file is damaged and cannot be read (" + e.getClass().getSimpleName() + ")");
    }

    /** Turns {@code <row><c r="B2" t="s"><v>3</v></c></row>} into cells. */
    private static final class SheetHandler extends DefaultHandler {

        /** Cells beyond this column are ignored: no column of the layout lies there, and it bounds a row's size. */
        private static final int MAX_COLUMNS = 256;

        private final ReadOnlySharedStringsTable strings;
        private final RowConsumer consumer;
        private final StringBuilder value = new StringBuilder();
        private List<Cell> cells = new ArrayList<>();
        private long rowNumber;
        private int column = -1;
        private String type;
        private boolean formula;
        private boolean collecting;
        private boolean inInlineString;
        private boolean inPhonetic;

        SheetHandler(ReadOnlySharedStringsTable strings, RowConsumer consumer) {
            this.strings = strings;
            this.consumer = consumer;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            String name = localName == null || localName.isEmpty() ? qName : localName;
            switch (name) {
                case "row" -> {
                    String r = attributes.getValue("r");
                    rowNumber = r == null ? rowNumber + 1 : Long.parseLong(r);
                    cells = new ArrayList<>();
                    column = -1;
                }
                case "c" -> {
                    String ref = attributes.getValue("r");
                    column = ref == null ? column + 1 : columnIndex(ref);
                    type = attributes.getValue("t");
                    formula = false;
                    value.setLength(0);
                }
                case "f" -> formula = true;
                case "v" -> {
                    collecting = true;
                    value.setLength(0);
                }
                case "is" -> {
                    inInlineString = true;
                    value.setLength(0);
                }
                case "rPh" -> inPhonetic = true;
                case "t" -> collecting = inInlineString && !inPhonetic;
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (collecting) {
                value.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            String name = localName == null || localName.isEmpty() ? qName : localName;
            switch (name) {
                case "v", "t" -> collecting = false;
                case "rPh" -> inPhonetic = false;
                case "is" -> inInlineString = false;
                case "c" -> {
                    if (column >= MAX_COLUMNS) {
                        break;
                    }
                    Cell cell = cell();
                    if (cell != null) {
                        while (cells.size() <= column) {
                            cells.add(null);
                        }
                        cells.set(column, cell);
                    }
                }
                case "row" -> {
                    try {
                        consumer.accept(rowNumber, cells);
                    } catch (InterruptedException e) {
                        throw new SAXException(e);
                    }
                }
                default -> {
                }
            }
        }

        private Cell cell() {
            String raw = value.toString();
            if (formula) {
                return new Cell(raw, Cell.Kind.FORMULA, Double.NaN);
            }
            if (type == null || type.equals("n")) {
                if (raw.isEmpty()) {
                    return null;
                }
                try {
                    return Cell.number(Double.parseDouble(raw));
                } catch (NumberFormatException e) {
                    return Cell.text(raw);
                }
            }
            return switch (type) {
                case "s" -> {
                    try {
                        yield Cell.text(strings.getItemAt(Integer.parseInt(raw.strip())).getString());
                    } catch (RuntimeException e) {
                        throw new IllegalStateException("shared string " + raw + " is missing", e);
                    }
                }
                case "inlineStr", "str", "d" -> Cell.text(raw);
                case "b" -> new Cell(raw.equals("1") ? "TRUE" : "FALSE", Cell.Kind.BOOLEAN, Double.NaN);
                case "e" -> new Cell(raw, Cell.Kind.ERROR, Double.NaN);
                default -> Cell.text(raw);
            };
        }

        /** {@code "AB12"} is column 27 (0-based). */
        private static int columnIndex(String ref) {
            int index = 0;
            for (int i = 0; i < ref.length(); i++) {
                char c = ref.charAt(i);
                if (c >= 'A' && c <= 'Z') {
                    index = index * 26 + (c - 'A' + 1);
                } else {
                    break;
                }
            }
            return index - 1;
        }
    }
}
