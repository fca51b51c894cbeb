package org.povertyledger.command.importing.config;

import org.apache.poi.openxml4j.util.ZipSecureFile;

import com.mongodb.client.MongoDatabase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.povertyledger.command.importing.BulkImporter;
import org.povertyledger.command.importing.ImportService;
import org.povertyledger.command.importing.LedgerWriter;
import org.povertyledger.shared.rulebook.RulebookRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bulk import: the writer that sends row commands, the importer and the service that runs imports. */
@Configuration(proxyBeanMethods = false)
public class ImportConfiguration {

    @Bean
    LedgerWriter ledgerWriter(CommandGateway gateway) {
        return new LedgerWriter(gateway);
    }

    /**
     * @param lanes commands in flight at once ({@code povertyledger.import.lanes}); the ledger groups their
     *        appends into one durable write
     */
    @Bean
    BulkImporter bulkImporter(LedgerWriter writer, EventStore eventStore, RulebookRegistry rulebooks,
                              @Value("${povertyledger.import.lanes:12}") int lanes,
                              @Value("${povertyledger.limits.import.max-rows:1000000}") long maxRows,
                              @Value("${povertyledger.limits.import.xlsx-min-inflate-ratio:0.01}") double minInflateRatio,
                              @Value("${povertyledger.limits.import.xlsx-max-entry-bytes:1073741824}") long maxEntryBytes) {
        // Process-wide POI settings: every XLSX this process opens is read under them.
        ZipSecureFile.setMinInflateRatio(minInflateRatio);
        ZipSecureFile.setMaxEntrySize(maxEntryBytes);
        return new BulkImporter(writer, eventStore, rulebooks, lanes, maxRows);
    }

    @Bean(destroyMethod = "close")
    ImportService importService(BulkImporter importer, MongoDatabase database) {
        return new ImportService(importer, database);
    }
}
